-- A PSK of CloudStack's longest (255 characters) encrypts to up to 1,065 characters when its characters take three
-- bytes in UTF-8 ("gcm1:" + Base64 of nonce, 765 bytes and tag): V3's 1,024 refused it.
ALTER TABLE s2s_customer_gateway MODIFY ipsec_psk VARCHAR(2048) NOT NULL;
