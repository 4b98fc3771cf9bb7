package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.test.CustomerGatewaySite.IkeSa;
import org.s2svpn.test.S2sWorld.Created;
import org.s2svpn.test.S2sWorld.Vpc;

/**
 * getVpnConnectionDeviceConfig's strongSwan output proven end to end (issue 9): a customer gateway with a charon of
 * its own and nothing configured is given, as its whole swanctl.conf, the {@code configuration} the command answers
 * for the connection, loaded with {@code swanctl --load-all}; against our real VPC router (a namespace on this
 * machine, driven over SSH) the tunnel comes up: Connected in listVpnConnections, every CHILD SA the router wants
 * installed at the gateway, and the VM's pings cross the tunnel to every customer subnet. Real routers: run under
 * {@code flock /tmp/s2svpn-real-routers.lock}.
 */
public class S2sDeviceConfigTunnelTest {
    static final String PSK = "the device config's own key";

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

    /** IKEv2, two subnets split into a CHILD SA each, PFS, DPD: the router initiates, the gateway answers. */
    @Test
    public void ikev2SplitConnectionComesUpFromTheCommandsConfigurationAlone() throws Exception {
        Vpc vpc = world.vpc("devcfg-v2");
        CustomerGatewaySite site = world.site(2);
        Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes256-sha256;modp2048",
                "aes256-sha256;modp2048", "ikeversion", "ikev2", "splitconnections", "true", "dpd", "true"), false);
        IkeSa sa = configureFromTheCommandAndAwaitTheTunnel(created, vpc, site, 2);
        assertEquals(2, sa.version());
        assertEquals(List.of("AES_CBC", "256", "HMAC_SHA2_256_128", "MODP_2048"), List.of(sa.encryption(), sa.keySize(), sa.integrity(),
                sa.dhGroup()));
    }

    /** IKEv1, two subnets (IKEv1 always splits), no DPD. */
    @Test
    public void ikev1SplitConnectionComesUpFromTheCommandsConfigurationAlone() throws Exception {
        Vpc vpc = world.vpc("devcfg-v1");
        CustomerGatewaySite site = world.site(2);
        Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes128-sha1;modp1536", "aes128-sha1",
                "ikeversion", "ikev1"), false);
        IkeSa sa = configureFromTheCommandAndAwaitTheTunnel(created, vpc, site, 2);
        assertEquals(1, sa.version());
        assertEquals(List.of("AES_CBC", "128", "HMAC_SHA1_96", "MODP_1536"), List.of(sa.encryption(), sa.keySize(), sa.integrity(),
                sa.dhGroup()));
    }

    /** A passive connection: the router only answers, so the gateway's configuration initiates (AES-GCM, ECP, UDP encapsulation). */
    @Test
    public void passiveConnectionIsInitiatedByTheGatewayFromTheCommandsConfiguration() throws Exception {
        Vpc vpc = world.vpc("devcfg-passive");
        CustomerGatewaySite site = world.site(1);
        Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes256gcm16-sha384;ecp384",
                "aes128gcm16-sha256;ecp256", "ikeversion", "ikev2", "forceencap", "true"), true);
        site.loadSwanctlConf(configuration(created));
        world.awaitState(created.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, site);
        IkeSa sa = site.awaitEstablished(1, Duration.ofSeconds(5));
        assertEquals(List.of("AES_GCM_16", "256", "ECP_384"), List.of(sa.encryption(), sa.keySize(), sa.dhGroup()));
        world.assertPingsThroughTunnel(vpc, site);
    }

    /**
     * Loads the command's strongSwan configuration, and nothing else, into the site; resets the connection so that the router
     * initiates now rather than at its next try; waits for Connected and the CHILD SAs; pings every customer subnet.
     */
    private static IkeSa configureFromTheCommandAndAwaitTheTunnel(Created created, Vpc vpc, CustomerGatewaySite site, int children)
            throws Exception {
        String conf = configuration(created);
        assertTrue(conf, conf.startsWith("# strongSwan (swanctl.conf) of customer gateway " + site.publicIp));
        site.loadSwanctlConf(conf);
        world.node.job("resetVpnConnection", "id", created.id());
        world.awaitState(created.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, site);
        IkeSa sa = site.awaitEstablished(children, Duration.ofSeconds(10));
        assertEquals(vpc.publicIp(), sa.remoteHost());
        world.assertPingsThroughTunnel(vpc, site);
        return sa;
    }

    private static String configuration(Created created) {
        JsonObject config = world.node.ok("getVpnConnectionDeviceConfig", "id", created.id(), "vendor", "strongswan")
                .getAsJsonObject("vpnconnectiondeviceconfig");
        return config.get("configuration").getAsString();
    }
}
