-- DictaMesh events: idempotency marks (MySQL 8 and MariaDB 10.6+). One row per event a
-- handler of a consumer group has processed; written in the handler's transaction when it
-- has one. Times are UTC.

CREATE TABLE dictamesh_processed_event (
    consumer_group VARCHAR(191) NOT NULL,
    handler_id     VARCHAR(191) NOT NULL,
    event_id       VARCHAR(64)  NOT NULL,
    processed_at   DATETIME(6)  NOT NULL,
    CONSTRAINT dictamesh_processed_event_pk PRIMARY KEY (consumer_group, handler_id, event_id),
    INDEX dictamesh_processed_event_time_ix (processed_at)
) ENGINE = InnoDB;
