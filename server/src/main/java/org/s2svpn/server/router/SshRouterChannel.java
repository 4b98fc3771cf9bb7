package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.server.host.ExecResult;
import org.s2svpn.server.host.HostManager;
import org.s2svpn.server.host.NodeUnreachableException;
import org.s2svpn.server.host.SshNodeClient;

/**
 * Runs the node's {@code s2svpn-router} tool over SSH. A payload travels on stdin into a private temporary file
 * (mktemp: mode 0600) that is removed after the command, so no secret is ever on a command line.
 */
public final class SshRouterChannel implements RouterChannel {
    static final String TOOL = "/opt/s2svpn/bin/s2svpn-router";

    private final HostDao hosts;
    private final SshNodeClient ssh;

    public SshRouterChannel(HostDao hosts, SshNodeClient ssh) {
        this.hosts = requireNonNull(hosts, "hosts");
        this.ssh = requireNonNull(ssh, "ssh");
    }

    @Override
    public RouterAnswer send(DomainRouterVO router, RouterCommand command) {
        HostVO host = hosts.findById(router.hostId())
                .orElseThrow(() -> new RouterUnreachableException("router " + router.name() + " is on a network node that was removed"));
        String line;
        byte[] stdin = null;
        if (command.payload() == null) {
            line = TOOL + " " + command.verb() + " " + router.namespace();
        } else {
            line = "f=$(mktemp) && cat > \"$f\" && " + TOOL + " " + command.verb() + " \"$f\"; rc=$?; rm -f \"$f\"; exit $rc";
            stdin = command.payload().getBytes(StandardCharsets.UTF_8);
        }
        try {
            ExecResult result = ssh.exec(HostManager.address(host), line, stdin, command.timeout());
            if (result.succeeded()) {
                return RouterAnswer.ok(result.stdout());
            }
            return RouterAnswer.failed(result.stderr().isBlank() ? "exit " + result.exitCode() + ": " + result.stdout() : result.stderr());
        } catch (NodeUnreachableException e) {
            throw new RouterUnreachableException(e.getMessage(), e);
        }
    }
}
