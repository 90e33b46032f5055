-- What the runtime knows of each container's runs: its process (pid + start time name it for
-- good), its last exit, its root file system from the layer-service, and the create command
-- waiting for that root (the create's outcome is published once the snapshot is prepared).
CREATE TABLE container_run (
    id                CHAR(64)      PRIMARY KEY,
    pid               BIGINT        NOT NULL,
    start_time        BIGINT        NOT NULL,
    exit_code         INT           NOT NULL,
    error             VARCHAR(4096),
    oom_killed        BOOLEAN       NOT NULL,
    started_at        TIMESTAMP(6),
    finished_at       TIMESTAMP(6),
    restart_count     INT           NOT NULL,
    manually_stopped  BOOLEAN       NOT NULL,
    lower_dirs        CLOB,
    upper_dir         VARCHAR(4096),
    work_dir          VARCHAR(4096),
    create_cause      CLOB,
    keeper_fds        VARCHAR(255)
);
