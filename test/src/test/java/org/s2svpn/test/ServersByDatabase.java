package org.s2svpn.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One test server per database kind, shared by the tests of a parameterized class and closed after them. */
final class ServersByDatabase {
    private final Map<String, TestServer> servers = new ConcurrentHashMap<>();

    TestServer get(String kind) {
        return servers.computeIfAbsent(kind, k -> {
            try {
                return TestServer.start(k);
            } catch (Exception e) {
                throw new IllegalStateException("could not start a test server on " + k, e);
            }
        });
    }

    void closeAll() throws Exception {
        for (TestServer server : servers.values()) {
            server.close();
        }
        servers.clear();
    }
}
