package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

/**
 * The configuration of a customer gateway for one connection, as {@link DeviceVendor} renders it: the text for the
 * device, and, for vendors that keep the key in a file of its own (Libreswan's ipsec.secrets), that file's lines;
 * otherwise {@code secrets} is null and the key is inside the configuration. {@link #toString()} shows neither.
 */
public record DeviceConfig(String configuration, String secrets) {
    public DeviceConfig {
        requireNonNull(configuration, "configuration");
    }

    @Override
    public String toString() {
        return "DeviceConfig[" + configuration.length() + " characters]"; // the key is in it
    }
}
