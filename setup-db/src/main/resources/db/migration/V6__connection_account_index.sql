-- listVpnConnections reads the ids of a caller's connections on (account, removed) alone, from the index: without it,
-- every row of the table (with 10,000 connections, to count them and to reach a page).
CREATE INDEX i_s2s_vpn_connection_account ON s2s_vpn_connection (account_id, removed);
