-- DictaMesh events: idempotency marks (PostgreSQL). One row per event a handler of a
-- consumer group has processed; written in the handler's transaction when it has one.

CREATE TABLE dictamesh_processed_event (
    consumer_group VARCHAR(255)             NOT NULL,
    handler_id     VARCHAR(255)             NOT NULL,
    event_id       VARCHAR(64)              NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dictamesh_processed_event_pk PRIMARY KEY (consumer_group, handler_id, event_id)
);

CREATE INDEX dictamesh_processed_event_time_ix ON dictamesh_processed_event (processed_at);
