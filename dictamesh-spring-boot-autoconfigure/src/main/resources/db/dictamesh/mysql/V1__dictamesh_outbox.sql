-- DictaMesh events: transactional outbox (MySQL 8 and MariaDB 10.6+).
-- Applied by the starter's own Flyway run (history table dictamesh_schema_history),
-- or by hand when dictamesh.events.outbox.initialize-schema=false.
-- Times are UTC (UTC_TIMESTAMP), whatever the server's time zone.

CREATE TABLE dictamesh_outbox (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id     VARCHAR(64)   NOT NULL,
    event_type   VARCHAR(255)  NOT NULL,
    topic        VARCHAR(249)  NOT NULL,
    record_key   VARCHAR(1024),
    bucket       INT           NOT NULL,
    payload      LONGBLOB      NOT NULL,
    headers      TEXT          NOT NULL,
    created_at   DATETIME(6)   NOT NULL,
    status       SMALLINT      NOT NULL DEFAULT 0, -- 0 pending, 1 published, 2 failed
    attempts     INT           NOT NULL DEFAULT 0,
    last_error   VARCHAR(2000),
    published_at DATETIME(6),
    CONSTRAINT dictamesh_outbox_event_id_uk UNIQUE (event_id),
    INDEX dictamesh_outbox_pending_ix (status, id),
    INDEX dictamesh_outbox_published_ix (status, published_at)
) ENGINE = InnoDB;

CREATE TABLE dictamesh_outbox_lease (
    bucket     INT          NOT NULL PRIMARY KEY,
    owner      VARCHAR(128),
    expires_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB;

CREATE TABLE dictamesh_outbox_instance (
    instance_id  VARCHAR(128) NOT NULL PRIMARY KEY,
    expires_at   DATETIME(6)  NOT NULL
) ENGINE = InnoDB;
