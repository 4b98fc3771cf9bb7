package org.s2svpn.schema;

import java.time.LocalDateTime;
import java.util.List;
import org.s2svpn.framework.db.Table;

@Table("network_offerings")
public record NetworkOfferingVO(long id, String uuid, String name, String displayText, String state, boolean isDefault, boolean forVpc,
                                String services, LocalDateTime created) {
    public List<ServiceProvider> serviceProviders() {
        return ServiceProvider.parse(services);
    }
}
