-- Base schema: domains, roles, accounts, users, sessions, async jobs, events, alerts, settings, the zone.
-- Written once for MySQL/MariaDB and for H2 in MySQL mode: plain types, no engine or charset clauses
-- (the database's own defaults apply: setup-databases creates it utf8mb4).

CREATE TABLE domain (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    parent BIGINT NULL,
    name VARCHAR(255) NOT NULL,
    path VARCHAR(1024) NOT NULL,
    level INT NOT NULL,
    network_domain VARCHAR(255) NULL,
    state VARCHAR(32) NOT NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_domain_uuid UNIQUE (uuid),
    CONSTRAINT fk_domain_parent FOREIGN KEY (parent) REFERENCES domain (id)
);

CREATE TABLE roles (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    role_type VARCHAR(32) NOT NULL,
    description VARCHAR(255) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_roles_uuid UNIQUE (uuid)
);

CREATE TABLE account (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    account_name VARCHAR(100) NOT NULL,
    type INT NOT NULL,
    role_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    state VARCHAR(32) NOT NULL,
    network_domain VARCHAR(255) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_account_uuid UNIQUE (uuid),
    CONSTRAINT fk_account_domain FOREIGN KEY (domain_id) REFERENCES domain (id),
    CONSTRAINT fk_account_role FOREIGN KEY (role_id) REFERENCES roles (id)
);
CREATE INDEX i_account_domain_name ON account (domain_id, account_name);

CREATE TABLE user (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    username VARCHAR(255) NOT NULL,
    password VARCHAR(255) NULL,
    account_id BIGINT NOT NULL,
    firstname VARCHAR(255) NULL,
    lastname VARCHAR(255) NULL,
    email VARCHAR(255) NULL,
    state VARCHAR(32) NOT NULL,
    api_key VARCHAR(255) NULL,
    secret_key VARCHAR(512) NULL,
    timezone VARCHAR(64) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_user_uuid UNIQUE (uuid),
    CONSTRAINT uc_user_api_key UNIQUE (api_key),
    CONSTRAINT fk_user_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX i_user_username ON user (username);

CREATE TABLE user_session (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_key VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL,
    created DATETIME NOT NULL,
    last_access DATETIME NOT NULL,
    CONSTRAINT uc_user_session_key UNIQUE (session_key),
    CONSTRAINT fk_user_session_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
);

CREATE TABLE async_job (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    user_id BIGINT NOT NULL,
    user_uuid VARCHAR(40) NOT NULL,
    account_id BIGINT NOT NULL,
    account_uuid VARCHAR(40) NOT NULL,
    domain_id BIGINT NOT NULL,
    job_cmd VARCHAR(255) NOT NULL,
    job_cmd_info MEDIUMTEXT NULL,
    instance_type VARCHAR(64) NULL,
    instance_uuid VARCHAR(40) NULL,
    job_status INT NOT NULL,
    job_result_code INT NOT NULL,
    job_result MEDIUMTEXT NULL,
    executing_msid BIGINT NOT NULL,
    created DATETIME NOT NULL,
    last_updated DATETIME NOT NULL,
    completed DATETIME NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_async_job_uuid UNIQUE (uuid)
);
CREATE INDEX i_async_job_status_msid ON async_job (job_status, executing_msid);
CREATE INDEX i_async_job_account ON async_job (account_id);

CREATE TABLE event (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    type VARCHAR(64) NOT NULL,
    state VARCHAR(32) NOT NULL,
    level VARCHAR(16) NOT NULL,
    description VARCHAR(1024) NOT NULL,
    user_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    created DATETIME NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT uc_event_uuid UNIQUE (uuid)
);
CREATE INDEX i_event_account ON event (account_id, created);

CREATE TABLE alert (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    type INT NOT NULL,
    name VARCHAR(255) NOT NULL,
    subject VARCHAR(999) NOT NULL,
    content VARCHAR(4096) NULL,
    data_center_id BIGINT NULL,
    created DATETIME NOT NULL,
    last_sent DATETIME NULL,
    sent_count INT NOT NULL DEFAULT 1,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT uc_alert_uuid UNIQUE (uuid)
);

CREATE TABLE configuration (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    category VARCHAR(255) NOT NULL,
    value VARCHAR(4096) NULL,
    default_value VARCHAR(4096) NULL,
    description VARCHAR(1024) NULL,
    updated DATETIME NULL
);

CREATE TABLE data_center (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid VARCHAR(40) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NULL,
    dns1 VARCHAR(255) NULL,
    internal_dns1 VARCHAR(255) NULL,
    networktype VARCHAR(32) NOT NULL,
    allocation_state VARCHAR(32) NOT NULL,
    domain VARCHAR(100) NULL,
    guest_network_cidr VARCHAR(18) NULL,
    created DATETIME NOT NULL,
    removed DATETIME NULL,
    CONSTRAINT uc_data_center_uuid UNIQUE (uuid)
);
