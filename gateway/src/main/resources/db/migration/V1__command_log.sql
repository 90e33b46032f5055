-- Every command the gateway sent and how it ended: the seed of the audit history.
CREATE TABLE command_log (
    message_id    VARCHAR(64)   PRIMARY KEY,
    command_type  VARCHAR(255)  NOT NULL,
    subject       VARCHAR(512),
    remote        VARCHAR(255),
    user_agent    VARCHAR(512),
    sent_at       TIMESTAMP(6)  NOT NULL,
    outcome_type  VARCHAR(255),
    error_code    VARCHAR(32),
    message       VARCHAR(4096),
    finished_at   TIMESTAMP(6)
);
