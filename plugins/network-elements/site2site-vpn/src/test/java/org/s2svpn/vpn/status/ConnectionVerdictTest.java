package org.s2svpn.vpn.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

/** From one connection's status to Connected or Disconnected with a cause; the error texts are strongSwan 5.9's. */
public class ConnectionVerdictTest {
    private static ChildSaStatus child(String name, String state) {
        return new ChildSaStatus(name, state, OptionalLong.of(10), 0, 0, 0, 0, List.of("10.1.0.0/16"), List.of());
    }

    private static ConnectionStatus status(String ikeState, String lastError, ChildSaStatus... children) {
        return new ConnectionStatus("vpn-7", Optional.ofNullable(ikeState),
                ikeState == null ? OptionalLong.empty() : OptionalLong.of(60), List.of(children),
                Optional.ofNullable(lastError));
    }

    private static ConnectionVerdict verdict(ConnectionStatus status, String... expected) {
        return status.verdict(List.of(expected));
    }

    @Test
    public void connectedWhenTheIkeSaIsEstablishedAndEveryChildIsInstalled() {
        ConnectionVerdict v = verdict(status("ESTABLISHED", null, child("vpn-7", "INSTALLED")), "vpn-7");
        assertTrue(v.connected());
        assertEquals(Optional.empty(), v.cause());
        assertEquals(List.of(), v.downChildren());
    }

    @Test
    public void aRekeyingChildStillCarriesTraffic() {
        assertTrue(verdict(status("ESTABLISHED", null, child("vpn-7", "REKEYING")), "vpn-7").connected());
        // After a rekey the old SA lingers next to the new one.
        assertTrue(verdict(status("ESTABLISHED", null, child("vpn-7", "REKEYED"), child("vpn-7", "INSTALLED")),
                "vpn-7").connected());
    }

    @Test
    public void aStaleErrorDoesNotMatterOnceEverythingIsUp() {
        assertTrue(verdict(status("ESTABLISHED", "giving up after 5 retransmits", child("vpn-7", "INSTALLED")),
                "vpn-7").connected());
    }

    @Test
    public void anEstablishedIkeSaAloneIsNotConnected() {
        // CloudStack's check: "ESTABLISHED" in the output was enough.
        ConnectionVerdict v = verdict(status("ESTABLISHED", null), "vpn-7");
        assertFalse(v.connected());
        assertEquals(Optional.of(ConnectionVerdict.SOME_SUBNETS_DOWN), v.cause());
        assertEquals(List.of("vpn-7"), v.downChildren());
        assertFalse(verdict(status("ESTABLISHED", null, child("vpn-7", "INSTALLING")), "vpn-7").connected());
    }

    @Test
    public void splitConnectionsWithASubnetDownAreDisconnected() {
        ConnectionVerdict v = verdict(status("ESTABLISHED", null, child("vpn-7", "INSTALLED"),
                child("vpn-7-3", "INSTALLED")), "vpn-7", "vpn-7-2", "vpn-7-3");
        assertFalse(v.connected());
        assertEquals(Optional.of("some subnets down"), v.cause());
        assertEquals(List.of("vpn-7-2"), v.downChildren());
    }

    @Test
    public void theChildrenUpAreThoseInstalledOrRekeyingInTheOrderOfTheSubnets() {
        ConnectionStatus s = status("ESTABLISHED", null, child("vpn-7-3", "INSTALLED"), child("vpn-7-2", "INSTALLING"),
                child("vpn-7", "REKEYED"), child("vpn-7", "REKEYING"), child("vpn-8", "INSTALLED"));
        assertEquals(List.of("vpn-7", "vpn-7-3"), s.upChildren(List.of("vpn-7", "vpn-7-2", "vpn-7-3")));
        assertEquals(List.of(), status(null, "giving up after 5 retransmits").upChildren(List.of("vpn-7")));
    }

    @Test
    public void aChildOfAnotherNameDoesNotCount() {
        assertFalse(verdict(status("ESTABLISHED", null, child("vpn-8", "INSTALLED")), "vpn-7").connected());
    }

    @Test
    public void authenticationFailures() {
        for (String error : List.of("received AUTHENTICATION_FAILED notify error",
                "tried 1 shared key for '198.51.100.10' - '203.0.113.5', but MAC mismatched",
                "no shared key found for '198.51.100.10' - '203.0.113.5'",
                "received INVALID_ID_INFORMATION error notify")) {
            assertCause(ConnectionVerdict.AUTHENTICATION_FAILED, status("CONNECTING", error));
            assertCause(ConnectionVerdict.AUTHENTICATION_FAILED, status(null, error));
        }
    }

    @Test
    public void proposalMismatches() {
        assertCause("no proposal chosen", status(null, "received NO_PROPOSAL_CHOSEN notify error"));
        assertCause("no proposal chosen", status(null, "no acceptable proposal found"));
        // An ESP mismatch shows after IKE is up.
        assertCause("no proposal chosen", status("ESTABLISHED", "received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built"));
    }

    @Test
    public void unreachablePeers() {
        for (String error : List.of("giving up after 5 retransmits", "peer not responding, trying again (2/0)",
                "retransmit 3 of request with message ID 0", "DPD check timed out, enforcing DPD action",
                "unable to resolve vpn.example.com, initiate aborted")) {
            assertCause("peer unreachable", status("CONNECTING", error));
        }
    }

    @Test
    public void refusedTrafficSelectors() {
        assertCause("traffic selectors refused", status("ESTABLISHED", "received TS_UNACCEPTABLE notify, no CHILD_SA built"));
        assertCause("traffic selectors refused",
                status("ESTABLISHED", "no matching CHILD_SA config found for 10.1.0.0/16 === 10.9.0.0/16"));
        assertCause("traffic selectors refused",
                status("ESTABLISHED", "traffic selectors 10.1.0.0/16 === 10.9.0.0/16 unacceptable"));
        // IKEv1: in quick mode INVALID_ID_INFORMATION is the peer refusing our subnets (Cisco's proxy identities).
        assertCause("traffic selectors refused", status("ESTABLISHED", "received INVALID_ID_INFORMATION error notify"));
    }

    @Test
    public void anUnknownErrorIsShownAsCharonSaidIt() {
        String error = "unable to install inbound and outbound IPsec SA (SAD) in kernel";
        assertCause(error, status("ESTABLISHED", error));
        assertCause(error, status(null, error));
    }

    @Test
    public void noSaAndNoErrorIsNotEstablished() {
        assertCause(ConnectionVerdict.NOT_ESTABLISHED, status(null, null));
        assertCause(ConnectionVerdict.NOT_ESTABLISHED, status("CONNECTING", null));
    }

    @Test
    public void aConnectionHasAtLeastOneChild() {
        assertThrows(IllegalArgumentException.class, () -> status(null, null).verdict(List.of()));
    }

    @Test
    public void aVerdictHasACauseExactlyWhenDisconnected() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionVerdict(true, Optional.of("x"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionVerdict(false, Optional.empty(), List.of()));
    }

    private static void assertCause(String cause, ConnectionStatus status) {
        ConnectionVerdict v = status.verdict(List.of("vpn-7"));
        assertFalse(v.connected());
        assertEquals(status.lastError().toString(), Optional.of(cause), v.cause());
    }
}
