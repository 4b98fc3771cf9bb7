package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** One proposal of a policy: {@code <cipher>-<hash>[;<dhgroup>]}. */
public record Proposal(Cipher cipher, Hash hash, Optional<DhGroup> group) {
    public Proposal {
        requireNonNull(cipher, "cipher");
        requireNonNull(hash, "hash");
        requireNonNull(group, "group");
    }

    public Proposal(Cipher cipher, Hash hash, DhGroup group) {
        this(cipher, hash, Optional.of(group));
    }

    public Proposal(Cipher cipher, Hash hash) {
        this(cipher, hash, Optional.empty());
    }

    /** The proposal in CloudStack's grammar, lower case. */
    @Override
    public String toString() {
        return cipher.token() + "-" + hash.token() + group.map(g -> ";" + g.token()).orElse("");
    }
}
