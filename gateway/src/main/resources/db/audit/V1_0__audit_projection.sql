-- The audit projection: one row per message on the audit, command and event topics, rebuilt from
-- Kafka at will (delete both tables' rows and replay). Offsets live here, written in the same
-- transaction as the rows they produced, so each message is projected exactly once.
CREATE TABLE audit_entry (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_topic     VARCHAR(255)  NOT NULL,
    source_partition INT           NOT NULL,
    source_offset    BIGINT        NOT NULL,
    occurred_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- occurred_at made monotonic within the partition: the history's order. Envelope times come
    -- from several clocks and moments (a quick process's Died may carry an earlier time than its
    -- Started), while a partition's order is the subject's true order.
    ordered_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    type             VARCHAR(255)  NOT NULL,
    subject          VARCHAR(255),
    subject_name     VARCHAR(255),
    envelope_id      VARCHAR(64)   NOT NULL,
    correlation_id   VARCHAR(64)   NOT NULL,
    causation_id     VARCHAR(64),
    principal        VARCHAR(255),
    remote_address   VARCHAR(255),
    user_agent       VARCHAR(1024),
    action           VARCHAR(255),
    outcome          VARCHAR(4096),
    payload          CLOB          NOT NULL,
    CONSTRAINT audit_entry_source UNIQUE (source_topic, source_partition, source_offset)
);
CREATE INDEX audit_entry_time ON audit_entry (ordered_at);
CREATE INDEX audit_entry_subject ON audit_entry (subject);
CREATE INDEX audit_entry_subject_name ON audit_entry (subject_name);
CREATE INDEX audit_entry_correlation ON audit_entry (correlation_id);

CREATE TABLE audit_offset (
    source_topic     VARCHAR(255) NOT NULL,
    source_partition INT          NOT NULL,
    next_offset      BIGINT       NOT NULL,
    PRIMARY KEY (source_topic, source_partition)
);
