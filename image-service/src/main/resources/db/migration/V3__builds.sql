-- Builds in progress (a build that was running when the service stopped is failed at start-up)
-- and the step cache: a step's key (parent image, instruction, build args, copied files' content)
-- names the image it made; a cached image's removal drops its entries.
CREATE TABLE build (
    id         VARCHAR(255)  PRIMARY KEY,
    cause      CLOB          NOT NULL,
    started_at TIMESTAMP(6)  NOT NULL
);

CREATE TABLE build_cache (
    cache_key  VARCHAR(71)   PRIMARY KEY,
    image_id   VARCHAR(71)   NOT NULL,
    created_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT fk_build_cache_image FOREIGN KEY (image_id) REFERENCES image (id) ON DELETE CASCADE
);
