package org.s2svpn.client.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * This machine as a network node for the demo: an SSH server on a loopback port that lets in only the management
 * server's key and runs commands with /bin/sh, as the node's own sshd would. Nothing listens beyond 127.0.0.1.
 */
final class LoopbackNode implements AutoCloseable {
    private final SshServer sshd;

    private LoopbackNode(SshServer sshd) {
        this.sshd = sshd;
    }

    static LoopbackNode start(PublicKey authorized, Path dir) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("node-host-key")));
        sshd.setPublickeyAuthenticator((username, key, session) -> KeyUtils.compareKeys(authorized, key));
        sshd.setPasswordAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.start();
        return new LoopbackNode(sshd);
    }

    int port() {
        return sshd.getPort();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
