package org.s2svpn.client;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiServer;
import org.s2svpn.framework.api.ApiVersion;
import org.s2svpn.framework.api.CommandRegistry;
import org.s2svpn.framework.api.EventRecorder;
import org.s2svpn.framework.api.ParameterBinder;
import org.s2svpn.framework.auth.Authenticator;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.config.Configurable;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.framework.db.EntityResolver;
import org.s2svpn.framework.jobs.AsyncJobDao;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.framework.metrics.ApiLatency;
import org.s2svpn.framework.metrics.PrometheusExporter;
import org.s2svpn.framework.metrics.PrometheusSettings;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.framework.serialize.ResponseBodies;
import org.s2svpn.framework.serialize.XmlWriter;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.AlertDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.EventDao;
import org.s2svpn.schema.dao.Generations;
import org.s2svpn.schema.dao.RoleDao;
import org.s2svpn.schema.dao.SessionDao;
import org.s2svpn.schema.dao.UserDao;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.OfferingDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.schema.dao.VlanDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.Bootstrap;
import org.s2svpn.server.host.HostManager;
import org.s2svpn.server.host.HostViews;
import org.s2svpn.server.host.ManagementServerKeyPair;
import org.s2svpn.server.host.NodeInstaller;
import org.s2svpn.server.host.SshNodeClient;
import org.s2svpn.server.router.RouterChannels;
import org.s2svpn.server.router.RouterCheckMetrics;
import org.s2svpn.server.router.SshRouterChannel;
import org.s2svpn.server.network.PublicNetworkManager;
import org.s2svpn.server.network.PublicNetworkViews;
import org.s2svpn.server.router.RouterHealthCheck;
import org.s2svpn.server.router.RouterManager;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.server.router.RouterViews;
import org.s2svpn.server.router.SimulatedRouterChannel;
import org.s2svpn.server.vpc.NetworkDefaults;
import org.s2svpn.server.vpc.VpcManager;
import org.s2svpn.server.vpc.VpcViews;
import org.s2svpn.vpn.Site2SiteVpnModule;
import org.s2svpn.schema.dao.ManagementServerHostDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.s2svpn.server.cluster.ClusterManager;
import org.s2svpn.server.account.AccountManager;
import org.s2svpn.server.account.AccountViews;
import org.s2svpn.server.account.AuthenticatorImpl;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.server.config.ServerSettings;
import org.s2svpn.server.event.AlertManager;
import org.s2svpn.server.event.EventRecorderImpl;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The management server's components, wired by constructor injection. */
@Configuration
public class ServerContext {
    /** Components with one constructor whose arguments are other components. */
    static final List<Class<?>> COMPONENTS = List.of(
            AsyncJobDao.class, Generations.class, DomainDao.class, RoleDao.class, AccountDao.class, UserDao.class, SessionDao.class, EventDao.class,
            AlertDao.class, DataCenterDao.class, EntityResolver.class, ParameterBinder.class, AccessPolicyImpl.class, OwnerScope.class,
            AccountManager.class, AccountViews.class, AuthenticatorImpl.class, EventRecorderImpl.class, AlertManager.class,
            Bootstrap.class, ServerSettings.class,
            HostDao.class, VlanDao.class, IpAddressDao.class, OfferingDao.class, VpcDao.class, NetworkDao.class, RouterDao.class,
            PublicNetworkManager.class, PublicNetworkViews.class, HostManager.class, SimulatedRouterChannel.class, RouterManager.class,
            RouterViews.class, RouterTimer.class, RouterHealthCheck.class, VpcManager.class, VpcViews.class, NetworkDefaults.class,
            NodeInstaller.class, HostViews.class, SshRouterChannel.class, ManagementServerHostDao.class,
            ApiLatency.class, RouterCheckMetrics.class, PrometheusSettings.class, PrometheusExporter.class);

    /** Builds the context around an open data source; the caller closes both. */
    public static AnnotationConfigApplicationContext create(ServerConfig config, DataSource dataSource, long msid) {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean(ServerConfig.class, () -> config);
        ctx.registerBean(DataSource.class, () -> dataSource);
        ctx.registerBean("msid", Long.class, () -> msid);
        ctx.register(ServerContext.class);
        COMPONENTS.forEach(ctx::registerBean);
        Site2SiteVpnModule.COMPONENTS.forEach(ctx::registerBean);
        // the one channel the rest of the server sends router commands through
        ctx.registerBean(RouterChannels.class, definition -> definition.setPrimary(true));
        ctx.refresh();
        return ctx;
    }

    @Bean
    public JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    public PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    public TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public Gson gson() {
        return ApiGson.create();
    }

    @Bean
    public ResponseBodies responseBodies(Gson gson) {
        return new ResponseBodies(gson);
    }

    @Bean
    public Encryptor encryptor(ServerConfig config) {
        try {
            return Encryptor.fromKeyFile(config.encryptionKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the encryption key " + config.encryptionKeyFile(), e);
        }
    }

    @Bean
    public ManagementServerKeyPair managementServerKeyPair(JdbcClient jdbc, Encryptor encryptor) {
        return ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);
    }

    @Bean(destroyMethod = "close")
    public SshNodeClient sshNodeClient(ManagementServerKeyPair keys) {
        return new SshNodeClient(keys.keyPair(), Duration.ofSeconds(10));
    }

    @Bean
    public ConfigDepot configDepot(JdbcClient jdbc, List<Configurable> components) {
        return new ConfigDepot(jdbc, components);
    }

    @Bean
    public ClusterManager clusterManager(ManagementServerHostDao hosts, RouterDao routers, AsyncJobManager jobs, ConfigDepot config,
                                         Long msid) {
        return new ClusterManager(hosts, routers, jobs, config, msid);
    }

    @Bean(destroyMethod = "close")
    public AsyncJobManager asyncJobManager(AsyncJobDao jobs, ResponseBodies bodies, Gson gson, EventRecorder events, ServerConfig config,
                                           Long msid) {
        return new AsyncJobManager(jobs, bodies, gson, events, msid, config.jobThreads(), 10_000);
    }

    @Bean
    public CommandRegistry commandRegistry() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(APICommand.class));
        List<Class<?>> commands = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.s2svpn")) {
            try {
                commands.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return new CommandRegistry(commands);
    }

    @Bean
    public ApiServer apiServer(CommandRegistry registry, AutowireCapableBeanFactory beans, ParameterBinder binder, Authenticator authenticator,
                               AsyncJobManager jobs, ResponseBodies bodies, Clock clock, ApiLatency latency) {
        return new ApiServer(registry, beans::createBean, binder, authenticator, jobs, bodies, new XmlWriter(ApiVersion.CLOUDSTACK), clock,
                latency);
    }
}
