package org.s2svpn.framework.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's parameters: names exactly as received (the signature needs them), the first value of each,
 * and lookups that ignore case (clients send apiKey, apikey, signatureVersion, signatureversion).
 */
public final class RequestParams {
    /** Values never written to a log or a job record. */
    private static final Set<String> SENSITIVE = Set.of("password", "secretkey", "signature", "sessionkey", "ipsecpsk", "apikey",
            "currentpassword", "userapikey", "usersecretkey");

    private final Map<String, String> asReceived;
    private final Map<String, String> byLowerName = new LinkedHashMap<>();

    public RequestParams(Map<String, String> asReceived) {
        this.asReceived = Collections.unmodifiableMap(new LinkedHashMap<>(asReceived));
        asReceived.forEach((name, value) -> byLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    }

    public String get(String name) {
        return byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> asReceived() {
        return asReceived;
    }

    /** Entries whose lowercased name starts with the prefix, for map parameters such as tags[0].key. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        String lower = prefix.toLowerCase(Locale.ROOT);
        byLowerName.forEach((name, value) -> {
            if (name.startsWith(lower)) {
                result.put(name, value);
            }
        });
        return result;
    }

    public static boolean isSensitive(String name) {
        return SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The parameters with every secret replaced, for logs and job records. */
    public Map<String, String> masked(Set<String> alsoSensitive) {
        Map<String, String> result = new LinkedHashMap<>();
        asReceived.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = isSensitive(lower) || alsoSensitive.contains(lower);
            result.put(name, secret ? "*****" : value);
        });
        return result;
    }
}
