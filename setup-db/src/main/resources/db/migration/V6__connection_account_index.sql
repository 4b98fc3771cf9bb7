-- listVpnConnections counts and pages a caller's connections on (account, removed) alone: without this index both
-- read every row of the table (with 10,000 connections, 5,000 whole rows skipped on average to reach a page).
CREATE INDEX i_s2s_vpn_connection_account ON s2s_vpn_connection (account_id, removed);
