package org.s2svpn.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scrape of the Prometheus exporter, parsed as the text format 0.0.4 says: comment lines (# HELP, # TYPE) and samples
 * {@code name{label="value",...} value}, label values with \\, \" and \n escaped. Strict: a line it cannot read fails the
 * test.
 */
record Scrape(String text, Map<String, String> types, List<Line> lines) {
    /** One sample line. */
    record Line(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                lines.add(sample(line));
            }
        }
        return new Scrape(text, types, lines);
    }

    private static Line sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (line.charAt(eq + 1) != '"') {
                    throw new AssertionError("unquoted label value: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new AssertionError("bad escape \\" + next + ": " + line);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (line.charAt(i) != ' ') {
            throw new AssertionError("no value: " + line);
        }
        String value = line.substring(i + 1);
        double v = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
        return new Line(name, labels, v);
    }

    /** The value of the one sample with this name and exactly these labels. */
    double value(String name, String... labelPairs) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Line> found = lines.stream().filter(l -> l.name().equals(name) && l.labels().equals(wanted)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + wanted + " in the scrape:\n" + text);
        }
        return found.get(0).value();
    }

    /** The labels of the first sample with this name whose labels include the given one, if any. */
    Optional<Map<String, String>> labels(String name, String label, String value) {
        return lines.stream().filter(l -> l.name().equals(name) && value.equals(l.labels().get(label))).map(Line::labels).findFirst();
    }

    /** Every sample with this name whose labels include the given one. */
    List<Line> all(String name, String label, String value) {
        return lines.stream().filter(l -> l.name().equals(name) && value.equals(l.labels().get(label))).toList();
    }
}
