-- Volumes this node keeps (their data is under <data-dir>/container-service/volumes/<name>/_data),
-- and each container's mounts as resolved at create: binds, volumes and tmpfs mounts. A volume is
-- in use while a container_mount row names it.
CREATE TABLE volume (
    name        VARCHAR(255)  PRIMARY KEY,
    driver      VARCHAR(64)   NOT NULL,
    labels      CLOB          NOT NULL,
    options     CLOB          NOT NULL,
    anonymous   BOOLEAN       NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL
);

CREATE TABLE container_mount (
    id            VARCHAR(4200)  PRIMARY KEY,
    container_id  CHAR(64)       NOT NULL,
    volume_name   VARCHAR(255),
    mount         CLOB           NOT NULL
);

CREATE INDEX container_mount_container ON container_mount (container_id);
CREATE INDEX container_mount_volume ON container_mount (volume_name);
