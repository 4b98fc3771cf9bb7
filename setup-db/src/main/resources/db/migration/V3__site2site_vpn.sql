-- Site-to-site VPN: customer gateways, VPN gateways, connections (CloudStack's tables, with wider policy columns,
-- the monitor's reason and time of the last state change) and byte usage.

CREATE TABLE s2s_customer_gateway (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    gateway_ip VARCHAR(255) NOT NULL,
    guest_cidr_list VARCHAR(1024) NOT NULL,
    ipsec_psk VARCHAR(1024) NOT NULL,
    ike_policy VARCHAR(1024) NOT NULL,
    esp_policy VARCHAR(1024) NOT NULL,
    ike_lifetime INT NOT NULL DEFAULT 86400,
    esp_lifetime INT NOT NULL DEFAULT 3600,
    dpd BOOLEAN NOT NULL DEFAULT FALSE,
    force_encap BOOLEAN NOT NULL DEFAULT FALSE,
    ike_version VARCHAR(5) NOT NULL DEFAULT 'ike',
    split_connections BOOLEAN NOT NULL DEFAULT FALSE,
    domain_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_s2s_customer_gateway_uuid UNIQUE (uuid),
    CONSTRAINT fk_s2s_customer_gateway_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX i_s2s_customer_gateway_account ON s2s_customer_gateway (account_id, name);

CREATE TABLE s2s_vpn_gateway (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    addr_id BIGINT NOT NULL,
    vpc_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    display BOOLEAN NOT NULL DEFAULT TRUE,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_s2s_vpn_gateway_uuid UNIQUE (uuid),
    CONSTRAINT fk_s2s_vpn_gateway_addr FOREIGN KEY (addr_id) REFERENCES user_ip_address (id),
    CONSTRAINT fk_s2s_vpn_gateway_vpc FOREIGN KEY (vpc_id) REFERENCES vpc (id)
);
CREATE INDEX i_s2s_vpn_gateway_vpc ON s2s_vpn_gateway (vpc_id);

CREATE TABLE s2s_vpn_connection (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    vpn_gateway_id BIGINT NOT NULL,
    customer_gateway_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    domain_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    passive BOOLEAN NOT NULL DEFAULT FALSE,
    display BOOLEAN NOT NULL DEFAULT TRUE,
    reason VARCHAR(1024) NULL,
    state_changed DATETIME NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_s2s_vpn_connection_uuid UNIQUE (uuid),
    CONSTRAINT fk_s2s_vpn_connection_gateway FOREIGN KEY (vpn_gateway_id) REFERENCES s2s_vpn_gateway (id),
    CONSTRAINT fk_s2s_vpn_connection_customer FOREIGN KEY (customer_gateway_id) REFERENCES s2s_customer_gateway (id)
);
CREATE INDEX i_s2s_vpn_connection_gateway ON s2s_vpn_connection (vpn_gateway_id);
CREATE INDEX i_s2s_vpn_connection_customer ON s2s_vpn_connection (customer_gateway_id);

-- The SA counters last seen per connection, and the bytes counted so far: counters restart at 0 after a rekey
-- or a router restart, the totals never go backwards.
CREATE TABLE s2s_vpn_usage (
    connection_id BIGINT NOT NULL PRIMARY KEY,
    last_bytes_in BIGINT NOT NULL DEFAULT 0,
    last_bytes_out BIGINT NOT NULL DEFAULT 0,
    total_bytes_in BIGINT NOT NULL DEFAULT 0,
    total_bytes_out BIGINT NOT NULL DEFAULT 0,
    updated DATETIME NOT NULL
);

-- Usage records as listUsageRecords shows them: bytes per connection per hour.
CREATE TABLE usage_record (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    usage_type INT NOT NULL,
    account_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    zone_id BIGINT NOT NULL,
    usage_id BIGINT NOT NULL,
    description VARCHAR(1024) NOT NULL,
    raw_usage BIGINT NOT NULL,
    start_date DATETIME NOT NULL,
    end_date DATETIME NOT NULL,
    CONSTRAINT uc_usage_record UNIQUE (usage_type, usage_id, start_date)
);
CREATE INDEX i_usage_record_account ON usage_record (account_id, start_date);
