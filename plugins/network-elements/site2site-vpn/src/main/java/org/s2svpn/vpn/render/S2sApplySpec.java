package org.s2svpn.vpn.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The s2s-apply spec of docs/s2s-vr-contract.md for one router: its whole S2S configuration, rendered, with the
 * structured part the router needs for iptables and initiation, and a hash that tells configurations apart.
 */
public final class S2sApplySpec {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private S2sApplySpec() {
    }

    public static String of(String routerName, List<S2sConnection> connections) {
        SwanctlConfig rendered = new SwanctlRenderer().render(connections);
        JsonObject spec = new JsonObject();
        spec.addProperty("name", routerName);
        spec.addProperty("swanctl", rendered.connections());
        spec.addProperty("secrets", rendered.secrets());
        JsonArray list = new JsonArray();
        for (S2sConnection c : RouterConnections.ordered(connections)) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", c.name());
            entry.addProperty("peer", c.peerGateway().value());
            entry.addProperty("local", c.localPublicIp().toString());
            entry.addProperty("local_cidr", c.localCidr().toString());
            entry.add("remote_cidrs", GSON.toJsonTree(c.peerCidrs().cidrs().stream().map(Object::toString).toList()));
            entry.add("children", GSON.toJsonTree(c.childNames()));
            entry.addProperty("passive", c.passive());
            list.add(entry);
        }
        spec.add("connections", list);
        spec.addProperty("hash", sha256(GSON.toJson(spec)));
        return GSON.toJson(spec);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
