package org.s2svpn.framework.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;

/**
 * Each real client's signing code is re-implemented here, separately from {@link SignatureVerifier}, from its source
 * (python3-cs 2.7.1 cs/client.py, go-cloudstack 2.9.0 cloudstack.go, libcloud 3.4.1 common/cloudstack.py,
 * csclient 0.6.4 lib/cloudstack-client.js with qs RFC3986, cmk 6.4.0 cmd/network.go). Every client produces the
 * query string it would send; the test decodes it the way the servlet container does and hands the result to the
 * verifier, so what is checked is exactly what the server would receive.
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

    // ---------------------------------------------------------------- clients

    /** python3-cs: sorted(data.items()), quote(v, safe="*"), lower; requests sends urlencode (quote_plus). */
    private static String pythonCs(Map<String, String> userParams, String secret) {
        Map<String, String> data = new LinkedHashMap<>(userParams);
        data.put("apiKey", API_KEY);
        data.put("command", COMMAND);
        data.put("response", "json");
        data.put("signatureVersion", "3");
        data.put("expires", EXPIRES);
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            pairs.add(e.getKey() + "=" + pyQuote(e.getValue(), "*"));
        }
        data.put("signature", hmacSha1Base64(String.join("&", pairs).toLowerCase(Locale.ROOT), secret));
        return pyUrlencode(data);
    }

    /** go-cloudstack: sorted keys, k=url.QueryEscape(v), ToLower, "+"→"%20"; URL carries the unlowered string. */
    private static String goCloudstack(Map<String, String> userParams, String secret) {
        Map<String, String> values = new TreeMap<>(userParams); // url.Values + sort.Strings(keys)
        values.put("apiKey", API_KEY);
        values.put("command", COMMAND);
        values.put("response", "json");
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(k + "=" + goQueryEscape(v)));
        String s = String.join("&", pairs);
        String signature = hmacSha1Base64(s.toLowerCase(Locale.ROOT).replace("+", "%20"), secret);
        return s + "&signature=" + goQueryEscape(signature);
    }

    /** libcloud: (k.lower(), v) sorted by name, quote(name, safe='[]')=quote(value, safe='[]*'), lower, +→%20. */
    private static String libcloud(Map<String, String> userParams, String secret) {
        Map<String, String> params = new LinkedHashMap<>(userParams);
        params.put("command", COMMAND);
        params.put("apiKey", API_KEY);
        params.put("response", "json");
        List<String[]> signature = new ArrayList<>();
        params.forEach((k, v) -> signature.add(new String[] {k.toLowerCase(Locale.ROOT), v}));
        signature.sort((a, b) -> a[0].compareTo(b[0])); // list.sort is stable, key = lowercased name
        List<String> pairs = new ArrayList<>();
        for (String[] pair : signature) {
            pairs.add(pyQuote(pair[0], "[]") + "=" + pyQuote(pair[1], "[]*"));
        }
        String toSign = String.join("&", pairs).toLowerCase(Locale.ROOT).replace("+", "%20");
        params.put("signature", hmacSha1Base64(toSign, secret));
        return pyUrlencode(params);
    }

    /**
     * csclient: qs.stringify (RFC3986, keys and values encoded), %5Bx%5D→.x, %5Bn%5D→[n], split on &amp;, sort the
     * pair strings, join, lowercase. The URL is qs.stringify with only the first rewrite applied.
     */
    private static String csclient(Map<String, String> userParams, String secret) {
        Map<String, String> params = new LinkedHashMap<>(userParams);
        params.put("command", COMMAND);
        params.put("response", "json");
        params.put("apiKey", API_KEY);
        params.put("signatureversion", "3");
        params.put("expires", EXPIRES);
        String stringified = qsStringify(params).replaceAll("%5B(\\D*?)%5D", ".$1").replaceAll("%5B(\\d*?)%5D", "[$1]");
        List<String> pairs = new ArrayList<>(List.of(stringified.split("&")));
        Collections.sort(pairs); // JS Array.prototype.sort on strings: UTF-16 code unit order
        params.put("signature", hmacSha1Base64(String.join("&", pairs).toLowerCase(Locale.ROOT), secret));
        return qsStringify(params).replaceAll("%5B(\\D*?)%5D", ".$1");
    }

    /** cmk: sorted keys, QueryEscape, "+"→"%20", "%2A"→"*", ToLower; URL carries the unlowered string. */
    private static String cmk(Map<String, String> userParams, String secret) {
        Map<String, String> params = new TreeMap<>(userParams);
        params.put("command", COMMAND);
        params.put("response", "json");
        params.put("apiKey", API_KEY);
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(k + "=" + goQueryEscape(v).replace("+", "%20").replace("%2A", "*")));
        String encoded = String.join("&", pairs);
        String signature = hmacSha1Base64(encoded.toLowerCase(Locale.ROOT), secret);
        return encoded + "&signature=" + goQueryEscape(signature);
    }

    private static final Map<String, Function<Map<String, String>, String>> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("python3-cs", p -> pythonCs(p, SECRET));
        CLIENTS.put("go-cloudstack", p -> goCloudstack(p, SECRET));
        CLIENTS.put("libcloud", p -> libcloud(p, SECRET));
        CLIENTS.put("csclient", p -> csclient(p, SECRET));
        CLIENTS.put("cmk", p -> cmk(p, SECRET));
    }

    // ---------------------------------------------------------------- encoders, as each language does it

    /** Python urllib.parse.quote: letters, digits and "_.-~" are always safe; UTF-8; upper-case hex. */
    private static String pyQuote(String s, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "_.-~".indexOf(c) >= 0 || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Python urlencode(dict): quote_plus(k)=quote_plus(v) joined with &amp; in insertion order. */
    private static String pyUrlencode(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(pyQuotePlus(k) + "=" + pyQuotePlus(v)));
        return String.join("&", pairs);
    }

    private static String pyQuotePlus(String s) {
        return pyQuote(s, " ").replace(' ', '+');
    }

    /** Go url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay; space becomes "+"; everything else %XX (UTF-8). */
    private static String goQueryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            }
        }
        return out.toString();
    }

    /** qs.stringify of a flat object, default format RFC3986: keys and values keep only A-Z a-z 0-9 - . _ ~. */
    private static String qsStringify(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(qsEncode(k) + "=" + qsEncode(v)));
        return String.join("&", pairs);
    }

    private static String qsEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E || (c >= 0x30 && c <= 0x39)
                    || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) {
                out.append((char) c);
            } else {
                out.append('%').append(Integer.toHexString(0x100 | c).substring(1).toUpperCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static String hmacSha1Base64(String data, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
