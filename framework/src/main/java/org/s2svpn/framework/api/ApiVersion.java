package org.s2svpn.framework.api;

/** The CloudStack API version this server speaks, as listCapabilities and the XML answers report it. */
public final class ApiVersion {
    public static final String CLOUDSTACK = "4.22.0.0";

    private ApiVersion() {
    }
}
