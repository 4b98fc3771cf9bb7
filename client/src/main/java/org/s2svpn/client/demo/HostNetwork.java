package org.s2svpn.client.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.s2svpn.server.net.Cidr;

/** This machine's network, as the demo (and the tests) must treat it: never touch a range the machine uses. */
public final class HostNetwork {
    private HostNetwork() {
    }

    /** The first candidate CIDR that overlaps nothing the root namespace has addresses or routes for. */
    public static Cidr freeRange(String... candidates) {
        List<Cidr> used = new ArrayList<>();
        for (JsonElement a : JsonParser.parseString(must("ip", "-j", "-4", "addr")).getAsJsonArray()) {
            for (JsonElement info : a.getAsJsonObject().getAsJsonArray("addr_info")) {
                var o = info.getAsJsonObject();
                used.add(Cidr.parse(o.get("local").getAsString() + "/" + o.get("prefixlen").getAsInt()));
            }
        }
        for (JsonElement r : JsonParser.parseString(must("ip", "-j", "-4", "route")).getAsJsonArray()) {
            String dst = r.getAsJsonObject().get("dst").getAsString();
            if (!dst.equals("default")) {
                used.add(Cidr.parse(dst.contains("/") ? dst : dst + "/32"));
            }
        }
        for (String candidate : candidates) {
            Cidr c = Cidr.parse(candidate);
            if (used.stream().noneMatch(u -> u.overlaps(c))) {
                return c;
            }
        }
        throw new IllegalStateException("every candidate range overlaps this machine's own addresses or routes: " + used);
    }

    /** Runs a command; true when it exited 0. */
    public static boolean run(String... command) {
        return exec(command).exitCode == 0;
    }

    /** Runs a command that must succeed and returns its output. */
    public static String must(String... command) {
        Result r = exec(command);
        if (r.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode + "): " + r.output.strip());
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
