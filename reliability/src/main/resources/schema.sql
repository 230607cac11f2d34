-- The reliability service's own tables: orders (the business rows written with their
-- outbox event) and effects (one row per handler invocation, no unique key on purpose,
-- with where the event was read and which instance applied it).
CREATE TABLE IF NOT EXISTS reliability_order (
    seq        BIGINT                   NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS reliability_effect (
    id              BIGSERIAL                NOT NULL PRIMARY KEY,
    event_id        VARCHAR(64)              NOT NULL,
    entity_id       VARCHAR(64)              NOT NULL,
    seq             BIGINT                   NOT NULL,
    topic_partition INTEGER                  NOT NULL,
    record_offset   BIGINT                   NOT NULL,
    instance        VARCHAR(64)              NOT NULL,
    applied_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per redelivery the idempotency store absorbed (the handler was not called).
CREATE TABLE IF NOT EXISTS reliability_absorbed (
    id          BIGSERIAL                NOT NULL PRIMARY KEY,
    handler_id  VARCHAR(255)             NOT NULL,
    absorbed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
