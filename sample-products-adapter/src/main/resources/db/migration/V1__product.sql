-- The products adapter's own table, on H2 and PostgreSQL. The outbox tables are the
-- starter's, created from its own migrations with their own history table.
CREATE TABLE product (
    id          UUID           NOT NULL PRIMARY KEY,
    sku         VARCHAR(64)    NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    description VARCHAR(2000)  NOT NULL,
    category    VARCHAR(100)   NOT NULL,
    brand       VARCHAR(100)   NOT NULL,
    price       NUMERIC(12, 2) NOT NULL,
    currency    CHAR(3)        NOT NULL,
    stock       INTEGER        NOT NULL,
    tags        VARCHAR(1000)  NOT NULL,
    version     BIGINT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT product_sku_unique UNIQUE (sku)
);

CREATE INDEX product_category_name ON product (category, name);
