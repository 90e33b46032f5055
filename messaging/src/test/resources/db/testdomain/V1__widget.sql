-- A stand-in domain table for the exactly-once tests.
CREATE TABLE widget (id VARCHAR(64) PRIMARY KEY);
