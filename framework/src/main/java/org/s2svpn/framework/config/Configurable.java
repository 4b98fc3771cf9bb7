package org.s2svpn.framework.config;

import java.util.List;

/** A component that declares global settings; the depot registers them at start. */
public interface Configurable {
    List<ConfigKey<?>> configKeys();
}
