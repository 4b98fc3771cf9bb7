package org.s2svpn.client;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.s2svpn.framework.api.ApiServer;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.http.ApiHandler;
import org.s2svpn.framework.http.StaticFiles;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.framework.metrics.PrometheusExporter;
import org.s2svpn.server.Bootstrap;
import org.s2svpn.server.cluster.ClusterManager;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.server.vpc.NetworkDefaults;
import org.s2svpn.setupdb.Databases;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** One management server: database, components, and the API on HTTP. Start, then close. */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ManagementServer.class);
    /** The status page of the caller's site-to-site VPN connections, a client of the API beside it (README). */
    public static final String STATUS_PAGE = "/client/s2svpn/";

    private final ServerConfig config;
    private HikariDataSource dataSource;
    private AnnotationConfigApplicationContext context;
    private Server http;

    public ManagementServer(ServerConfig config) {
        this.config = requireNonNull(config, "config");
    }

    public ManagementServer start() throws Exception {
        Files.createDirectories(config.dataDir());
        long msid = msid(config.dataDir());
        LOG.info("starting management server msid {} on {} with database {}", msid, config.dataDir().toAbsolutePath(),
                config.database().url());
        dataSource = Databases.open(config.database());
        Databases.migrate(dataSource);
        context = ServerContext.create(config, dataSource, msid);
        context.getBean(ConfigDepot.class).persistDefaults();
        Optional<Bootstrap.AdminCredentials> admin = context.getBean(Bootstrap.class).initialize();
        if (admin.isPresent()) {
            Path keys = writeAdminKeys(config.dataDir(), admin.get());
            LOG.info("first start: the admin user's API key and secret key are in {}", keys.toAbsolutePath());
        }
        context.getBean(NetworkDefaults.class).ensure();
        context.getBean(AsyncJobManager.class).failLeftoverJobs();
        http = new Server();
        ServerConnector connector = new ServerConnector(http);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        http.addConnector(connector);
        http.setHandler(new Handler.Sequence(new ApiHandler(context.getBean(ApiServer.class)),
                new StaticFiles(STATUS_PAGE, "ui/s2svpn/", List.of("index.html", "status.js", "status.css"))));
        http.setStopTimeout(5_000);
        http.start();
        context.getBean(ClusterManager.class).start(config.bindAddress() + ":" + port());
        context.getBean(RouterTimer.class).start();
        context.getBean(PrometheusExporter.class).start();
        LOG.info("management server ready: http://{}:{}/client/api, status page http://{}:{}{}", config.bindAddress(), port(),
                config.bindAddress(), port(), STATUS_PAGE);
        return this;
    }

    public int port() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    public <T> T component(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() throws Exception {
        if (http != null) {
            http.stop();
        }
        if (context != null) {
            context.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /**
     * This server's id, kept in the data directory so that a restarted server knows which jobs it left pending.
     */
    static long msid(Path dataDir) throws IOException {
        Path file = dataDir.resolve("server.id");
        if (!Files.exists(file)) {
            long id = new SecureRandom().nextLong() & 0xFFFF_FFFF_FFFFL;
            Files.writeString(file, id + "\n");
        }
        return Long.parseLong(Files.readString(file).trim());
    }

    /** admin.keys: apikey= and secretkey= lines (and the admin's login), readable by the owner only. */
    static Path writeAdminKeys(Path dataDir, Bootstrap.AdminCredentials admin) throws IOException {
        Path file = dataDir.resolve("admin.keys");
        Path tmp = Files.createTempFile(dataDir, ".admin.keys", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, "apikey=" + admin.apiKey() + "\nsecretkey=" + admin.secretKey() + "\nusername=" + admin.username()
                + "\npassword=" + admin.password() + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
