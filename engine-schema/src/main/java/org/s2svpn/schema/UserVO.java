package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A user. The password is a salted hash; the secret key is stored encrypted. */
@Table("user")
public record UserVO(long id, String uuid, String username, String password, long accountId, String firstname, String lastname,
                     String email, String state, String apiKey, String secretKey, String timezone, LocalDateTime created,
                     LocalDateTime removed) {
    public static final String ENABLED = "enabled";

    @Override
    public String toString() {
        return "UserVO[id=" + id + ", uuid=" + uuid + ", username=" + username + "]"; // never the password or keys
    }
}
