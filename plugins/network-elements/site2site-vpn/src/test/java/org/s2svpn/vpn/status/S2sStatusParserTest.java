package org.s2svpn.vpn.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

public class S2sStatusParserTest {
    private final S2sStatusParser parser = new S2sStatusParser();

    /** The contract's example (docs/s2s-vr-contract.md), as the router prints it. */
    static final String CONTRACT_EXAMPLE = """
            {
              "name": "r-12",
              "hash": "4b9c0ab2f2d35e0c1f6f1e0a3a5e2d1c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a2",
              "connections": [
                {
                  "name": "vpn-7",
                  "ike_state": "ESTABLISHED",
                  "ike_established": 1234,
                  "children": [
                    {"name": "vpn-7", "state": "INSTALLED", "installed": 1200, "bytes_in": 252, "bytes_out": 252,
                     "packets_in": 3, "packets_out": 3, "local_ts": ["10.1.0.0/16"], "remote_ts": ["10.2.0.0/16"]}
                  ],
                  "last_error": "received AUTHENTICATION_FAILED notify error"
                }
              ]
            }
            """;

    @Test
    public void parsesTheContractsExample() {
        RouterS2sStatus status = parser.parse(CONTRACT_EXAMPLE).orElseThrow();
        assertEquals("r-12", status.name());
        assertEquals(Optional.of("4b9c0ab2f2d35e0c1f6f1e0a3a5e2d1c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a2"), status.hash());
        ConnectionStatus c = status.connection("vpn-7").orElseThrow();
        assertEquals(Optional.of("ESTABLISHED"), c.ikeState());
        assertEquals(OptionalLong.of(1234), c.ikeEstablishedSeconds());
        assertEquals(Optional.of("received AUTHENTICATION_FAILED notify error"), c.lastError());
        assertEquals(List.of(new ChildSaStatus("vpn-7", "INSTALLED", OptionalLong.of(1200), 252, 252, 3, 3,
                List.of("10.1.0.0/16"), List.of("10.2.0.0/16"))), c.children());
        assertEquals(252, c.bytesIn());
        assertEquals(Optional.empty(), status.connection("vpn-8"));
    }

    @Test
    public void aRouterWithoutS2sAnswersNoConnections() {
        RouterS2sStatus status = parser.parse("{\"name\": \"r-12\", \"hash\": null, \"connections\": []}\n").orElseThrow();
        assertEquals(Optional.empty(), status.hash());
        assertEquals(List.of(), status.connections());
    }

    @Test
    public void aConnectionWithoutSasHasNullsAndNoChildren() {
        ConnectionStatus c = parser.parse("""
                {"name": "r-1", "hash": "ab", "connections": [
                  {"name": "vpn-3", "ike_state": null, "ike_established": null, "children": [], "last_error": null}]}
                """).orElseThrow().connections().get(0);
        assertEquals(Optional.empty(), c.ikeState());
        assertEquals(OptionalLong.empty(), c.ikeEstablishedSeconds());
        assertEquals(Optional.empty(), c.lastError());
        assertEquals(List.of(), c.children());
    }

    @Test
    public void missingOptionalFieldsAndUnknownFieldsAreFine() {
        RouterS2sStatus status = parser.parse("""
                {"name": "r-1", "connections": [{"name": "vpn-3", "children": [{"name": "vpn-3", "state": "INSTALLED",
                  "spi_in": "c1a2b3c4", "rekey_in": 3000}]}], "version": 2}
                """).orElseThrow();
        ChildSaStatus child = status.connections().get(0).children().get(0);
        assertEquals(0, child.bytesIn());
        assertEquals(OptionalLong.empty(), child.installedSeconds());
        assertEquals(List.of(), child.remoteTs());
        assertEquals(Optional.empty(), status.hash());
    }

    @Test
    public void countersBeyondIntRangeAreKept() {
        ChildSaStatus child = parser.parse("""
                {"name": "r-1", "connections": [{"name": "vpn-3", "children": [{"name": "vpn-3", "state": "INSTALLED",
                  "bytes_in": 9007199254740993, "bytes_out": 0}]}]}
                """).orElseThrow().connections().get(0).children().get(0);
        assertEquals(9007199254740993L, child.bytesIn());
    }

    @Test
    public void emptyTruncatedOrGarbledAnswersAreUnknownNeverAnException() {
        for (String bad : List.of("", " ", "\n", "null", "[]", "42", "\"r-1\"", "{}", "{",
                CONTRACT_EXAMPLE.substring(0, CONTRACT_EXAMPLE.length() / 2),
                CONTRACT_EXAMPLE.substring(0, CONTRACT_EXAMPLE.lastIndexOf('}')),
                CONTRACT_EXAMPLE + "{",
                CONTRACT_EXAMPLE + "garbage",
                "s2svpn-router: no such router r-12",
                "Traceback (most recent call last):\n  File ...",
                "IPsec SA found;Site-to-site VPN have connected",
                "203.0.113.5:0:IPsec SA found;Site-to-site VPN have connected&",
                // what only a lenient parser would take
                "{name: \"r-1\", connections: []}",
                "{'name': 'r-1', 'connections': []}",
                "{\"name\": \"r-1\", \"connections\": []} // comment",
                "{\"name\": \"r-1\", \"connections\": [],}",
                // the wrong shapes
                "{\"connections\": []}",
                "{\"name\": 12, \"connections\": []}",
                "{\"name\": \"r-1\"}",
                "{\"name\": \"r-1\", \"connections\": {}}",
                "{\"name\": \"r-1\", \"connections\": [42]}",
                "{\"name\": \"r-1\", \"connections\": [{\"ike_state\": \"ESTABLISHED\"}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"children\": {}}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"children\": [{\"name\": \"vpn-1\"}]}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"ike_state\": 3}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"ike_established\": \"12\"}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"ike_established\": 1.5}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"ike_established\": -1}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"ike_established\": 1e400}]}",
                "{\"name\": \"r-1\", \"connections\": [{\"name\": \"vpn-1\", \"children\": [{\"name\": \"vpn-1\","
                        + " \"state\": \"INSTALLED\", \"remote_ts\": [1]}]}]}",
                "\u0000\u0001\u0002")) {
            assertEquals(bad, Optional.empty(), parser.parse(bad));
        }
        assertEquals(Optional.empty(), parser.parse(null));
    }

    @Test
    public void oneBadEntryMakesTheWholeAnswerUnknown() {
        // CloudStack kept the entries before the first malformed one.
        String answer = """
                {"name": "r-1", "connections": [
                  {"name": "vpn-1", "ike_state": "ESTABLISHED", "children": []},
                  {"name": "vpn-2", "ike_state": ["ESTABLISHED"]}]}
                """;
        assertTrue(parser.parse(answer).isEmpty());
    }
}
