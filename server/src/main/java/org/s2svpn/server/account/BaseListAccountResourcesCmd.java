package org.s2svpn.server.account;

import java.util.List;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DomainVO;

/** List commands over resources owned by accounts: CloudStack's account, domainid, isrecursive and listall filters. */
public abstract class BaseListAccountResourcesCmd extends BaseListCmd {
    @Parameter(name = "account", description = "list resources by account. Must be used with the domainId parameter.")
    protected String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "list only resources belonging to the domain specified")
    protected Long domainId;

    @Parameter(name = "isrecursive", type = CommandType.BOOLEAN,
            description = "defaults to false, but if true, lists all resources from the parent specified by the domainId till leaves.")
    protected Boolean recursive;

    @Parameter(name = "listall", type = CommandType.BOOLEAN,
            description = "If set to false, list only resources belonging to the command's caller; if set to true - list resources"
                    + " that the caller is authorized to see. Default value is false")
    protected Boolean listAll;

    /**
     * The accounts whose resources this list shows the caller; null means every account. A list by id (the id
     * parameter, null when not given) searches all the caller may see, without listall: CloudStack's
     * buildACLSearchParameters does so for admins naming no domain, and clients such as go-cloudstack's GetXByID send the
     * id alone.
     */
    protected List<Long> visibleAccounts(OwnerScope scope, CallContext caller, Object id) {
        boolean byId = id != null && domainId == null;
        return scope.accountIds(caller, accountName, domainId, Boolean.TRUE.equals(recursive), Boolean.TRUE.equals(listAll) || byId);
    }

    /**
     * For listAccounts and listUsers: an admin naming no account lists every account it manages, as CloudStack's
     * listAccounts does, even without listall.
     */
    protected List<Long> managedAccounts(OwnerScope scope, CallContext caller) {
        boolean all = Boolean.TRUE.equals(listAll) || caller.isAdmin() && accountName == null;
        return scope.accountIds(caller, accountName, domainId, Boolean.TRUE.equals(recursive) || all, all);
    }
}
