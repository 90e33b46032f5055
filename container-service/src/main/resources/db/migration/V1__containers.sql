-- Containers this node owns, and the images it has learned of from image events.
CREATE TABLE container (
    id           CHAR(64)      PRIMARY KEY,
    name         VARCHAR(255)  NOT NULL UNIQUE,
    image        VARCHAR(512)  NOT NULL,
    image_id     VARCHAR(71)   NOT NULL,
    config       CLOB          NOT NULL,
    host_config  CLOB          NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL
);

CREATE TABLE known_image (
    id           VARCHAR(71)   PRIMARY KEY,
    repo_tags    CLOB          NOT NULL,
    descriptor   CLOB          NOT NULL
);
