package org.s2svpn.framework.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.s2svpn.framework.metrics.PrometheusText;

/**
 * GET /metrics for a scraper whose address is allowed (the allow-list is read at each request, so a change applies at
 * once), 403 for any other address, as CloudStack's exporter answers; 404 for other paths.
 */
public final class MetricsHandler extends Handler.Abstract {
    private final Supplier<Set<InetAddress>> allowed;
    private final Supplier<String> metrics;

    public MetricsHandler(Supplier<Set<InetAddress>> allowed, Supplier<String> metrics) {
        this.allowed = requireNonNull(allowed, "allowed");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals("/metrics")) {
            return false;
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || !allowed.get().contains(inet.getAddress())) {
            response.setStatus(HttpStatus.FORBIDDEN_403);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "Forbidden\n", callback);
            return true;
        }
        if (!request.getMethod().equals("GET")) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
        return true;
    }
}
