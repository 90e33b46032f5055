-- Commits in progress (docker commit): the command and its envelope, so that the outcome is
-- published caused by it once the layer-service made the diff and the image-service the image;
-- the container's image and config as they were when the commit began; whether the commit froze
-- the container (it is thawed when the commit ends).
CREATE TABLE container_commit (
    container_id  CHAR(64)      PRIMARY KEY,
    request       CLOB          NOT NULL,
    cause         CLOB          NOT NULL,
    image_id      VARCHAR(71)   NOT NULL,
    config        CLOB          NOT NULL,
    froze         BOOLEAN       NOT NULL
);
