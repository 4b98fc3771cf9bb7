package org.s2svpn.framework.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A fixed set of files from the class path (in the jar: nothing is read from disk, no directory is listed), served
 * under one URL folder, its index.html at the folder itself. Every page gets a Content-Security-Policy that allows
 * scripts, styles and API calls from this server only: a value from the API that a page showed as markup by
 * mistake still could not run a script.
 */
public final class StaticFiles extends Handler.Abstract {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private record File(String contentType, byte[] bytes) {
    }

    private final String urlFolder;
    private final Map<String, File> files = new LinkedHashMap<>();

    /**
     * @param urlFolder the URL path the files are under, with its trailing slash ("/client/s2svpn/")
     * @param resourceFolder the class path folder they are read from, once, here ("ui/s2svpn/")
     * @param names the files, at least index.html; a name missing from the class path fails here, not at the first request
     */
    public StaticFiles(String urlFolder, String resourceFolder, List<String> names) {
        this.urlFolder = requireNonNull(urlFolder, "urlFolder");
        if (!urlFolder.startsWith("/") || !urlFolder.endsWith("/")) {
            throw new IllegalArgumentException("a URL folder starts and ends with '/': " + urlFolder);
        }
        if (!names.contains("index.html")) {
            throw new IllegalArgumentException("no index.html among " + names);
        }
        ClassLoader loader = StaticFiles.class.getClassLoader();
        for (String name : names) {
            try (InputStream in = loader.getResourceAsStream(resourceFolder + name)) {
                if (in == null) {
                    throw new IllegalStateException("not on the class path: " + resourceFolder + name);
                }
                files.put(name, new File(contentType(name), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=UTF-8";
            case "js" -> "text/javascript; charset=UTF-8";
            case "css" -> "text/css; charset=UTF-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> throw new IllegalArgumentException("no content type known for " + name);
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String folder = urlFolder.substring(0, urlFolder.length() - 1);
        if (!path.equals(folder) && !path.startsWith(urlFolder)) {
            return false;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        if (path.equals(folder)) {
            // relative links in the page (status.js) resolve against the folder only with its slash
            Response.sendRedirect(request, response, callback, urlFolder);
            return true;
        }
        String name = path.substring(urlFolder.length());
        File file = files.get(name.isEmpty() ? "index.html" : name);
        if (file == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, file.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, file.bytes().length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.bytes()), callback);
        return true;
    }
}
