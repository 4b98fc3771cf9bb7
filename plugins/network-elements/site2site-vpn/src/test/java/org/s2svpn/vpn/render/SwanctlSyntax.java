package org.s2svpn.vpn.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * swanctl.conf read the way strongSwan 5.9 reads it, written from its lexer and grammar
 * (libstrongswan/settings/settings_lexer.l, settings_parser.y) and swanctl's load-creds, not from our renderer:
 * <ul>
 * <li>names are runs of anything but {@code # { } = "}, whitespace and line breaks; {@code #} starts a comment to
 *     the end of the line, also right after a value;
 * <li>a value runs from {@code =} to the end of the line, a {@code #} or a {@code }} (which then closes the
 *     section); it is made of unquoted parts and {@code "..."} strings, parts joined by one space;
 * <li>in a string {@code \n}, {@code \r}, {@code \t} are control characters, a backslash before a line break joins
 *     the lines, a backslash before anything else stands for that character, a raw carriage return is dropped and a
 *     raw line break is kept;
 * <li>a {@code secret} that starts with {@code 0x} or {@code 0s} (any case) is decoded from hex or base64 by swanctl
 *     before charon gets it; anything else is the key's bytes as written.
 * </ul>
 * Stricter than strongSwan where strongSwan would silently do something else than a renderer means: a repeated
 * section or key (strongSwan merges or overrides), a value of several parts or none, a name with a {@code .} or
 * {@code :} (swanctl looks values up by dotted paths), an {@code include}, a malformed hex or base64 secret
 * (swanctl would decode garbage), all fail.
 */
final class SwanctlSyntax {
    /** A section: its settings and subsections, in file order. */
    record Section(Map<String, String> values, Map<String, Section> sections) {
        Section() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private SwanctlSyntax(String text) {
        this.text = text;
    }

    /** The file's top level; {@link IllegalArgumentException} with the line where strongSwan's reading departs. */
    static Section parse(String text) {
        SwanctlSyntax parser = new SwanctlSyntax(text);
        Section root = new Section();
        parser.body(root, true);
        return root;
    }

    /** The key charon gets for a {@code secret} value, as swanctl --load-creds decodes it. */
    static byte[] secret(String value) {
        String prefix = value.length() >= 2 ? value.substring(0, 2).toLowerCase() : "";
        if (prefix.equals("0x")) {
            String hex = value.substring(2);
            if (!hex.matches("([0-9a-fA-F]{2})+")) {
                throw new IllegalArgumentException("secret starts with 0x but is no hex: swanctl decodes garbage");
            }
            return HexFormat.of().parseHex(hex);
        }
        if (prefix.equals("0s")) {
            try {
                return Base64.getDecoder().decode(value.substring(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret starts with 0s but is no base64: swanctl decodes garbage");
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void body(Section into, boolean top) {
        while (true) {
            skipBlanksAndComment();
            if (pos >= text.length()) {
                if (!top) {
                    throw fail("end of file inside a section");
                }
                return;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
            } else if (c == '}') {
                if (top) {
                    throw fail("} without a section");
                }
                pos++;
                return;
            } else if (c == '{' || c == '=' || c == '"') {
                throw fail("unexpected " + c);
            } else {
                String name = name();
                skipBlanks();
                char next = pos < text.length() ? text.charAt(pos) : '\n';
                if (next == '{') {
                    pos++;
                    Section child = new Section();
                    add(into, name, null, child);
                    body(child, false);
                } else if (next == '=') {
                    pos++;
                    add(into, name, value(), null);
                } else {
                    throw fail("name " + name + " is followed by neither { nor =");
                }
            }
        }
    }

    private void add(Section into, String name, String value, Section section) {
        if (name.equals("include")) {
            throw fail("include");
        }
        if (name.contains(".") || name.contains(":")) {
            throw fail("name " + name + " has a . or :");
        }
        if (into.values().containsKey(name) || into.sections().containsKey(name)) {
            throw fail(name + " is repeated");
        }
        if (value != null) {
            into.values().put(name, value);
        } else {
            into.sections().put(name, section);
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && "#{}=\"\r\n\t ".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** From after {@code =} to the end of the value; the character that ends it is left for {@link #body}. */
    private String value() {
        List<String> parts = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\r' || c == ' ' || c == '\t') {
                pos++;
            } else if (c == '#' || c == '}' || c == '\n') {
                break;
            } else if (c == '"') {
                pos++;
                parts.add(string());
            } else {
                int start = pos;
                while (pos < text.length() && "#}\"\r\n\t ".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                parts.add(text.substring(start, pos));
            }
        }
        if (parts.size() != 1) {
            throw fail("a value of " + parts.size() + " parts " + parts + " (strongSwan would join them)");
        }
        return parts.get(0);
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\r') {
                continue;
            } else if (c == '\\') {
                if (pos >= text.length()) {
                    throw fail("unterminated string");
                }
                char e = text.charAt(pos++);
                if (e == 'n') {
                    out.append('\n');
                } else if (e == 'r') {
                    out.append('\r');
                } else if (e == 't') {
                    out.append('\t');
                } else if (e == '\n') {
                    line++;
                } else if (e == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                    line++;
                } else {
                    out.append(e);
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                out.append(c);
            }
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && " \t\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void skipBlanksAndComment() {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '#') {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                pos++;
            }
        }
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException("swanctl.conf line " + line + ": " + message);
    }
}
