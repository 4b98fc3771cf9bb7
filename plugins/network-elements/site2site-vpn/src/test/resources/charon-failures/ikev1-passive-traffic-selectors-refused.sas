vpn-7: #1, ESTABLISHED, IKEv1, b92deee93b7c49bc_i e8fcb894cf18c42f_r*
  local  '198.51.100.10' @ 198.51.100.10[4500]
  remote '198.51.100.20' @ 198.51.100.20[4500]
  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
  established 0s ago, rekeying in 13700s
