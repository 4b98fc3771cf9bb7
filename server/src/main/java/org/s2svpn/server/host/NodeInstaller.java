package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Installs or updates the systemvm-patches (the network node's router tool, its strongSwan template and installer),
 * packaged in this server, on a node: every file is copied over SFTP, then the node's own install.sh runs, adding the
 * Debian packages it lacks. Returns the installed version.
 */
public final class NodeInstaller {
    private static final Logger LOG = LogManager.getLogger(NodeInstaller.class);
    static final String RESOURCES = "systemvm-patches/";
    static final String STAGING = "/opt/s2svpn-install/";
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final SshNodeClient ssh;

    public NodeInstaller(SshNodeClient ssh) {
        this.ssh = requireNonNull(ssh, "ssh");
    }

    public String install(NodeAddress node) {
        Map<String, Resource> files = packagedFiles();
        Set<String> dirs = new TreeSet<>();
        files.keySet().forEach(path -> dirs.add(STAGING + (path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "")));
        ExecResult mkdir = ssh.exec(node, "rm -rf " + STAGING + " && mkdir -p " + String.join(" ", dirs), null, Duration.ofSeconds(30));
        if (!mkdir.succeeded()) {
            throw new NodeUnreachableException("cannot prepare " + STAGING + " on " + node.hostAndPort() + ": " + mkdir.stderr().strip());
        }
        try {
            for (Map.Entry<String, Resource> file : files.entrySet()) {
                String path = file.getKey();
                boolean executable = path.endsWith(".sh") || path.startsWith("bin/");
                ssh.upload(node, STAGING + path, file.getValue().getContentAsByteArray(), executable ? "0755" : "0644");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the systemvm-patches packaged in this server cannot be read", e);
        }
        ExecResult result = ssh.exec(node, "bash " + STAGING + "install.sh", null, INSTALL_TIMEOUT);
        if (!result.succeeded()) {
            throw new NodeUnreachableException("installing the network node scripts on " + node.hostAndPort() + " failed (exit "
                    + result.exitCode() + "): " + result.stderr().strip());
        }
        String version = packagedVersion();
        LOG.info("installed systemvm-patches {} ({} files) on {}", version, files.size(), node.hostAndPort());
        return version;
    }

    /** The version of the scripts this server carries. */
    public String packagedVersion() {
        try {
            return packagedFiles().get("VERSION").getContentAsString(java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged files by their path under systemvm-patches/. */
    private static Map<String, Resource> packagedFiles() {
        Map<String, Resource> files = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + RESOURCES + "**")) {
                String url = r.getURL().toString();
                String path = url.substring(url.lastIndexOf(RESOURCES) + RESOURCES.length());
                if (!path.isEmpty() && !path.endsWith("/") && r.isReadable()) {
                    files.put(path, r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the systemvm-patches packaged in this server cannot be read", e);
        }
        if (!files.containsKey("install.sh") || !files.containsKey("VERSION")) {
            throw new IllegalStateException("the systemvm-patches are not packaged in this server (no install.sh or VERSION)");
        }
        return files;
    }
}
