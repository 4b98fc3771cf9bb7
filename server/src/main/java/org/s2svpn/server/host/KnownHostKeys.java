package org.s2svpn.server.host;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Trust on first use, in memory: the first host key a node presents is remembered for the life of the process, and a
 * different key from the same host and port later is refused. Keys are not persisted yet, so a restart trusts again.
 */
final class KnownHostKeys implements ServerKeyVerifier {
    private static final Logger LOG = LogManager.getLogger(KnownHostKeys.class);
    private static final AttributeKey<NodeAddress> NODE = new AttributeKey<>();

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    // why the last connection to a node was refused: MINA only reports "server key did not validate"
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    /** The connection context that lets {@link #verifyServerKey} know which node it is talking to. */
    static AttributeRepository contextFor(NodeAddress node) {
        return AttributeRepository.ofKeyValuePair(NODE, node);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        NodeAddress node = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(NODE);
        if (node == null) {
            LOG.error("refusing the host key of {}: the connection was not opened for a known network node", remoteAddress);
            return false;
        }
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        PublicKey known = keys.putIfAbsent(node.hostAndPort(), serverKey);
        if (known == null) {
            LOG.info("network node {} presented host key {} {}; trusting it on first use", node.hostAndPort(),
                    KeyUtils.getKeyType(serverKey), fingerprint);
            return true;
        }
        if (KeyUtils.compareKeys(known, serverKey)) {
            return true;
        }
        String refusal = "network node " + node.hostAndPort() + " presented host key " + fingerprint
                + ", not the key " + KeyUtils.getFingerPrint(known) + " it presented earlier; refusing to connect"
                + " (was the node reinstalled, or is something in between?)";
        refusals.put(node.hostAndPort(), refusal);
        LOG.error(refusal);
        return false;
    }

    /** Why the host key of this node was refused, once, if it was. */
    Optional<String> takeRefusal(NodeAddress node) {
        return Optional.ofNullable(refusals.remove(node.hostAndPort()));
    }
}
