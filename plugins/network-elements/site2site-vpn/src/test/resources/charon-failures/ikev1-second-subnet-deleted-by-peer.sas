vpn-7: #1, ESTABLISHED, IKEv1, 63e441589bccb44b_i* 37011dfad6885d91_r
  local  '198.51.100.10' @ 198.51.100.10[4500]
  remote '198.51.100.20' @ 198.51.100.20[4500]
  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
  established 6s ago, rekeying in 13556s
  vpn-7: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128
    installed 6s ago, rekeying in 3388s, expires in 3954s
    in  1b1408f9,      0 bytes,     0 packets
    out 86f1382e,      0 bytes,     0 packets
    local  10.1.0.0/16
    remote 192.168.10.0/24
