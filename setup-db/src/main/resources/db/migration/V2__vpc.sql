-- Network nodes, the zone's public network, offerings, VPCs, tiers and VPC routers.

CREATE TABLE host (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    data_center_id BIGINT NOT NULL,
    url VARCHAR(255) NOT NULL,
    address VARCHAR(255) NOT NULL,
    port INT NOT NULL,
    username VARCHAR(255) NOT NULL,
    status VARCHAR(32) NOT NULL,
    scripts_version VARCHAR(64) NULL,
    last_error VARCHAR(1024) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_host_uuid UNIQUE (uuid),
    CONSTRAINT fk_host_zone FOREIGN KEY (data_center_id) REFERENCES data_center (id)
);

CREATE TABLE vlan (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    data_center_id BIGINT NOT NULL,
    vlan_id VARCHAR(255) NOT NULL,
    vlan_gateway VARCHAR(64) NOT NULL,
    vlan_netmask VARCHAR(64) NOT NULL,
    start_ip VARCHAR(64) NOT NULL,
    end_ip VARCHAR(64) NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_vlan_uuid UNIQUE (uuid),
    CONSTRAINT fk_vlan_zone FOREIGN KEY (data_center_id) REFERENCES data_center (id)
);

CREATE TABLE user_ip_address (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    public_ip_address VARCHAR(64) NOT NULL,
    data_center_id BIGINT NOT NULL,
    vlan_db_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    source_nat BOOLEAN NOT NULL DEFAULT FALSE,
    account_id BIGINT NULL,
    domain_id BIGINT NULL,
    vpc_id BIGINT NULL,
    allocated DATETIME NULL,
    CONSTRAINT uc_user_ip_address_uuid UNIQUE (uuid),
    CONSTRAINT uc_user_ip_address_ip UNIQUE (data_center_id, public_ip_address),
    CONSTRAINT fk_user_ip_address_vlan FOREIGN KEY (vlan_db_id) REFERENCES vlan (id)
);
CREATE INDEX i_user_ip_address_state ON user_ip_address (data_center_id, state);

CREATE TABLE vpc_offerings (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    display_text VARCHAR(255) NOT NULL,
    state VARCHAR(32) NOT NULL,
    is_default BOOLEAN NOT NULL,
    services VARCHAR(1024) NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_vpc_offerings_uuid UNIQUE (uuid)
);

CREATE TABLE network_offerings (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    display_text VARCHAR(255) NOT NULL,
    state VARCHAR(32) NOT NULL,
    is_default BOOLEAN NOT NULL,
    for_vpc BOOLEAN NOT NULL,
    services VARCHAR(1024) NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_network_offerings_uuid UNIQUE (uuid)
);

CREATE TABLE vpc (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    display_text VARCHAR(255) NOT NULL,
    cidr VARCHAR(18) NOT NULL,
    vpc_offering_id BIGINT NOT NULL,
    zone_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    network_domain VARCHAR(255) NULL,
    restart_required BOOLEAN NOT NULL DEFAULT FALSE,
    display BOOLEAN NOT NULL DEFAULT TRUE,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_vpc_uuid UNIQUE (uuid),
    CONSTRAINT fk_vpc_offering FOREIGN KEY (vpc_offering_id) REFERENCES vpc_offerings (id),
    CONSTRAINT fk_vpc_zone FOREIGN KEY (zone_id) REFERENCES data_center (id),
    CONSTRAINT fk_vpc_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX i_vpc_account ON vpc (account_id);

CREATE TABLE networks (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    display_text VARCHAR(255) NOT NULL,
    vpc_id BIGINT NOT NULL,
    network_offering_id BIGINT NOT NULL,
    data_center_id BIGINT NOT NULL,
    gateway VARCHAR(64) NOT NULL,
    cidr VARCHAR(18) NOT NULL,
    broadcast_uri VARCHAR(64) NULL,
    account_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_networks_uuid UNIQUE (uuid),
    CONSTRAINT fk_networks_vpc FOREIGN KEY (vpc_id) REFERENCES vpc (id),
    CONSTRAINT fk_networks_offering FOREIGN KEY (network_offering_id) REFERENCES network_offerings (id)
);
CREATE INDEX i_networks_vpc ON networks (vpc_id);

CREATE TABLE domain_router (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    vpc_id BIGINT NOT NULL,
    data_center_id BIGINT NOT NULL,
    host_id BIGINT NULL,
    public_ip_id BIGINT NULL,
    account_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    last_error VARCHAR(1024) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_domain_router_uuid UNIQUE (uuid),
    CONSTRAINT fk_domain_router_vpc FOREIGN KEY (vpc_id) REFERENCES vpc (id),
    CONSTRAINT fk_domain_router_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX i_domain_router_vpc ON domain_router (vpc_id);
CREATE INDEX i_domain_router_state ON domain_router (state);
