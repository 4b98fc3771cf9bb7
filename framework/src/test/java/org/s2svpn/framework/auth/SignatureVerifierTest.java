package org.s2svpn.framework.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.Test;

/**
 * Every real client (see {@link ClientSigners}) produces the query string or form body it would send; the test decodes
 * it the way the servlet container does and hands the result to the verifier, so what is checked is exactly what the
 * server would receive.
 */
public class SignatureVerifierTest {

    private static final String SECRET = "vP4s-3cr3t_K3y/+=";
    private static final String API_KEY = "Xk9-plain_KEY.1";
    private static final String EXPIRES = "2026-11-23T12:35:34+0000";
    private static final String COMMAND = "createVpnCustomerGateway";

    /** Values with every awkward character at once, and names whose order depends on case. */
    private static Map<String, String> richParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "Café gw ~*");
        p.put("gateway", "198.51.100.7");
        p.put("cidrlist", "10.0.0.0/16,10.1.0.0/16");
        p.put("ipsecpsk", "s3cr*t~ a+b/c=d,e;f[0]g[x]");
        p.put("ikePolicy", "aes256-sha256;modp2048"); // before "ikelifetime" case-sensitively, after it lowercased
        p.put("ikelifetime", "86400");
        p.put("esppolicy", "aes128-sha1");
        p.put("tags[0].key", "env");
        p.put("tags[0].value", "prod [blue]");
        return p;
    }

    /** The rich set plus one set per awkward character on its own. */
    private static List<Map<String, String>> parameterSets() {
        List<Map<String, String>> sets = new ArrayList<>();
        sets.add(richParams());
        for (String c : new String[] {" ", "+", "/", "=", ",", ";", "*", "~", "[", "]", "é", "[1]", "[x]", "%"}) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("name", "a" + c + "b");
            p.put("gateway", "198.51.100.7");
            sets.add(p);
        }
        return sets;
    }

    private static final Map<String, Function<Map<String, String>, String>> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("python3-cs", p -> ClientSigners.pythonCs(COMMAND, p, API_KEY, SECRET, EXPIRES));
        CLIENTS.put("go-cloudstack", p -> ClientSigners.goCloudstack(COMMAND, p, API_KEY, SECRET));
        CLIENTS.put("libcloud", p -> ClientSigners.libcloud(COMMAND, p, API_KEY, SECRET));
        CLIENTS.put("csclient", p -> ClientSigners.csclient(COMMAND, p, API_KEY, SECRET, EXPIRES));
        CLIENTS.put("cmk", p -> ClientSigners.cmk(COMMAND, p, API_KEY, SECRET));
        CLIENTS.put("cmk (form POST)", p -> ClientSigners.cmkPostForm(COMMAND, p, API_KEY, SECRET));
    }

    /** What the server sees: query split on &amp;, each side URL-decoded (+ is a space), first value wins. */
    private static Map<String, String> received(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static boolean serverAccepts(Map<String, String> received, String secret) {
        return SignatureVerifier.verify(received, received.get("signature"), secret);
    }

    private static void assertClientAccepted(String client) {
        for (Map<String, String> set : parameterSets()) {
            String query = CLIENTS.get(client).apply(set);
            assertTrue(client + " request must be accepted: " + query, serverAccepts(received(query), SECRET));
        }
    }

    // ---------------------------------------------------------------- every real client is accepted

    @Test
    public void pythonCsSignatureIsAccepted() {
        assertClientAccepted("python3-cs");
    }

    @Test
    public void goCloudstackSignatureIsAccepted() {
        assertClientAccepted("go-cloudstack");
    }

    @Test
    public void libcloudSignatureIsAccepted() {
        assertClientAccepted("libcloud");
    }

    @Test
    public void csclientSignatureIsAccepted() {
        assertClientAccepted("csclient");
    }

    @Test
    public void cmkSignatureIsAccepted() {
        assertClientAccepted("cmk");
    }

    @Test
    public void cmkFormPostSignatureIsAccepted() {
        assertClientAccepted("cmk (form POST)");
    }

    @Test
    public void strictCloudStackSignatureIsAccepted() {
        for (Map<String, String> set : parameterSets()) {
            Map<String, String> params = new HashMap<>(set);
            params.put("apiKey", API_KEY);
            params.put("command", COMMAND);
            params.put("response", "json");
            String signature = SignatureVerifier.sign(params, SECRET);
            assertTrue(params.toString(), SignatureVerifier.verify(params, signature, SECRET));
        }
    }

    @Test
    public void richValuesMakeEveryClientDifferFromTheStrictForm() {
        // Proves the accepted-client tests above exercise the tolerant forms, not just the strict one.
        for (Map.Entry<String, Function<Map<String, String>, String>> client : CLIENTS.entrySet()) {
            Map<String, String> received = received(client.getValue().apply(richParams()));
            assertNotEquals(client.getKey(), SignatureVerifier.sign(received, SECRET), received.get("signature"));
        }
    }

    // ---------------------------------------------------------------- the strict form cannot drift

    @Test
    public void strictFormMatchesKnownAnswerVector() {
        // Computed independently with python3: sorted raw names, quote(v, safe="*") with "~"→"%7E" (= Java
        // URLEncoder with "+"→"%20"), whole string lowercased, HMAC-SHA1 with the secret, Base64.
        Map<String, String> params = new HashMap<>();
        params.put("apiKey", "Xk9-plain_KEY.1");
        params.put("command", "createVpnCustomerGateway");
        params.put("response", "json");
        params.put("name", "Café gw");
        params.put("ipsecpsk", "s3cr*t~ a+b/c=d,e;f[0]");
        params.put("cidrlist", "10.0.0.0/16,10.1.0.0/16");
        params.put("signatureVersion", "3");
        params.put("expires", "2026-11-23T12:35:34+0000");
        String expected = "QbzDPu3Chb3bkCWQi7H/4Hjbw8U=";

        assertEquals(expected, SignatureVerifier.sign(params, "vP4s-3cr3t_K3y/+="));
        assertTrue(SignatureVerifier.verify(params, expected, "vP4s-3cr3t_K3y/+="));
    }

    // ---------------------------------------------------------------- forgeries are rejected

    @Test
    public void wrongSecretIsRejected() {
        for (Map.Entry<String, Function<Map<String, String>, String>> client : CLIENTS.entrySet()) {
            Map<String, String> received = received(client.getValue().apply(richParams()));
            assertFalse(client.getKey(), serverAccepts(received, SECRET + "x"));
            assertFalse(client.getKey(), serverAccepts(received, "someone else's secret"));
        }
    }

    @Test
    public void tamperedValueIsRejected() {
        for (Map.Entry<String, Function<Map<String, String>, String>> client : CLIENTS.entrySet()) {
            Map<String, String> received = received(client.getValue().apply(richParams()));
            received.put("gateway", "203.0.113.66");
            assertFalse(client.getKey(), serverAccepts(received, SECRET));
        }
    }

    @Test
    public void addedParameterIsRejected() {
        for (Map.Entry<String, Function<Map<String, String>, String>> client : CLIENTS.entrySet()) {
            Map<String, String> received = received(client.getValue().apply(richParams()));
            received.put("account", "admin");
            assertFalse(client.getKey(), serverAccepts(received, SECRET));
        }
    }

    @Test
    public void removedParameterIsRejected() {
        for (Map.Entry<String, Function<Map<String, String>, String>> client : CLIENTS.entrySet()) {
            Map<String, String> received = received(client.getValue().apply(richParams()));
            received.remove("cidrlist");
            assertFalse(client.getKey(), serverAccepts(received, SECRET));
        }
    }

    @Test
    public void signatureOfAnotherCommandIsRejected() {
        Map<String, String> params = new HashMap<>(richParams());
        params.put("command", "deleteVpnCustomerGateway");
        String signature = SignatureVerifier.sign(params, SECRET);
        params.put("command", "createVpnCustomerGateway");
        assertFalse(SignatureVerifier.verify(params, signature, SECRET));
    }

    // ---------------------------------------------------------------- details

    @Test
    public void signatureParameterIsExcludedWhateverItsCase() {
        Map<String, String> params = new HashMap<>(richParams());
        params.put("apiKey", API_KEY);
        String signature = SignatureVerifier.sign(params, SECRET);

        Map<String, String> withLower = new HashMap<>(params);
        withLower.put("signature", signature);
        Map<String, String> withUpper = new HashMap<>(params);
        withUpper.put("Signature", "anything at all");

        assertEquals(signature, SignatureVerifier.sign(withLower, SECRET));
        assertEquals(signature, SignatureVerifier.sign(withUpper, SECRET));
        assertTrue(SignatureVerifier.verify(withLower, signature, SECRET));
        assertTrue(SignatureVerifier.verify(withUpper, signature, SECRET));
    }

    @Test
    public void signatureWhosePlusArrivedAsSpaceIsAccepted() {
        Map<String, String> params = new HashMap<>(richParams());
        String signature = "";
        for (int nonce = 0; !signature.contains("+"); nonce++) {
            params.put("nonce", Integer.toString(nonce));
            signature = SignatureVerifier.sign(params, SECRET);
        }
        // A client that put the signature in the URL without percent-encoding it: the container decodes + as space.
        String query = "nonce=" + params.get("nonce") + "&signature=" + signature;
        assertEquals(signature.replace('+', ' '), received(query).get("signature"));
        assertTrue(SignatureVerifier.verify(params, signature.replace('+', ' '), SECRET));
    }

    @Test
    public void parameterOrderDoesNotMatter() {
        Map<String, String> forward = new LinkedHashMap<>(richParams());
        List<String> names = new ArrayList<>(forward.keySet());
        Collections.reverse(names);
        Map<String, String> backward = new LinkedHashMap<>();
        names.forEach(n -> backward.put(n, forward.get(n)));
        assertEquals(SignatureVerifier.sign(forward, SECRET), SignatureVerifier.sign(backward, SECRET));
    }

    @Test
    public void missingSignatureOrSecretIsRejected() {
        Map<String, String> params = new HashMap<>(richParams());
        String signature = SignatureVerifier.sign(params, SECRET);
        assertFalse(SignatureVerifier.verify(params, null, SECRET));
        assertFalse(SignatureVerifier.verify(params, "", SECRET));
        assertFalse(SignatureVerifier.verify(params, signature, null));
        assertFalse(SignatureVerifier.verify(params, signature, ""));
        assertFalse(SignatureVerifier.verify(null, signature, SECRET));
    }
}
