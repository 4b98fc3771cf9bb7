package org.s2svpn.schema.dao;

import java.util.List;

/** One page of a search, and how many rows the search matched in all (CloudStack's count). */
public record Page<T>(List<T> items, int total) {
    public Page {
        items = List.copyOf(items);
    }
}
