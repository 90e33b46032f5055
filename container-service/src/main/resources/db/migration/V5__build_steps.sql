-- Containers that run one RUN step of a build (Docker's intermediate containers): they start as
-- soon as their root is prepared, their output is published as build output, and their exit is
-- the outcome of the build-step command whose envelope is kept here.
CREATE TABLE build_step (
    container_id  CHAR(64)      PRIMARY KEY,
    build_id      VARCHAR(255)  NOT NULL,
    step          INT           NOT NULL,
    cause         CLOB          NOT NULL
);
