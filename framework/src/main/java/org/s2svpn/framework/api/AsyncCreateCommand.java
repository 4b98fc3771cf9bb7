package org.s2svpn.framework.api;

/**
 * An async command whose row is created in the request ({@link #create}) so that the immediate answer
 * carries its {@code id}, as CloudStack's BaseAsyncCreateCmd does; {@link #execute} then runs in the job.
 */
public interface AsyncCreateCommand extends AsyncCommand {
    /** Creates the resource and returns its uuid. */
    String create(CallContext caller);
}
