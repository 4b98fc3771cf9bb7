package org.s2svpn.vpn.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Each cause a user sees, reached from what a real charon (strongSwan 5.9.8) logged and listed on the router's side of
 * a failing tunnel: test resources charon-failures/SCENARIO.log and SCENARIO.sas, made by charon-failures/capture.sh
 * (two charons in namespaces of their own, the router's configured as routers run it). As the router's s2s-status
 * does, the last error is the last log line that matches the router tool's own error pattern (S2S_ERRORS, read from
 * systemvm-patches/bin/s2svpn-router), unless an IKE SA established after it; the SAs are those swanctl listed.
 */
public class CharonFailureCausesTest {
    private static final Path ROUTER_TOOL = Path.of("../../../systemvm-patches/bin/s2svpn-router");
    /** A charon.log line: date, time, thread[group], the IKE SA's <name|id> when it has one, the message. */
    private static final Pattern LINE = Pattern.compile("^[^ ]+ [^ ]+ [0-9]+\\[[A-Z]+\\] (<[^>]*> )?(.*)$");
    private static final Pattern ESTABLISHED = Pattern.compile("^IKE_SA [^ ]+\\[[0-9]+\\] established");
    /** swanctl --list-sas: an IKE SA at the start of a line, its CHILD SAs indented by two spaces. */
    private static final Pattern IKE_SA = Pattern.compile("^(\\S+): #[0-9]+, ([A-Z_]+), IKEv[12]");
    private static final Pattern CHILD_SA = Pattern.compile("^  (\\S+): #[0-9]+, reqid [0-9]+, ([A-Z_]+),");
    private static final List<String> ONE = List.of("vpn-7");
    private static final List<String> TWO = List.of("vpn-7", "vpn-7-2");

    @Test
    public void aKeyThePeerDoesNotShareIsAuthenticationFailed() throws IOException {
        for (String scenario : List.of("ikev2-wrong-psk", "ikev1-wrong-psk", "ikev2-passive-wrong-psk", "ikev1-passive-wrong-psk")) {
            assertCause(scenario, ONE, ConnectionVerdict.AUTHENTICATION_FAILED, List.of());
        }
    }

    @Test
    public void proposalsThePeerRefusesAreNoProposalChosen() throws IOException {
        for (String scenario : List.of("ikev2-ike-proposal-refused", "ikev1-ike-proposal-refused", "ikev2-esp-proposal-refused",
                "ikev1-esp-proposal-refused", "ikev2-passive-ike-proposal-refused", "ikev1-passive-ike-proposal-refused",
                "ikev2-passive-esp-proposal-refused", "ikev1-passive-esp-proposal-refused")) {
            assertCause(scenario, ONE, ConnectionVerdict.NO_PROPOSAL_CHOSEN, List.of());
        }
    }

    @Test
    public void subnetsThePeerRefusesAreTrafficSelectorsRefused() throws IOException {
        for (String scenario : List.of("ikev2-traffic-selectors-refused", "ikev1-traffic-selectors-refused",
                "ikev2-passive-traffic-selectors-refused", "ikev1-passive-traffic-selectors-refused")) {
            assertCause(scenario, ONE, ConnectionVerdict.TRAFFIC_SELECTORS_REFUSED, List.of());
        }
        for (String scenario : List.of("ikev2-second-subnet-refused", "ikev1-second-subnet-refused")) {
            assertCause(scenario, TWO, ConnectionVerdict.TRAFFIC_SELECTORS_REFUSED, List.of("vpn-7"));
        }
    }

    @Test
    public void aPeerThatNeverAnswersIsUnreachable() throws IOException {
        assertCause("ikev2-unreachable", ONE, ConnectionVerdict.PEER_UNREACHABLE, List.of());
    }

    @Test
    public void aSubnetWhoseSaThePeerDeletedIsSomeSubnetsDown() throws IOException {
        for (String scenario : List.of("ikev2-second-subnet-deleted-by-peer", "ikev1-second-subnet-deleted-by-peer")) {
            assertCause(scenario, TWO, ConnectionVerdict.SOME_SUBNETS_DOWN, List.of("vpn-7"));
        }
    }

    private static void assertCause(String scenario, List<String> children, String cause, List<String> up) throws IOException {
        ConnectionStatus status = status(scenario);
        ConnectionVerdict verdict = status.verdict(children);
        assertFalse(scenario + ": " + status, verdict.connected());
        assertEquals(scenario + ": " + status, Optional.of(cause), verdict.cause());
        assertEquals(scenario + ": " + status, up, status.upChildren(children));
    }

    /** The router's status of vpn-7 in a scenario, as s2s-status would give it. */
    static ConnectionStatus status(String scenario) throws IOException {
        Optional<String> lastError = Optional.empty();
        for (String line : resource(scenario + ".log").split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String message = m.group(2);
            if (ESTABLISHED.matcher(message).find()) {
                lastError = Optional.empty();
            } else if (errors().matcher(message).find()) {
                lastError = Optional.of(message);
            }
        }
        Optional<String> ikeState = Optional.empty();
        List<ChildSaStatus> children = new ArrayList<>();
        for (String line : resource(scenario + ".sas").split("\n")) {
            Matcher ike = IKE_SA.matcher(line);
            Matcher child = CHILD_SA.matcher(line);
            if (ike.find() && ike.group(1).equals("vpn-7") && !ikeState.filter("ESTABLISHED"::equals).isPresent()) {
                ikeState = Optional.of(ike.group(2));
            } else if (child.find()) {
                children.add(new ChildSaStatus(child.group(1), child.group(2), OptionalLong.empty(), 0, 0, 0, 0, List.of(), List.of()));
            }
        }
        return new ConnectionStatus("vpn-7", ikeState, OptionalLong.empty(), children, lastError);
    }

    @Test
    public void everyScenarioHasItsRealCapture() throws IOException {
        assertTrue(status("ikev2-second-subnet-refused").ikeEstablished());
        assertFalse(status("ikev2-unreachable").ikeEstablished());
        assertTrue("the router's error pattern is read from its tool", errors().pattern().contains("retransmits"));
    }

    /** The router tool's S2S_ERRORS, the pattern its s2s-status picks the lines of last_error with. */
    private static Pattern errors() throws IOException {
        Matcher m = Pattern.compile("(?m)^readonly S2S_ERRORS='([^']*)'$").matcher(Files.readString(ROUTER_TOOL, StandardCharsets.UTF_8));
        assertTrue("S2S_ERRORS is missing from " + ROUTER_TOOL, m.find());
        return Pattern.compile(m.group(1));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CharonFailureCausesTest.class.getResourceAsStream("/charon-failures/" + name)) {
            if (in == null) {
                throw new AssertionError("test resource charon-failures/" + name + " is missing: run charon-failures/capture.sh as root");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
