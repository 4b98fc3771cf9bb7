package org.s2svpn.test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.s2svpn.framework.auth.SignatureVerifier;

/** A plain signed HTTP client for the tests: CloudStack's strict signature, GET or form POST, JSON answers. */
public final class ApiClient {
    /** An HTTP answer: status, content type and the body. */
    public record Answer(int status, String contentType, String body) {
        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        /** The object under the single top-level key. */
        public JsonObject inner() {
            JsonObject root = json();
            if (root.size() != 1) {
                throw new AssertionError("expected exactly one top-level key: " + body);
            }
            return root.entrySet().iterator().next().getValue().getAsJsonObject();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String endpoint;
    private final String apiKey;
    private final String secretKey;

    public ApiClient(String endpoint, String apiKey, String secretKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
    }

    /** The same user's keys, at another management server. */
    public ApiClient at(String otherEndpoint) {
        return new ApiClient(otherEndpoint, apiKey, secretKey);
    }

    public ApiClient withKeys(String newApiKey, String newSecretKey) {
        return new ApiClient(endpoint, newApiKey, newSecretKey);
    }

    /** Signs and sends command with the given name/value pairs, GET, JSON. */
    public Answer call(String command, String... nameValues) {
        return send("GET", signed(command, nameValues));
    }

    public Answer post(String command, String... nameValues) {
        return send("POST", signed(command, nameValues));
    }

    /** A call that must answer 200: its inner response object. */
    public JsonObject ok(String command, String... nameValues) {
        Answer answer = call(command, nameValues);
        if (answer.status() != 200) {
            throw new AssertionError(command + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.inner();
    }

    /** An async command whose job must succeed: its jobresult. */
    public JsonObject job(String command, String... nameValues) {
        JsonObject job = waitForJob(ok(command, nameValues).get("jobid").getAsString());
        if (job.get("jobstatus").getAsInt() != 1) {
            throw new AssertionError(command + " failed: " + job);
        }
        return job.getAsJsonObject("jobresult");
    }

    /** Waits for an async job and returns the queryAsyncJobResult answer once it is no longer pending. */
    public JsonObject waitForJob(String jobId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonObject job = call("queryAsyncJobResult", "jobid", jobId).inner();
            if (job.get("jobstatus").getAsInt() != 0) {
                return job;
            }
            sleep(50);
        }
        throw new AssertionError("job " + jobId + " still pending after 60 s");
    }

    public Map<String, String> signed(String command, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("command", command);
        params.put("response", "json");
        params.put("apiKey", apiKey);
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        params.put("signature", SignatureVerifier.sign(params, secretKey));
        return params;
    }

    public Answer send(String method, Map<String, String> params) {
        return sendRaw(method, encode(params));
    }

    /** Sends an already encoded query (GET) or form body (POST). */
    public Answer sendRaw(String method, String encoded) {
        HttpRequest.Builder request = method.equals("GET")
                ? HttpRequest.newBuilder(URI.create(endpoint + "?" + encoded)).GET()
                : HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encoded));
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String endpoint() {
        return endpoint;
    }

    /** For tests that sign requests themselves, e.g. with a parameter repeated or the signature spoilt on purpose. */
    public String apiKey() {
        return apiKey;
    }

    public String secretKey() {
        return secretKey;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
