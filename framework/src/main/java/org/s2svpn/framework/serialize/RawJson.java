package org.s2svpn.framework.serialize;

import static java.util.Objects.requireNonNull;

/** A value already written as JSON ({@link ResponseBodies#rendered}): an answer that holds it has this text in its place. */
public record RawJson(String text) {
    public RawJson {
        requireNonNull(text, "text");
    }
}
