package org.s2svpn.framework.api;

import java.util.List;

/**
 * CloudStack's page and pagesize: pages count from 1, pagesize -1 means everything, and a list asked for without
 * paging returns at most {@link #DEFAULT_PAGE_SIZE} items (CloudStack's default.page.size), with the full count.
 */
public record Paging(Integer page, Integer pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 500;

    public Paging {
        if (page != null && pageSize == null) {
            throw ApiException.invalidParameter("\"pagesize\" parameter is required when \"page\" is specified");
        }
        if (pageSize != null && pageSize != -1 && page == null) {
            throw ApiException.invalidParameter("\"page\" parameter is required when \"pagesize\" is specified");
        }
        if (page != null && page < 1) {
            throw ApiException.invalidParameter("Invalid page parameter value " + page + ": pages count from 1");
        }
        if (pageSize != null && pageSize == -1 && page != null) {
            throw ApiException.invalidParameter("Can't specify page parameter when pagesize is -1 (Unlimited)");
        }
        if (pageSize != null && pageSize != -1 && pageSize < 1) {
            throw ApiException.invalidParameter("Page size can't be 0 or negative, except -1 for all");
        }
        if (pageSize != null && pageSize > DEFAULT_PAGE_SIZE) {
            throw ApiException.invalidParameter("Page size can't exceed max allowed page size value: " + DEFAULT_PAGE_SIZE);
        }
    }

    public long offset() {
        return page == null || pageSize == -1 ? 0 : (long) (page - 1) * pageSize;
    }

    public int limit() {
        return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize == -1 ? Integer.MAX_VALUE : pageSize;
    }

    public <T> List<T> apply(List<T> all) {
        int from = (int) Math.min(offset(), all.size());
        return all.subList(from, (int) Math.min(all.size(), from + (long) limit()));
    }
}
