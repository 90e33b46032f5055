-- Image records: the config exactly as stored (its digest is the image id), its layers, its tags,
-- and the containers using it (learned from container events).
DROP TABLE image;
CREATE TABLE image (
    id             VARCHAR(71)   PRIMARY KEY,
    config         BLOB          NOT NULL,
    parent_id      VARCHAR(71),
    created        TIMESTAMP(6)  NOT NULL,
    size           BIGINT        NOT NULL,
    stored_at      TIMESTAMP(6)  NOT NULL,
    last_tag_time  TIMESTAMP(6)
);

CREATE TABLE image_layer (
    image_id     VARCHAR(71)   NOT NULL,
    idx          INT           NOT NULL,
    diff_id      VARCHAR(71)   NOT NULL,
    chain_id     VARCHAR(71)   NOT NULL,
    blob_digest  VARCHAR(71)   NOT NULL,
    media_type   VARCHAR(255)  NOT NULL,
    size         BIGINT        NOT NULL,
    PRIMARY KEY (image_id, idx)
);
CREATE INDEX image_layer_diff ON image_layer (diff_id);

CREATE TABLE image_tag (
    reference    VARCHAR(512)  PRIMARY KEY,
    image_id     VARCHAR(71)   NOT NULL,
    tagged_at    TIMESTAMP(6)  NOT NULL
);
CREATE INDEX image_tag_image ON image_tag (image_id);

CREATE TABLE image_user (
    container_id  VARCHAR(64)  PRIMARY KEY,
    image_id      VARCHAR(71)  NOT NULL,
    running       BOOLEAN      NOT NULL
);
CREATE INDEX image_user_image ON image_user (image_id);
