-- The generation of a table whose ordered ids the management servers keep between list calls: every write that adds,
-- removes or re-labels (display) a row increments it right after, so that each server sees with one read whether
-- the ids it kept are current, whichever server wrote.
CREATE TABLE s2s_generation (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO s2s_generation (name, generation) VALUES ('s2s_vpn_connection', 0);
