-- The content store's index (the bytes live in files named by digest) and unpacked snapshots.
CREATE TABLE blob (
    digest       VARCHAR(71)   PRIMARY KEY,
    media_type   VARCHAR(255)  NOT NULL,
    size         BIGINT        NOT NULL,
    diff_id      VARCHAR(71),
    stored_at    TIMESTAMP(6)  NOT NULL
);

CREATE TABLE snapshot (
    chain_id     VARCHAR(71)   PRIMARY KEY,
    parent       VARCHAR(71),
    diff_id      VARCHAR(71)   NOT NULL,
    path         VARCHAR(1024) NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL
);
