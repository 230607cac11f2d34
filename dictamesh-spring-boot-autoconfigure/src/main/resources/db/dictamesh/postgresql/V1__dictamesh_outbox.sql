-- DictaMesh events: transactional outbox (PostgreSQL).
-- Applied by the starter's own Flyway run (history table dictamesh_schema_history),
-- or by hand when dictamesh.events.outbox.initialize-schema=false.

CREATE TABLE dictamesh_outbox (
    id           BIGSERIAL                NOT NULL PRIMARY KEY,
    event_id     VARCHAR(64)              NOT NULL,
    event_type   VARCHAR(255)             NOT NULL,
    topic        VARCHAR(249)             NOT NULL,
    record_key   VARCHAR(1024),
    bucket       INTEGER                  NOT NULL,
    payload      BYTEA                    NOT NULL,
    headers      TEXT                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    status       SMALLINT                 NOT NULL DEFAULT 0, -- 0 pending, 1 published, 2 failed
    attempts     INTEGER                  NOT NULL DEFAULT 0,
    last_error   VARCHAR(2000),
    published_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT dictamesh_outbox_event_id_uk UNIQUE (event_id)
);

-- The relay reads pending rows in id order; partial indexes stay small however many
-- published rows the retention keeps.
CREATE INDEX dictamesh_outbox_pending_ix ON dictamesh_outbox (id) WHERE status = 0;
CREATE INDEX dictamesh_outbox_published_ix ON dictamesh_outbox (published_at) WHERE status = 1;

-- One row per key bucket: the relay instance that may publish the bucket's rows, until when.
CREATE TABLE dictamesh_outbox_lease (
    bucket     INTEGER                  NOT NULL PRIMARY KEY,
    owner      VARCHAR(128),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Live relay instances, each until its last heartbeat plus its own lease, to share the
-- buckets fairly.
CREATE TABLE dictamesh_outbox_instance (
    instance_id  VARCHAR(128)             NOT NULL PRIMARY KEY,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
