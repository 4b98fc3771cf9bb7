-- Per remote subnet, whether its CHILD SA is up: the names of the connection's CHILD SAs that its router reported
-- installed (or rekeying) at the monitor's last reading, comma-separated in the order of the remote subnets; NULL
-- when none is (as after any state change but the monitor's). Written by the monitor only when it changes, like
-- the state and the reason, so that every management server's lists show it.
ALTER TABLE s2s_vpn_connection ADD COLUMN child_sas_up VARCHAR(4096) NULL;
