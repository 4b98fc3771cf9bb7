package org.s2svpn.framework.api;

/** A response whose fields stand directly under {@code <command>response}, not under an object name. */
public interface FlatResponse {
}
