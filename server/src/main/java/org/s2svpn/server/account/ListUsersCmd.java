package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.UserDao;

@APICommand(name = "listUsers", description = "Lists user accounts", responseObject = UserResponse.class)
public final class ListUsersCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = UserVO.class, description = "List user by ID.")
    private Long id;

    @Parameter(name = "username", description = "List user by the username")
    private String username;

    private final UserDao users;
    private final OwnerScope scope;
    private final AccountViews views;

    public ListUsersCmd(UserDao users, OwnerScope scope, AccountViews views) {
        this.users = requireNonNull(users, "users");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        List<Long> visible = managedAccounts(scope, caller);
        List<UserResponse> found = users.search(visible, id, username).stream()
                .filter(u -> keyword == null || u.username().contains(keyword))
                .map(views::user)
                .toList();
        return ListResponse.paged(UserResponse.class, found, paging());
    }
}
