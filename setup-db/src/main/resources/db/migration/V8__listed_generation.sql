-- What a listed connection shows (its state, its customer gateway, ...) changes more often than which connections
-- there are: a second count, so that a state change lets the servers keep the ids of their searches and read again
-- only the rows they show.
INSERT INTO s2s_generation (name, generation) VALUES ('s2s_vpn_connection_listed', 0);
