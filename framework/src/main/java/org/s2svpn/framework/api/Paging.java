package org.s2svpn.framework.api;

import java.util.List;

/** CloudStack's page and pagesize: pages count from 1; pagesize -1 means everything. */
public record Paging(Integer page, Integer pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 500;

    public Paging {
        if (page != null && page < 1) {
            throw ApiException.invalidParameter("Invalid page parameter value " + page + ": pages count from 1");
        }
        if (pageSize != null && pageSize != -1 && pageSize < 1) {
            throw ApiException.invalidParameter("Page size can't be 0 or negative, except -1 for all");
        }
        if (page != null && pageSize == null) {
            throw ApiException.invalidParameter("Page size must be specified when page is");
        }
    }

    public boolean all() {
        return page == null || pageSize == null || pageSize == -1;
    }

    public long offset() {
        return all() ? 0 : (long) (page - 1) * pageSize;
    }

    public int limit() {
        return all() ? Integer.MAX_VALUE : pageSize;
    }

    public <T> List<T> apply(List<T> all) {
        if (all()) {
            return all;
        }
        int from = (int) Math.min(offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + pageSize));
    }
}
