package org.s2svpn.framework.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a CloudStack request signature: HMAC-SHA1 over the sorted, encoded, lowercased parameters.
 *
 * <p>Real CloudStack (ApiServer.verifyRequest) accepts only one canonical form: names sorted case-sensitively and
 * not encoded, values encoded with {@link URLEncoder} ({@code +} turned into {@code %20}), the whole string
 * lowercased. The clients people actually use each build a slightly different string (they keep {@code ~} or
 * {@code *} literal, sort lowercased names, or sort whole {@code k=v} pairs), so {@link #verify} accepts the HMAC of
 * any of those forms. Every form is a deterministic function of the same decoded parameters, so a caller without
 * the secret gains nothing from the extra forms.
 */
public final class SignatureVerifier {

    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final String SIGNATURE_PARAM = "signature";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    // csclient rewrites its qs-encoded string: "%5Bx%5D" becomes ".x", then "%5Bn%5D" becomes "[n]".
    private static final Pattern CSCLIENT_NAMED_INDEX = Pattern.compile("%5B(\\D*?)%5D");
    private static final Pattern CSCLIENT_NUMBERED_INDEX = Pattern.compile("%5B(\\d*?)%5D");

    /** How a client percent-encodes values. Space is always %20 (after lowercasing every form agrees). */
    private enum ValueEncoding {
        /** CloudStack itself: URLEncoder keeps only A-Z a-z 0-9 . - * _ and writes ~ as %7E. */
        JAVA_URLENCODER(null),
        /** RFC 3986 unreserved only ({@code *} escaped, {@code ~} literal): go url.QueryEscape, qs (csclient). */
        RFC3986("-._~"),
        /** {@code *} and {@code ~} literal: python quote(v, safe="*") (python3-cs), cmk. */
        STAR_AND_TILDE("-._~*"),
        /** As above plus literal [ and ]: libcloud quote(v, safe="[]*"). */
        STAR_TILDE_AND_BRACKETS("-._~*[]");

        private final String safePunctuation;

        ValueEncoding(String safePunctuation) {
            this.safePunctuation = safePunctuation;
        }

        String encode(String value) {
            if (safePunctuation == null) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            }
            return percentEncode(value, safePunctuation);
        }
    }

    /** How a client orders (and names) the pairs. */
    private enum Order {
        /** CloudStack, python3-cs, go-cloudstack, cmk: raw names sorted case-sensitively, names not encoded. */
        RAW_NAMES,
        /** libcloud: names lowercased, then sorted; names encoded with quote(name, safe='[]'). */
        LOWERCASED_NAMES,
        /** csclient: names encoded (RFC 3986, brackets restored as csclient does), whole k=v strings sorted. */
        PAIR_STRINGS
    }

    private SignatureVerifier() {
    }

    /**
     * params: every request parameter as received (names exactly as sent, first value of each, already URL-decoded),
     * in any order; may include "signature" (ignored, name compared ignoring case).
     */
    public static boolean verify(Map<String, String> params, String signature, String secretKey) {
        if (params == null || signature == null || signature.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            return false;
        }
        Map<String, String> unsigned = withoutSignature(params);
        Set<String> candidates = new LinkedHashSet<>();
        for (Order order : Order.values()) {
            for (ValueEncoding encoding : ValueEncoding.values()) {
                candidates.add(canonical(unsigned, order, encoding));
            }
        }
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        // A client that did not percent-encode its signature has its '+' decoded as a space.
        byte[] givenWithPlus = signature.replace(' ', '+').getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String candidate : candidates) {
            byte[] expected = hmacBase64(candidate, secretKey).getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected, given) | MessageDigest.isEqual(expected, givenWithPlus);
        }
        return matched;
    }

    /**
     * The strict CloudStack canonical form (Java URLEncoder, +→%20, names sorted case-sensitively, not encoded, whole
     * string lowercased) signed with HMAC-SHA1, Base64. Used by tests and clients we write.
     */
    public static String sign(Map<String, String> params, String secretKey) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key is required");
        }
        return hmacBase64(canonical(withoutSignature(params), Order.RAW_NAMES, ValueEncoding.JAVA_URLENCODER),
                secretKey);
    }

    private static Map<String, String> withoutSignature(Map<String, String> params) {
        Map<String, String> unsigned = new TreeMap<>(); // natural order = CloudStack's case-sensitive sort
        for (Map.Entry<String, String> entry : params.entrySet()) {
            if (entry.getKey() != null && !SIGNATURE_PARAM.equalsIgnoreCase(entry.getKey())) {
                unsigned.put(entry.getKey(), entry.getValue() == null ? "" : entry.getValue());
            }
        }
        return unsigned;
    }

    /** params must be sorted by raw name (a TreeMap from {@link #withoutSignature}). Result is lowercased. */
    private static String canonical(Map<String, String> params, Order order, ValueEncoding encoding) {
        List<String> pairs = new ArrayList<>(params.size());
        switch (order) {
            case RAW_NAMES:
                params.forEach((name, value) -> pairs.add(name + "=" + encoding.encode(value)));
                break;
            case LOWERCASED_NAMES:
                List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
                entries.sort(Comparator.comparing((Map.Entry<String, String> e) -> lower(e.getKey()))
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, String> e : entries) {
                    pairs.add(percentEncode(lower(e.getKey()), "-._~[]") + "=" + encoding.encode(e.getValue()));
                }
                break;
            case PAIR_STRINGS:
                params.forEach((name, value) -> {
                    String pair = percentEncode(name, "-._~") + "=" + encoding.encode(value);
                    pair = CSCLIENT_NAMED_INDEX.matcher(pair).replaceAll(".$1");
                    pairs.add(CSCLIENT_NUMBERED_INDEX.matcher(pair).replaceAll("[$1]"));
                });
                pairs.sort(null);
                break;
            default:
                throw new IllegalStateException("unknown order " + order);
        }
        return lower(String.join("&", pairs));
    }

    /** UTF-8 percent-encoding that keeps ASCII letters, digits and the given punctuation; upper-case hex. */
    private static String percentEncode(String value, String safePunctuation) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && safePunctuation.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String hmacBase64(String data, String secretKey) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
