vpn-7: #1, ESTABLISHED, IKEv1, aeda5eb1b0d3817c_i* 8fd7fbcf29efc208_r
  local  '198.51.100.10' @ 198.51.100.10[4500]
  remote '198.51.100.20' @ 198.51.100.20[4500]
  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
  established 4s ago, rekeying in 13902s
  vpn-7: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128
    installed 4s ago, rekeying in 3259s, expires in 3956s
    in  387e3cf1,      0 bytes,     0 packets
    out d84a1bd0,      0 bytes,     0 packets
    local  10.1.0.0/16
    remote 192.168.10.0/24
