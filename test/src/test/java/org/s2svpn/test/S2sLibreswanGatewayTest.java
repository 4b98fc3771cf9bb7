package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.test.S2sWorld.Created;
import org.s2svpn.test.S2sWorld.Vpc;

/**
 * getVpnConnectionDeviceConfig's Libreswan output proven end to end (issue 9): a customer gateway running Libreswan's
 * pluto with the kernel's ESP (a User-mode Linux guest, {@link LibreswanGatewaySite}: this machine's kernel has no
 * ESP) is given the command's {@code configuration} as its whole ipsec.conf and its {@code secrets} as its whole
 * ipsec.secrets, and nothing else; against our real VPC router (a namespace on this machine with strongSwan, driven
 * over SSH) the tunnel comes up: Connected in listVpnConnections, the IPsec SAs up at the gateway, and the VM's
 * pings cross the tunnel to every customer subnet (counted encrypted on the gateway's public NIC and decrypted out
 * of the tunnel, none in clear). Real routers: run under {@code flock /tmp/s2svpn-real-routers.lock}.
 */
public class S2sLibreswanGatewayTest {
    static final String PSK = "a key for the Libreswan gateway";

    private static S2sWorld world;

    @BeforeClass
    public static void startNode() throws Exception {
        world = new S2sWorld(5);
    }

    @After
    public void removeScenario() {
        world.cleanUpScenario();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    /**
     * IKEv2 with PFS and DPD, two customer subnets split into a CHILD SA each: the router initiates, Libreswan
     * answers ({@code auto=add}) with an IPsec SA per subnet.
     */
    @Test
    public void ikev2ConnectionComesUpFromTheCommandsLibreswanConfigurationAlone() throws Exception {
        LibreswanGatewaySite site = world.libreswanSite(2); // boots while the VPC is made
        Vpc vpc = world.vpc("lsw-v2");
        Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes256-sha256;modp2048",
                "aes256-sha256;modp2048", "ikeversion", "ikev2", "splitconnections", "true", "dpd", "true"), false);
        configureFromTheCommand(created, site);
        // The router tried while pluto was not there yet: a reset makes it initiate now rather than at its next retry.
        world.node.job("resetVpnConnection", "id", created.id());
        world.awaitState(created.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, site);
        assertEquals(2, site.awaitEstablished(2, Duration.ofSeconds(10)).size());
        String status = site.status();
        assertTrue("IKEv2 AES256/SHA256 with group 14 at the gateway:\n" + status,
                status.contains("IKEv2 algorithm newest: AES_CBC_256-HMAC_SHA2_256-MODP2048"));
        world.assertPingsThroughTunnel(vpc, site);
    }

    /**
     * IKEv1 (3DES/MD5 with group 5 in both phases, the Cisco example of the 2012 spec), a passive connection: the
     * router only answers, so the configuration makes Libreswan initiate ({@code auto=start}).
     */
    @Test
    public void passiveIkev1ConnectionIsInitiatedByLibreswanFromTheCommandsConfiguration() throws Exception {
        LibreswanGatewaySite site = world.libreswanSite(1);
        Vpc vpc = world.vpc("lsw-v1");
        Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "3des-md5;modp1536", "3des-md5;modp1536",
                "ikeversion", "ikev1"), true);
        configureFromTheCommand(created, site);
        world.awaitState(created.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, site);
        assertEquals(1, site.awaitEstablished(1, Duration.ofSeconds(10)).size());
        String status = site.status();
        assertTrue("IKEv1 3DES/MD5 with group 5 in both phases at the gateway:\n" + status,
                status.contains("IKEv1 algorithm newest: 3DES_CBC_192-HMAC_MD5-MODP1536")
                        && status.contains("ESP algorithm newest: 3DES_CBC_192-HMAC_MD5_96; pfsgroup=MODP1536"));
        world.assertPingsThroughTunnel(vpc, site);
    }

    /** Gives the site the command's Libreswan configuration and secrets, and nothing else, and starts its pluto. */
    private static void configureFromTheCommand(Created created, LibreswanGatewaySite site) throws Exception {
        JsonObject config = world.node.ok("getVpnConnectionDeviceConfig", "id", created.id(), "vendor", "libreswan")
                .getAsJsonObject("vpnconnectiondeviceconfig");
        String configuration = config.get("configuration").getAsString();
        String secrets = config.get("secrets").getAsString();
        assertTrue(configuration, configuration.startsWith("# Libreswan (ipsec.conf) of customer gateway " + site.publicIp));
        assertTrue("the caller (admin) sees the key", secrets.contains(PSK));
        site.configure(configuration, secrets);
    }
}
