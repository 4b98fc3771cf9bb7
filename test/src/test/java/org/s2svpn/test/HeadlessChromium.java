package org.s2svpn.test;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools protocol (a WebSocket of the JDK's HTTP client): one
 * page to navigate, type into, read with JavaScript and photograph. Closing kills the browser and every process it
 * started, and removes its profile directory, whatever happened before.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Gson GSON = new Gson();

    private final Path profile;
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    /** Uncaught exceptions of the page and the errors its scripts and its security policy report, since the last reset. */
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    /** Kills the browser if the JVM ends before close() (a test run interrupted), so that no chromium outlives it. */
    private final Thread cleanup;

    private HeadlessChromium(Path profile, Process process, URI page) {
        this.profile = profile;
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(page, new Listener()).join();
        this.cleanup = new Thread(() -> stop(process, profile), "chromium-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts chromium with a new profile; the log goes to logFile. */
    static HeadlessChromium start(Path logFile) throws IOException {
        Path profile = Files.createTempDirectory("s2svpn-chromium-");
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--password-store=basic", "--window-size=1280,800", "--remote-debugging-port=0",
                "--user-data-dir=" + profile));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox"); // chromium refuses to run as root with its sandbox
        }
        command.add("about:blank");
        Process process = null;
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            HeadlessChromium browser = new HeadlessChromium(profile, process, pageSocket(profile, process, logFile));
            browser.call("Runtime.enable", Map.of());
            browser.call("Log.enable", Map.of());
            return browser;
        } catch (IOException | RuntimeException e) {
            stop(process, profile);
            throw e;
        }
    }

    /** The DevTools WebSocket of the browser's page: the port chromium chose is in its profile's DevToolsActivePort. */
    private static URI pageSocket(Path profile, Process process, Path logFile) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
            if (lines.size() >= 2) {
                JsonElement targets = JsonParser.parseString(get("http://127.0.0.1:" + lines.get(0).trim() + "/json/list"));
                for (JsonElement t : targets.getAsJsonArray()) {
                    if (t.getAsJsonObject().get("type").getAsString().equals("page")) {
                        return URI.create(t.getAsJsonObject().get("webSocketDebuggerUrl").getAsString());
                    }
                }
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("chromium did not open a page to debug; its log: " + Files.readString(logFile));
            }
            ApiClient.sleep(50);
        }
    }

    private static String get(String url) throws IOException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Sends a DevTools command and waits for its result; a protocol error fails. */
    JsonObject call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", GSON.toJsonTree(params));
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            JsonObject reply = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.getAsJsonObject("result");
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Opens url in the page and waits for it to load. */
    void navigate(String url) {
        evaluate("window.leftBehind = true"); // gone once the new document replaced this one, even at the same URL
        call("Page.navigate", Map.of("url", url));
        await("window.leftBehind === undefined && document.readyState === 'complete' && location.href === " + GSON.toJson(url),
                Duration.ofSeconds(10));
    }

    /** The value of a JavaScript expression (awaited if a promise), as JSON; a thrown exception fails. */
    JsonElement evaluate(String expression) {
        JsonObject result = call("Runtime.evaluate", Map.of("expression", "JSON.stringify(" + expression + ")", "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw: " + result.get("exceptionDetails"));
        }
        JsonElement value = result.getAsJsonObject("result").get("value");
        return value == null ? com.google.gson.JsonNull.INSTANCE : JsonParser.parseString(value.getAsString());
    }

    /** Waits until a JavaScript condition is true. */
    void await(String condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!holds(condition)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + condition + "; the page shows: "
                        + evaluate("document.body ? document.body.innerText : ''"));
            }
            ApiClient.sleep(50);
        }
    }

    /** Whether the condition holds now; false while a navigation replaces the document it would be asked of. */
    private boolean holds(String condition) {
        try {
            return evaluate("!!(" + condition + ")").getAsBoolean();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Types text into the element the selector finds, as keyboard input would. */
    void type(String selector, String text) {
        evaluate("(() => { const e = document.querySelector(" + GSON.toJson(selector) + "); e.focus(); e.select(); return true; })()");
        call("Input.insertText", Map.of("text", text));
    }

    void click(String selector) {
        evaluate("(() => { document.querySelector(" + GSON.toJson(selector) + ").click(); return true; })()");
    }

    /** Forgets cookies and this origin's session storage, as a new browser would. */
    void forgetSessions() {
        call("Network.clearBrowserCookies", Map.of());
        evaluate("(() => { try { sessionStorage.clear(); } catch (e) { } return true; })()");
    }

    /** The page's errors since the last call (uncaught exceptions, script errors, refusals of its security policy). */
    List<String> takePageErrors() {
        List<String> taken = List.copyOf(pageErrors);
        pageErrors.removeAll(taken);
        return taken;
    }

    /** A PNG of the whole page. */
    void screenshot(Path file) throws IOException {
        JsonObject shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").getAsString()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            stop(process, profile);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook stops the browser itself
            }
        }
    }

    private static void stop(Process process, Path profile) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!Files.exists(profile)) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove chromium's profile " + profile, e);
        }
    }

    /**
     * Keeps the page's errors. Not the network's (a refused login is a 401 the page expects): those of its scripts
     * and of its Content-Security-Policy.
     */
    private void event(String method, JsonObject params) {
        if (method.equals("Runtime.exceptionThrown")) {
            pageErrors.add(params.getAsJsonObject("exceptionDetails").toString());
        } else if (method.equals("Log.entryAdded")) {
            JsonObject entry = params.getAsJsonObject("entry");
            String source = entry.get("source").getAsString();
            if (entry.get("level").getAsString().equals("error") && (source.equals("javascript") || source.equals("security"))) {
                pageErrors.add(source + ": " + entry.get("text").getAsString());
            }
        }
    }

    /** Gathers a message's frames; answers complete their calls, events go to {@link #event}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
                text.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> call = pending.get(message.get("id").getAsInt());
                    if (call != null) {
                        call.complete(message);
                    }
                } else {
                    event(message.get("method").getAsString(), message.getAsJsonObject("params"));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
