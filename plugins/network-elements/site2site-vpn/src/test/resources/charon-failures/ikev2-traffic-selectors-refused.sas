vpn-7: #1, ESTABLISHED, IKEv2, 50d2fc980c0d115b_i* acedab130ecaa406_r
  local  '198.51.100.10' @ 198.51.100.10[4500]
  remote '198.51.100.20' @ 198.51.100.20[4500]
  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
  established 4s ago, rekeying in 14387s
