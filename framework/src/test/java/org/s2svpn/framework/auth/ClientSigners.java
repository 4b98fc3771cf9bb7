package org.s2svpn.framework.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each real client signs and encodes a request. These are re-implemented from the clients' source, separately
 * from {@link SignatureVerifier}: python3-cs 2.7.1 cs/client.py, go-cloudstack 2.9.0 cloudstack.go, libcloud 3.4.1
 * common/cloudstack.py, csclient 0.6.4 lib/cloudstack-client.js with qs RFC3986, and cmk 6.4.0 cmd/network.go.
 * Each method returns exactly what the client puts on the wire, signature included: the query string after
 * {@code ?} for a GET, or the {@code application/x-www-form-urlencoded} body for a POST. The parameters are the
 * ones the caller passes to the client. Each client adds command, apiKey and response=json itself, in its own order.
 */
public final class ClientSigners {
    private static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'");

    private ClientSigners() {
    }

    /** {@code expires} as python3-cs (strftime %Y-%m-%dT%H:%M:%S%z in UTC) and csclient format it: 2026-11-23T12:35:34+0000. */
    public static String expires(Instant at) {
        return EXPIRES_FORMAT.format(at.atOffset(ZoneOffset.UTC));
    }

    /**
     * python3-cs: sorted(data.items()) over the raw names, quote(v, safe="*"), lowercase. requests sends
     * urlencode(data) (quote_plus) in the dict's insertion order, as the GET query or, with {@code --post} or
     * method=post, as the form body; both are this same string. expires is what the client computes (now plus
     * CLOUDSTACK_EXPIRATION, 600 s by default) and comes with signatureVersion=3. Pass null for a negative
     * expiration, which sends neither.
     */
    public static String pythonCs(String command, Map<String, String> params, String apiKey, String secret, String expires) {
        Map<String, String> data = new LinkedHashMap<>(params);
        data.put("apiKey", apiKey);
        data.put("command", command);
        data.put("response", "json");
        if (expires != null) {
            data.put("signatureVersion", "3");
            data.put("expires", expires);
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(data).forEach((k, v) -> pairs.add(k + "=" + pyQuote(v, "*")));
        data.put("signature", hmacSha1Base64(String.join("&", pairs).toLowerCase(Locale.ROOT), secret));
        return pyUrlencode(data);
    }

    /** go-cloudstack: sorted keys, k=url.QueryEscape(v), ToLower, "+"→"%20"; the URL carries the unlowered string. GET only. */
    public static String goCloudstack(String command, Map<String, String> params, String apiKey, String secret) {
        Map<String, String> values = new TreeMap<>(params); // url.Values + sort.Strings(keys)
        values.put("apiKey", apiKey);
        values.put("command", command);
        values.put("response", "json");
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(k + "=" + goQueryEscape(v)));
        String s = String.join("&", pairs);
        String signature = hmacSha1Base64(s.toLowerCase(Locale.ROOT).replace("+", "%20"), secret);
        return s + "&signature=" + goQueryEscape(signature);
    }

    /** libcloud: (k.lower(), v) sorted by name, quote(name, safe='[]')=quote(value, safe='[]*'), lower, +→%20. GET only. */
    public static String libcloud(String command, Map<String, String> params, String apiKey, String secret) {
        Map<String, String> sent = new LinkedHashMap<>(params);
        sent.put("command", command);
        sent.put("apiKey", apiKey);
        sent.put("response", "json");
        List<String[]> signature = new ArrayList<>();
        sent.forEach((k, v) -> signature.add(new String[] {k.toLowerCase(Locale.ROOT), v}));
        signature.sort((a, b) -> a[0].compareTo(b[0])); // list.sort is stable, key = lowercased name
        List<String> pairs = new ArrayList<>();
        for (String[] pair : signature) {
            pairs.add(pyQuote(pair[0], "[]") + "=" + pyQuote(pair[1], "[]*"));
        }
        String toSign = String.join("&", pairs).toLowerCase(Locale.ROOT).replace("+", "%20");
        sent.put("signature", hmacSha1Base64(toSign, secret));
        return pyUrlencode(sent);
    }

    /**
     * csclient: adds lowercase signatureversion=3 and expires (now plus 5 minutes). qs.stringify (RFC3986, keys and
     * values encoded), %5Bx%5D→.x, %5Bn%5D→[n], split on &amp;, sort the pair strings, join, lowercase. The URL is
     * qs.stringify with only the first rewrite applied. GET only.
     */
    public static String csclient(String command, Map<String, String> params, String apiKey, String secret, String expires) {
        Map<String, String> sent = new LinkedHashMap<>(params);
        sent.put("command", command);
        sent.put("response", "json");
        sent.put("apiKey", apiKey);
        sent.put("signatureversion", "3");
        sent.put("expires", expires);
        String stringified = qsStringify(sent).replaceAll("%5B(\\D*?)%5D", ".$1").replaceAll("%5B(\\d*?)%5D", "[$1]");
        List<String> pairs = new ArrayList<>(List.of(stringified.split("&")));
        Collections.sort(pairs); // JS Array.prototype.sort on strings: UTF-16 code unit order
        sent.put("signature", hmacSha1Base64(String.join("&", pairs).toLowerCase(Locale.ROOT), secret));
        return qsStringify(sent).replaceAll("%5B(\\D*?)%5D", ".$1");
    }

    /** cmk GET: sorted keys, QueryEscape, "+"→"%20", "%2A"→"*", ToLower; the URL carries the unlowered string. */
    public static String cmk(String command, Map<String, String> params, String apiKey, String secret) {
        String encoded = cmkEncodeRequestParams(cmkValues(command, params, apiKey));
        return encoded + "&signature=" + goQueryEscape(cmkSignature(encoded, secret));
    }

    /**
     * cmk form POST, sent through http.PostForm when the request has a password or userdata parameter (and, in later
     * cmk versions, when post requests are enabled): the signature is computed as for GET and added to the values
     * unencoded; the body is url.Values.Encode(), keys sorted, names and values QueryEscape'd (space as +).
     */
    public static String cmkPostForm(String command, Map<String, String> params, String apiKey, String secret) {
        Map<String, String> values = cmkValues(command, params, apiKey);
        values.put("signature", cmkSignature(cmkEncodeRequestParams(values), secret));
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(goQueryEscape(k) + "=" + goQueryEscape(v)));
        return String.join("&", pairs);
    }

    private static Map<String, String> cmkValues(String command, Map<String, String> params, String apiKey) {
        Map<String, String> values = new TreeMap<>(params); // url.Values, read back through sort.Strings(keys)
        values.put("command", command);
        values.put("response", "json");
        values.put("apiKey", apiKey);
        return values;
    }

    private static String cmkEncodeRequestParams(Map<String, String> sortedValues) {
        List<String> pairs = new ArrayList<>();
        sortedValues.forEach((k, v) -> pairs.add(k + "=" + goQueryEscape(v).replace("+", "%20").replace("%2A", "*")));
        return String.join("&", pairs);
    }

    private static String cmkSignature(String encoded, String secret) {
        return hmacSha1Base64(encoded.toLowerCase(Locale.ROOT), secret);
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
            if (c == ' ') {
                out.append('+');
            } else {
                appendRfc3986(out, c);
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
            appendRfc3986(out, b & 0xff);
        }
        return out.toString();
    }

    /** One byte: kept if RFC 3986 unreserved (A-Z a-z 0-9 - . _ ~), else %XX with upper-case hex. */
    private static void appendRfc3986(StringBuilder out, int c) {
        boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out.append((char) c);
        } else {
            out.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
        }
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
}
