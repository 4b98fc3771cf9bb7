package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s2svpn.vpn.policy.DhGroup;

/**
 * Libreswan's own config and algorithm parsers (4.10, Debian 12), unpacked by scripts/test-deps.sh into
 * /var/cache/s2svpn/libreswan (the package conflicts with strongSwan's, so it is never installed).
 */
final class LibreswanTools {
    private static final Path TOOLS = Path.of(System.getProperty("s2svpn.libreswan.dir", "/var/cache/s2svpn/libreswan"))
            .resolve("usr/libexec/ipsec");

    private LibreswanTools() {
    }

    /** Fails when addconn, readwriteconf or algparse is missing. */
    static void require() {
        for (String tool : List.of("addconn", "readwriteconf", "algparse")) {
            if (!Files.isExecutable(TOOLS.resolve(tool))) {
                fail("Libreswan's " + tool + " is missing from " + TOOLS + ": run scripts/test-deps.sh (as root), which"
                        + " unpacks the libreswan package there");
            }
        }
    }

    static String tool(String name) {
        return TOOLS.resolve(name).toString();
    }

    /** Writes an ipsec.conf into a temp folder of its own; {@link #remove} deletes both. */
    static Path write(String conf) throws IOException {
        Path file = Files.createTempDirectory("s2svpn-libreswan").resolve("ipsec.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        return file;
    }

    static void remove(Path conf) throws IOException {
        if (conf != null) {
            Files.deleteIfExists(conf);
            Files.deleteIfExists(conf.getParent());
        }
    }

    /** {@code addconn --checkconfig} must exit 0 with nothing on stderr. */
    static void assertCheckconfigIsClean(Path conf) {
        Commands.Result check = Commands.run(tool("addconn"), "--config", conf.toString(), "--checkconfig");
        assertEquals(check.toString(), 0, check.exitCode());
        assertEquals(check.toString(), "", check.stderr());
    }

    /** The connections {@code addconn --listall} finds. */
    static List<String> listall(Path conf) {
        Commands.Result list = Commands.run(tool("addconn"), "--config", conf.toString(), "--listall");
        assertEquals(list.toString(), 0, list.exitCode());
        return List.of(list.stdout().strip().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
    }

    /**
     * algparse must take the proposal list ({@code ike=...} or {@code esp=...}) for that IKE version ({@code -v1},
     * {@code -v2}) and PFS setting. The one exception is {@code modp1024}, which Libreswan 4 no longer implements
     * (RFC 8247); OpenSwan had it, and CloudStack offers it, so renderers keep it, and then nothing else in the list
     * may be refused.
     */
    static void algparse(String version, String pfs, String proposals) {
        Commands.Result result = Commands.run(tool("algparse"), version, pfs, proposals);
        String modp1024 = DhGroup.MODP1024.token();
        if (proposals.contains(modp1024)) {
            assertTrue(result.toString(), result.exitCode() != 0
                    && result.stdout().contains("DH algorithm '" + modp1024 + "' is not supported"));
            algparse(version, pfs, proposals.replace(modp1024, DhGroup.MODP1536.token()));
            return;
        }
        assertEquals(result.toString(), 0, result.exitCode());
        assertTrue(result.toString(), !result.stdout().contains("ERROR") && !result.stderr().contains("ERROR"));
    }

    /** readwriteconf's output, by connection: the lines of each {@code conn} section. */
    static Map<String, String> sections(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : (text + "\n").lines().toList()) {
            if (!line.startsWith("\t")) {
                if (name != null) {
                    sections.put(name, String.join("\n", lines) + "\n");
                }
                name = line.startsWith("conn ") ? line.substring(5).strip() : null;
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        return sections;
    }
}
