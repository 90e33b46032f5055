-- Layers: each blob knows its uncompressed size, and a lease keeps a fresh upload from the
-- garbage collector until an image references it.
ALTER TABLE blob ADD COLUMN diff_size BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE blob ADD COLUMN lease_until TIMESTAMP(6);
CREATE INDEX blob_diff_id ON blob (diff_id);

-- Committed snapshots: one unpacked directory per layer chain id ('layer'), and flattened
-- directories that stand for the bottom of a chain too deep for one overlay mount ('flat').
DROP TABLE snapshot;
CREATE TABLE snapshot (
    id           VARCHAR(80)   PRIMARY KEY,
    chain_id     VARCHAR(71)   NOT NULL,
    kind         VARCHAR(8)    NOT NULL,
    diff_id      VARCHAR(71)   NOT NULL,
    dir          VARCHAR(32)   NOT NULL,
    size         BIGINT        NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL
);
CREATE INDEX snapshot_chain ON snapshot (chain_id);
CREATE SEQUENCE snapshot_dir_seq START WITH 1;

-- Writable snapshots (a container's upper and work directories on top of a chain).
CREATE TABLE active_snapshot (
    snapshot_key     VARCHAR(128)  PRIMARY KEY,
    parent_chain_id  VARCHAR(71),
    snapshot_ids     CLOB          NOT NULL,
    lower_dirs       CLOB          NOT NULL,
    dir              VARCHAR(32)   NOT NULL,
    created_at       TIMESTAMP(6)  NOT NULL
);

-- Which layers each image uses, learned from image events (event-carried state transfer).
CREATE TABLE image_layer (
    image_id     VARCHAR(71)   NOT NULL,
    idx          INT           NOT NULL,
    diff_id      VARCHAR(71)   NOT NULL,
    chain_id     VARCHAR(71)   NOT NULL,
    PRIMARY KEY (image_id, idx)
);
CREATE INDEX image_layer_chain ON image_layer (chain_id);
CREATE INDEX image_layer_diff ON image_layer (diff_id);
