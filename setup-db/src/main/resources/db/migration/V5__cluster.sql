-- Several management servers on one database, as CloudStack deploys them: each server writes a heartbeat into
-- mshost; each router is checked by the one server that owns it (owner_msid); when a server's heartbeat stops, the
-- others mark it Down, fail its pending jobs and share out its routers. last_checked is when a router was last
-- checked, by whichever server.
CREATE TABLE mshost (
    msid BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    state VARCHAR(16) NOT NULL,
    last_heartbeat DATETIME(3) NOT NULL,
    started DATETIME NOT NULL
);

ALTER TABLE domain_router ADD COLUMN owner_msid BIGINT NULL;
ALTER TABLE domain_router ADD COLUMN last_checked DATETIME(3) NULL;
CREATE INDEX i_domain_router_owner ON domain_router (owner_msid);
