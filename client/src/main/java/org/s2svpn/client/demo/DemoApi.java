package org.s2svpn.client.demo;

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

/** The demo's API client: signed GET requests as any CloudStack client sends them, async jobs waited for. */
final class DemoApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String endpoint;
    private final String apiKey;
    private final String secretKey;

    DemoApi(String endpoint, String apiKey, String secretKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
    }

    /** Calls a command; fails on an error answer. Returns the object under the response key. */
    JsonObject call(String command, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("command", command);
        params.put("response", "json");
        params.put("apiKey", apiKey);
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        params.put("signature", SignatureVerifier.sign(params, secretKey));
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
            JsonObject inner = body.entrySet().iterator().next().getValue().getAsJsonObject();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(command + " failed: " + inner.get("errortext").getAsString());
            }
            return inner;
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls an async command and returns its job result once it succeeded. */
    JsonObject job(String command, String... nameValues) {
        String jobId = call(command, nameValues).get("jobid").getAsString();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonObject job = call("queryAsyncJobResult", "jobid", jobId);
            int status = job.get("jobstatus").getAsInt();
            if (status == 1) {
                return job.getAsJsonObject("jobresult");
            }
            if (status == 2) {
                throw new IllegalStateException(command + " failed: " + job.getAsJsonObject("jobresult").get("errortext").getAsString());
            }
            pause(100);
        }
        throw new IllegalStateException(command + " did not finish within 5 minutes");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
