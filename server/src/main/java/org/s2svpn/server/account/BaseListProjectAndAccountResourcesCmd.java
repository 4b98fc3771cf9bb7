package org.s2svpn.server.account;

import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;

/** List commands over resources that CloudStack can also keep in projects: its projectid filter. */
public abstract class BaseListProjectAndAccountResourcesCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "projectid", type = CommandType.UUID, description = "list objects by project; if used with other parameters"
            + " will list only objects belonging to the project (-1 for all projects). Projects are not supported here, so no"
            + " object belongs to one")
    protected String projectId;

    /** Projects are not supported: nothing belongs to one, so a list of a project's objects is empty. */
    protected boolean askedForAProject() {
        return projectId != null;
    }
}
