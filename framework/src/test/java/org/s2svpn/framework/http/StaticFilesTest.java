package org.s2svpn.framework.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** A page's files from the class path over real HTTP: only the listed ones, typed, under their folder. */
public class StaticFilesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Server server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new StaticFiles("/client/page/", "static-files-test/", List.of("index.html", "app.js")));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterClass
    public static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    public void theFolderServesItsIndexAsHtmlWithAPolicyOfThisServerOnly() throws Exception {
        HttpResponse<String> page = send("GET", "/client/page/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body(), page.body().contains("<script src=\"app.js\">"));
        assertEquals(StaticFiles.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(page.body(), send("GET", "/client/page/index.html").body());
    }

    @Test
    public void aScriptIsJavascriptInUtf8() throws Exception {
        HttpResponse<String> script = send("GET", "/client/page/app.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=UTF-8", script.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("document.title = \"ü\";\n", script.body());
    }

    @Test
    public void theFolderWithoutItsSlashRedirectsToIt() throws Exception {
        HttpResponse<String> answer = send("GET", "/client/page");
        assertEquals("a redirect", 3, answer.statusCode() / 100);
        assertTrue(answer.headers().firstValue("Location").orElseThrow().endsWith("/client/page/"));
    }

    @Test
    public void aFileNotListedIsNotFoundEvenWhenOnTheClassPath() throws Exception {
        assertEquals(404, send("GET", "/client/page/missing.js").statusCode());
        assertEquals(404, send("GET", "/client/page/app.js/").statusCode());
        assertEquals(404, send("GET", "/client/page/org/s2svpn/framework/http/StaticFiles.class").statusCode());
        assertEquals(404, send("GET", "/client/pages").statusCode());
    }

    @Test
    public void headAnswersWithoutBodyAndOtherMethodsAreRefused() throws Exception {
        HttpResponse<String> head = send("HEAD", "/client/page/app.js");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(405, send("POST", "/client/page/").statusCode());
        assertEquals(405, send("DELETE", "/client/page/app.js").statusCode());
    }

    @Test
    public void aListedFileMissingFromTheClassPathFailsAtConstruction() {
        assertThrows(IllegalStateException.class, () -> new StaticFiles("/x/", "static-files-test/", List.of("index.html", "nope.css")));
        assertThrows(IllegalArgumentException.class, () -> new StaticFiles("/x", "static-files-test/", List.of("index.html")));
        assertThrows(IllegalArgumentException.class, () -> new StaticFiles("/x/", "static-files-test/", List.of("app.js")));
    }
}
