package org.s2svpn.framework.serialize;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/** Writes an API answer as CloudStack's XML: one element per field, one repeated element per array item. */
public final class XmlWriter {
    private final String version;

    public XmlWriter(String version) {
        this.version = version;
    }

    public String write(String rootName, JsonObject body) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.append('<').append(rootName).append(" cloud-stack-version=\"").append(version).append("\">");
        writeFields(out, body);
        return out.append("</").append(rootName).append('>').toString();
    }

    private void writeFields(StringBuilder out, JsonObject object) {
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            writeElement(out, field.getKey(), field.getValue());
        }
    }

    private void writeElement(StringBuilder out, String name, JsonElement value) {
        if (value.isJsonNull()) {
            return;
        }
        if (value.isJsonArray()) {
            for (JsonElement item : (JsonArray) value) {
                writeElement(out, name, item);
            }
            return;
        }
        out.append('<').append(name).append('>');
        if (value.isJsonObject()) {
            writeFields(out, value.getAsJsonObject());
        } else {
            escape(out, value.getAsString());
        }
        out.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#").append((int) c).append(';'); // not valid XML 1.0, but never dropped silently
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
