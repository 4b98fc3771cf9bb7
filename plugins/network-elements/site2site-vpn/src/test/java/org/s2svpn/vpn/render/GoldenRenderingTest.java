package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Each golden case renders exactly as its files under src/test/resources/golden/ say; a difference fails with a
 * line diff. After a deliberate change to a renderer, regenerate the files and review them with git diff:
 *
 * <pre>mvn -o test -pl plugins/network-elements/site2site-vpn -Dtest=GoldenRenderingTest -Ds2svpn.golden.update=true</pre>
 */
public class GoldenRenderingTest {
    private static final boolean UPDATE = Boolean.getBoolean("s2svpn.golden.update");

    @Test
    public void everyCaseRendersAsItsGoldenFiles() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, List<S2sConnection>> c : GoldenCases.all().entrySet()) {
            for (Map.Entry<String, String> file : GoldenCases.render(c.getValue()).entrySet()) {
                compare(GoldenCases.DIR.resolve(c.getKey()).resolve(file.getKey()), file.getValue(), mismatches);
            }
        }
        if (!mismatches.isEmpty()) {
            fail(String.join("\n", mismatches));
        }
    }

    @Test
    public void noGoldenFolderIsLeftWithoutItsCase() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> list = Files.list(GoldenCases.DIR)) {
            list.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(GoldenCases.names()), folders);
    }

    /**
     * Adds to mismatches how a rendering differs from its golden file; with {@code -Ds2svpn.golden.update=true}
     * writes the file instead.
     */
    static void compare(Path path, String rendered, List<String> mismatches) throws IOException {
        if (UPDATE) {
            Files.createDirectories(path.getParent());
            Files.writeString(path, rendered, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        if (expected == null) {
            mismatches.add(path + " is missing (regenerate with -Ds2svpn.golden.update=true)");
        } else if (!expected.equals(rendered)) {
            mismatches.add(path + " differs (- golden, + rendered):\n" + diff(expected, rendered));
        }
    }

    /** A line diff (longest common subsequence): small files, so the quadratic table is fine. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.append("  ").append(a[i]).append('\n');
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append("+ ").append(b[j++]).append('\n');
            } else {
                out.append("- ").append(a[i++]).append('\n');
            }
        }
        return out.toString();
    }
}
