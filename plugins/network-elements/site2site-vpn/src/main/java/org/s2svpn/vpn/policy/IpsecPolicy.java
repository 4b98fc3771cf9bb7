package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An IKE or ESP policy in CloudStack's grammar: one or more proposals separated by {@code ,}, each
 * {@code <cipher>-<hash>[;<dhgroup>]}, such as {@code aes256-sha256;modp2048,aes128-sha1;modp1536}.
 *
 * <p>Besides CloudStack's algorithms the grammar takes AES-GCM ({@code aes128gcm16}, {@code aes256gcm16}) and the
 * groups {@code ecp256}, {@code ecp384} and {@code curve25519}. With GCM the hash is still written: in IKE it is
 * the PRF, in ESP it is not used (GCM protects integrity itself).
 *
 * <p>Rules: IKE needs a group in every proposal (strongSwan cannot do IKE without one; CloudStack's rule and
 * wording). In ESP a group means PFS, and every proposal names the same group or none does: PFS is one setting of
 * a connection (CloudStack's UI offers one PFS group), and an IKEv2 CHILD SA rekey that offers several groups
 * needs an INVALID_KE round trip that some peers never implemented (Libreswan refuses such a policy outright).
 * At most {@value #MAX_PROPOSALS} proposals, none repeated. Upper case is
 * accepted and normalized to lower case; spaces, empty proposals and trailing commas are refused (CloudStack
 * silently accepted a trailing comma, and {@code aes128-sha1-}, and ignored anything after a second {@code ;}).
 */
public record IpsecPolicy(PolicyType type, List<Proposal> proposals) {
    public static final int MAX_PROPOSALS = 8;

    public IpsecPolicy {
        requireNonNull(type, "type");
        proposals = List.copyOf(requireNonNull(proposals, "proposals"));
        checkRules(type, proposals, proposals.stream().map(Proposal::toString).collect(Collectors.joining(",")));
    }

    public static IpsecPolicy parseIke(String text) {
        return parse(PolicyType.IKE, text);
    }

    public static IpsecPolicy parseEsp(String text) {
        return parse(PolicyType.ESP, text);
    }

    /** Parses and validates; the {@link InvalidValueException} names the policy as CloudStack does. */
    public static IpsecPolicy parse(PolicyType type, String text) {
        requireNonNull(type, "type");
        if (text == null || text.isEmpty()) {
            throw invalid(type, text, "it is empty");
        }
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(type, text, "it must not contain spaces");
        }
        List<Proposal> proposals = new ArrayList<>();
        String[] parts = text.toLowerCase(Locale.ROOT).split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            proposals.add(parseProposal(type, text, i + 1, parts[i]));
        }
        checkRules(type, proposals, text);
        return new IpsecPolicy(type, proposals);
    }

    private static Proposal parseProposal(PolicyType type, String text, int index, String proposal) {
        if (proposal.isEmpty()) {
            throw invalid(type, text, "proposal " + index + " is empty");
        }
        String shown = InvalidValueException.quote(proposal);
        String[] cipherHashGroup = proposal.split(";", -1);
        if (cipherHashGroup.length > 2) {
            throw invalid(type, text, "proposal " + index + " '" + shown + "' has more than one ';'");
        }
        String[] cipherHash = cipherHashGroup[0].split("-", -1);
        if (cipherHash.length == 3 && cipherHashGroup.length == 1 && DhGroup.fromToken(cipherHash[2]).isPresent()) {
            throw invalid(type, text, "proposal " + index + " '" + shown
                    + "' must be <cipher>-<hash>[;<dhgroup>]: the group follows a ';'");
        }
        if (cipherHash.length != 2 || cipherHash[0].isEmpty() || cipherHash[1].isEmpty()) {
            throw invalid(type, text, "proposal " + index + " '" + shown + "' must be <cipher>-<hash>[;<dhgroup>]");
        }
        Cipher cipher = Cipher.fromToken(cipherHash[0]).orElseThrow(() -> invalid(type, text, "proposal " + index
                + " has an unknown cipher '" + InvalidValueException.quote(cipherHash[0]) + "' (known: "
                + Cipher.tokens() + ")"));
        Hash hash = Hash.fromToken(cipherHash[1]).orElseThrow(() -> invalid(type, text, "proposal " + index
                + " has an unknown hash '" + InvalidValueException.quote(cipherHash[1]) + "' (known: "
                + Hash.tokens() + ")"));
        Optional<DhGroup> group = Optional.empty();
        if (cipherHashGroup.length == 2) {
            String token = cipherHashGroup[1];
            if (token.isEmpty()) {
                throw invalid(type, text, "proposal " + index + " '" + shown + "' has an empty DH group after ';'");
            }
            group = Optional.of(DhGroup.fromToken(token).orElseThrow(() -> invalid(type, text, "proposal " + index
                    + " has an unknown DH group '" + InvalidValueException.quote(token) + "' (known: "
                    + DhGroup.tokens() + ")")));
        }
        return new Proposal(cipher, hash, group);
    }

    private static void checkRules(PolicyType type, List<Proposal> proposals, String shown) {
        if (proposals.isEmpty()) {
            throw invalid(type, shown, "it has no proposal");
        }
        if (proposals.size() > MAX_PROPOSALS) {
            throw invalid(type, shown, "it has " + proposals.size() + " proposals, at most " + MAX_PROPOSALS
                    + " are allowed");
        }
        if (type == PolicyType.IKE && proposals.stream().anyMatch(p -> p.group().isEmpty())) {
            // CloudStack's exact text (an API client may match it).
            throw new InvalidValueException(type.parameter(), "The customer gateway IKE policy "
                    + InvalidValueException.quote(shown) + " is invalid!  Verify the required Diffie Hellman (DH)"
                    + " group is specified.");
        }
        if (type == PolicyType.ESP && proposals.stream().map(Proposal::group).distinct().count() > 1) {
            throw invalid(type, shown, "every proposal must name the same DH group (the PFS group), or none");
        }
        var seen = new HashSet<Proposal>();
        for (Proposal p : proposals) {
            if (!seen.add(p)) {
                throw invalid(type, shown, "proposal '" + p + "' is repeated");
            }
        }
    }

    private static InvalidValueException invalid(PolicyType type, String shown, String reason) {
        return new InvalidValueException(type.parameter(), "The customer gateway " + type.name() + " policy "
                + InvalidValueException.quote(shown) + " is invalid: " + reason);
    }

    /** For ESP: true when the proposals name a DH group, which then means perfect forward secrecy. */
    public boolean pfs() {
        return proposals.get(0).group().isPresent();
    }

    /** The normalized policy: what is stored and shown, in CloudStack's grammar. */
    @Override
    public String toString() {
        return proposals.stream().map(Proposal::toString).collect(Collectors.joining(","));
    }
}
