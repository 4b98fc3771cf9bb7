package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of a list answer; {@code count} is the total before paging, as CloudStack reports it. The items are of the
 * item type (its {@code @ObjectName} names them), or are {@link org.s2svpn.framework.serialize.RawJson} of it.
 */
public record ListResponse<T>(Class<?> itemType, List<T> items, int count) {
    public ListResponse {
        requireNonNull(itemType, "itemType");
        items = List.copyOf(items);
    }

    public static <T> ListResponse<T> of(Class<T> itemType, List<T> items) {
        return new ListResponse<>(itemType, items, items.size());
    }

    /** The whole list, paged as the command's page and pagesize parameters say. */
    public static <T> ListResponse<T> paged(Class<T> itemType, List<T> all, Paging paging) {
        return new ListResponse<>(itemType, paging.apply(all), all.size());
    }
}
