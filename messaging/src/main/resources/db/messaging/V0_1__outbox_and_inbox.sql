-- Shared by every service: the transactional outbox and the idempotent inbox.
-- Versioned 0.x so that each service's own migrations (V1 and up) come after it.
CREATE TABLE outbox (
    seq         BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id  VARCHAR(64)      NOT NULL UNIQUE,
    topic       VARCHAR(249)     NOT NULL,
    record_key  VARCHAR(512),
    headers     VARCHAR(8192)    NOT NULL,
    payload     VARBINARY(16777216) NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL
);

CREATE TABLE inbox (
    id          VARCHAR(320)     PRIMARY KEY,
    handled_at  TIMESTAMP(6) NOT NULL
);

CREATE INDEX inbox_handled_at ON inbox (handled_at);
