vpn-7: #1, ESTABLISHED, IKEv2, 1b2529b4cde89976_i* 04c2995d3707cdc2_r
  local  '198.51.100.10' @ 198.51.100.10[4500]
  remote '198.51.100.20' @ 198.51.100.20[4500]
  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
  established 4s ago, rekeying in 13150s
  vpn-7: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128
    installed 4s ago, rekeying in 3262s, expires in 3956s
    in  5bfd1238,      0 bytes,     0 packets
    out 8e2856ca,      0 bytes,     0 packets
    local  10.1.0.0/16
    remote 192.168.10.0/24
