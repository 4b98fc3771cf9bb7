package org.s2svpn.framework.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.s2svpn.framework.api.ApiServer;

/** Serves CloudStack's API at /client/api: GET query parameters and form POST bodies, merged, first value wins. */
public final class ApiHandler extends Handler.Abstract {
    /** Larger bodies are refused, and no more of them is read than this. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How much of a too-large body is read before the 413, so that the client sees the answer. */
    static final int DRAINED_BYTES = 8 << 20;

    private final ApiServer api;

    public ApiHandler(ApiServer api) {
        this.api = requireNonNull(api, "api");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals("/client/api") && !path.equals("/client/api/")) {
            return false;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Map<String, String> params = new LinkedHashMap<>();
        parse(request.getHttpURI().getQuery(), params);
        if (method.equals("POST")) {
            InputStream body = Content.Source.asInputStream(request);
            if (request.getLength() > MAX_BODY_BYTES) {
                return tooLarge(request, response, callback, body);
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                // a chunked body has no length to check up front: read one byte past the limit at most
                byte[] form = body.readNBytes(MAX_BODY_BYTES + 1);
                if (form.length > MAX_BODY_BYTES) {
                    return tooLarge(request, response, callback, body);
                }
                parse(new String(form, StandardCharsets.UTF_8), params);
            }
        }
        ApiServer.Reply reply = api.handle(new ApiServer.Request(method, params, remote(request)));
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        reply.setCookies().forEach(cookie -> response.getHeaders().add(HttpHeader.SET_COOKIE, cookie));
        Content.Sink.write(response, true, reply.body(), callback);
        return true;
    }

    /**
     * 413. A body of up to {@link #DRAINED_BYTES} is read to its end (and dropped) first: a connection closed with
     * bytes left unread is reset, and the reset can reach the client before the answer does.
     */
    private static boolean tooLarge(Request request, Response response, Callback callback, InputStream body) throws IOException {
        if (request.getLength() <= DRAINED_BYTES) {
            body.skip(DRAINED_BYTES);
        }
        Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
        return true;
    }

    /** Decodes a query string or form body; '+' is a space; the first value of a name wins. */
    static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                into.putIfAbsent(name, value);
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%' is kept as written rather than refusing the whole request
        }
    }

    private static String remote(Request request) {
        SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
