package org.s2svpn.vpn.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ipsec.conf and ipsec.secrets read the way Libreswan (and OpenSwan before it) reads them, written from their
 * lexers (lib/libipsecconf/parser.l; lib/libswan/lex.c and secrets.c), not from our renderer.
 *
 * <p>ipsec.conf: a section starts in the first column ({@code config setup}, {@code conn <name>}); its settings
 * are indented {@code key=value} lines. A value is {@code "..."} (no quote, no line break inside, no escapes),
 * {@code {...}} (up to the last brace on the line), or a run of anything but quotes and whitespace. Blank lines and
 * lines that start with {@code #} are skipped, and a {@code #} after a value starts a comment.
 *
 * <p>ipsec.secrets: a record starts with a token in the first column and runs over the following indented lines.
 * Each line is read into a 2048-byte buffer (a longer one is cut), trailing whitespace dropped. Tokens are
 * separated by blanks; a token that starts with {@code #} starts a comment; a token that starts with {@code "},
 * {@code '} or {@code `} runs to the next same quote, with no escapes, and is taken literally; a token that starts
 * with {@code 0t} runs to the end of the line; a {@code :} at the end of a token is a token of its own. A PSK
 * record is {@code <ids> : PSK <secret>}, the secret quoted or in ttodata's {@code 0x} (hex) or {@code 0s}
 * (base64) form.
 *
 * <p>Stricter than Libreswan where it would silently take something else: a repeated section or key (the last one
 * would win), an {@code include}, anything after a value but a comment, a line the buffer would cut, and any
 * record that is not exactly two ids and a PSK, all fail.
 */
final class IpsecConfSyntax {
    /** lex.c reads a line with {@code fgets(buffer, 2048)}: at most 2047 bytes, the line break included. */
    static final int SECRETS_LINE_BYTES = 2047;

    /** One ipsec.secrets record: its ids, and the key as Libreswan decodes it. */
    record Secret(List<String> ids, byte[] psk) {
    }

    private IpsecConfSyntax() {
    }

    /** The sections ({@code config setup}, {@code conn vpn-1}, ...) and their settings, in file order. */
    static Map<String, Map<String, String>> parseConf(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("ipsec.conf does not end with a line break (Libreswan stops there)");
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "ipsec.conf line " + (i + 1) + ": ";
            int indent = blanks(line, 0);
            String rest = line.substring(indent);
            if (rest.isEmpty() || rest.startsWith("#")) {
                continue;
            }
            if (indent == 0) {
                String[] words = withoutComment(line).split("[ \t]+");
                String name;
                if (words.length == 2 && words[0].equals("config") && words[1].equals("setup")) {
                    name = "config setup";
                } else if (words.length == 2 && words[0].equals("conn") && words[1].matches("[^\"{}#]+")) {
                    name = "conn " + words[1];
                } else {
                    throw new IllegalArgumentException(where + "not a section start: " + line);
                }
                if (sections.containsKey(name)) {
                    throw new IllegalArgumentException(where + name + " is repeated");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(where + "a setting outside a section");
            }
            setting(current, rest, where);
        }
        return sections;
    }

    private static void setting(Map<String, String> section, String text, String where) {
        int p = 0;
        while (p < text.length() && "\"= \t".indexOf(text.charAt(p)) < 0) {
            p++;
        }
        String key = text.substring(0, p);
        p = blanks(text, p);
        if (key.isEmpty() || p >= text.length() || text.charAt(p) != '=') {
            throw new IllegalArgumentException(where + "not key=value: " + text);
        }
        p = blanks(text, p + 1);
        String value;
        int end;
        if (p >= text.length()) {
            throw new IllegalArgumentException(where + key + " has no value");
        } else if (text.charAt(p) == '"') {
            end = text.indexOf('"', p + 1);
            if (end < 0) {
                throw new IllegalArgumentException(where + key + " has an unterminated string");
            }
            value = text.substring(p + 1, end);
            end++;
        } else if (text.charAt(p) == '{') {
            int quote = text.indexOf('"', p);
            end = text.lastIndexOf('}', quote < 0 ? text.length() : quote);
            if (end < p) {
                throw new IllegalArgumentException(where + key + " has an unterminated {");
            }
            value = "{" + text.substring(p + 1, end) + "}";
            end++;
        } else {
            end = p;
            while (end < text.length() && "\" \t".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            value = text.substring(p, end);
        }
        String rest = text.substring(blanks(text, end));
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new IllegalArgumentException(where + key + " is followed by " + rest);
        }
        if (section.put(key, value) != null) {
            throw new IllegalArgumentException(where + key + " is repeated");
        }
    }

    /** The line up to a comment, without the blanks at its end. */
    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        String text = hash < 0 ? line : line.substring(0, hash);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Where the spaces and tabs from {@code from} on end: the only blanks either lexer skips within a line. */
    private static int blanks(String text, int from) {
        int p = from;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** The records of an ipsec.secrets, in file order. */
    static List<Secret> parseSecrets(String text) {
        List<List<String>> records = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        List<String> record = null;
        String[] lines = text.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("ipsec.secrets does not end with a line break");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String where = "ipsec.secrets line " + (i + 1) + ": ";
            if (lines[i].getBytes(StandardCharsets.UTF_8).length + 1 > SECRETS_LINE_BYTES) {
                throw new IllegalArgumentException(where + "longer than Libreswan's line buffer, which cuts it");
            }
            String line = stripTrailingSpace(lines[i]);
            int p = 0;
            while (true) {
                p = blanks(line, p);
                if (p >= line.length() || line.charAt(p) == '#') {
                    break;
                }
                boolean newRecord = p == 0;
                char c = line.charAt(p);
                String token;
                boolean isQuoted = false;
                if (c == '"' || c == '\'' || c == '`') {
                    int end = line.indexOf(c, p + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException(where + "unterminated string");
                    }
                    token = line.substring(p + 1, end);
                    isQuoted = true;
                    p = end + 1;
                } else if (line.startsWith("0t", p)) {
                    token = line.substring(p);
                    p = line.length();
                } else {
                    int end = p + 1;
                    while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                        end++;
                    }
                    if (end - 1 > p && line.charAt(end - 1) == ':') {
                        end--;
                    }
                    token = line.substring(p, end);
                    p = end;
                }
                if (newRecord) {
                    record = new ArrayList<>();
                    records.add(record);
                    quoted.add(false);
                } else if (record == null) {
                    throw new IllegalArgumentException(where + "an indented line before any record");
                }
                record.add(token);
                quoted.set(quoted.size() - 1, isQuoted);
            }
        }
        List<Secret> secrets = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            List<String> tokens = records.get(r);
            if (tokens.size() != 5 || !tokens.get(2).equals(":") || !tokens.get(3).equalsIgnoreCase("psk")) {
                throw new IllegalArgumentException("ipsec.secrets record " + (r + 1) + " is not <id> <id> : PSK <key>: "
                        + tokens);
            }
            secrets.add(new Secret(List.of(tokens.get(0), tokens.get(1)), psk(tokens.get(4), quoted.get(r))));
        }
        return secrets;
    }

    private static byte[] psk(String token, boolean quoted) {
        if (quoted) {
            return token.getBytes(StandardCharsets.UTF_8);
        }
        if (token.startsWith("0x") && token.substring(2).matches("([0-9a-fA-F]{2})+")) {
            return HexFormat.of().parseHex(token.substring(2));
        }
        if (token.startsWith("0s")) {
            return Base64.getDecoder().decode(token.substring(2));
        }
        throw new IllegalArgumentException("ipsec.secrets key is neither quoted nor 0x/0s data: " + token);
    }

    /** C's isspace: the lexer drops these from a line's end. */
    private static String stripTrailingSpace(String line) {
        int end = line.length();
        while (end > 0 && " \t\n\u000B\f\r".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return line.substring(0, end);
    }
}
