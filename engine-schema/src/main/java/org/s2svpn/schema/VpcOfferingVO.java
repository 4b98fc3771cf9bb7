package org.s2svpn.schema;

import java.time.LocalDateTime;
import java.util.List;
import org.s2svpn.framework.db.Table;

/** A VPC offering; services is a list like "Vpn:VpcVirtualRouter,SourceNat:VpcVirtualRouter". */
@Table("vpc_offerings")
public record VpcOfferingVO(long id, String uuid, String name, String displayText, String state, boolean isDefault, String services,
                            LocalDateTime created) {
    /** The services and their providers, in order. */
    public List<ServiceProvider> serviceProviders() {
        return ServiceProvider.parse(services);
    }
}
