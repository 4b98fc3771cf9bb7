package org.s2svpn.server.vpc;

import org.s2svpn.schema.VpcVO;

/** Told before a VPC is deleted, after its router is gone: features remove what they hang on the VPC. */
public interface VpcLifecycleListener {
    void deleting(VpcVO vpc);
}
