-- Image records: one row per image id (the digest of its config), with its tags.
CREATE TABLE image (
    id           VARCHAR(71)   PRIMARY KEY,
    repo_tags    CLOB          NOT NULL,
    descriptor   CLOB          NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL
);
