package org.s2svpn.framework.api;

/** The paging and keyword parameters every list command has. */
public abstract class BaseListCmd implements SyncCommand {
    @Parameter(name = "keyword", description = "List by keyword")
    protected String keyword;

    @Parameter(name = "page", type = CommandType.INTEGER, description = "")
    protected Integer page;

    @Parameter(name = "pagesize", type = CommandType.INTEGER, description = "")
    protected Integer pageSize;

    protected Paging paging() {
        return new Paging(page, pageSize);
    }
}
