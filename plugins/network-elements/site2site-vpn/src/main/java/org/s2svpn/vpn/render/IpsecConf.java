package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

/** An ipsec.conf ({@code conn} sections) and its ipsec.secrets lines. {@link #toString()} leaves the secrets out. */
public record IpsecConf(String conf, String secrets) {
    public IpsecConf {
        requireNonNull(conf, "conf");
        requireNonNull(secrets, "secrets");
    }

    @Override
    public String toString() {
        return "IpsecConf[conf=" + conf + ", secrets=*****]";
    }
}
