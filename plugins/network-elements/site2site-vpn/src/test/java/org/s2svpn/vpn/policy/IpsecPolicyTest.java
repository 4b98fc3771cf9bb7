package org.s2svpn.vpn.policy;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class IpsecPolicyTest {
    @Test
    public void parsesCloudStacksExamples() {
        IpsecPolicy one = IpsecPolicy.parseIke("aes128-sha1;modp1536");
        assertEquals(List.of(new Proposal(Cipher.AES128, Hash.SHA1, DhGroup.MODP1536)), one.proposals());
        IpsecPolicy two = IpsecPolicy.parseIke("aes256-sha256;modp2048,aes128-sha1;modp1024");
        assertEquals(2, two.proposals().size());
        assertEquals("aes256-sha256;modp2048,aes128-sha1;modp1024", two.toString());
    }

    @Test
    public void takesEveryCipherHashAndGroupOfTheGrammar() {
        for (Cipher c : Cipher.values()) {
            for (Hash h : Hash.values()) {
                for (DhGroup g : DhGroup.values()) {
                    String text = c.token() + "-" + h.token() + ";" + g.token();
                    assertEquals(text, IpsecPolicy.parseIke(text).toString());
                    assertEquals(text, IpsecPolicy.parseEsp(text).toString());
                }
                assertEquals(c.token() + "-" + h.token(), IpsecPolicy.parseEsp(c.token() + "-" + h.token()).toString());
            }
        }
    }

    @Test
    public void ikeWithoutAGroupFailsWithCloudStacksWords() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseIke("aes128-sha1"));
        assertEquals("The customer gateway IKE policy aes128-sha1 is invalid!  Verify the required Diffie Hellman (DH)"
                + " group is specified.", e.getMessage());
        assertEquals("ikepolicy", e.parameter());
        // Every proposal needs one, not just the first.
        assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseIke("aes128-sha1;modp1536,aes256-sha256"));
    }

    @Test
    public void espWithoutAGroupHasNoPfs() {
        IpsecPolicy esp = IpsecPolicy.parseEsp("aes128-sha1");
        assertFalse(esp.pfs());
        assertEquals(Optional.empty(), esp.proposals().get(0).group());
        assertTrue(IpsecPolicy.parseEsp("aes128-sha1;modp2048,aes256-sha256;modp2048").pfs());
    }

    @Test
    public void espProposalsShareOnePfsGroupOrNone() {
        assertThat(espError("aes128-sha1;modp1536,aes256-sha256"),
                containsString("every proposal must name the same DH group (the PFS group), or none"));
        assertThat(espError("aes128-sha1;modp1536,aes256-sha256;modp2048"), containsString("the same DH group"));
    }

    @Test
    public void upperCaseIsNormalizedToLowerCase() {
        assertEquals("aes256-sha256;modp2048", IpsecPolicy.parseIke("AES256-SHA256;MODP2048").toString());
        assertEquals("3des-md5;modp1536", IpsecPolicy.parseIke("3DES-Md5;Modp1536").toString());
        assertEquals("aes128gcm16-sha256", IpsecPolicy.parseEsp("AES128GCM16-SHA256").toString());
    }

    @Test
    public void spacesAreRefused() {
        for (String text : List.of(" aes128-sha1;modp1536", "aes128-sha1;modp1536 ", "aes128-sha1; modp1536",
                "aes128-sha1;modp1536, aes256-sha256;modp2048", "aes128 -sha1;modp1536", "aes128-sha1;modp1536\n",
                "aes128-sha1;modp1536\t")) {
            assertThat(text, ikeError(text), containsString("it must not contain spaces"));
        }
    }

    @Test
    public void emptyPoliciesAndProposalsAreRefused() {
        assertThat(ikeError(""), containsString("it is empty"));
        assertThat(ikeError(null), containsString("it is empty"));
        assertThat(ikeError(","), containsString("proposal 1 is empty"));
        assertThat(ikeError("aes128-sha1;modp1536,,aes256-sha256;modp2048"), containsString("proposal 2 is empty"));
        assertThat(ikeError(",aes128-sha1;modp1536"), containsString("proposal 1 is empty"));
    }

    @Test
    public void aTrailingCommaIsRefused() {
        // CloudStack's split(",") dropped it silently.
        assertThat(ikeError("aes128-sha1;modp1536,"), containsString("proposal 2 is empty"));
        assertThat(espError("aes128-sha1,"), containsString("proposal 2 is empty"));
    }

    @Test
    public void malformedProposalsAreRefused() {
        assertThat(ikeError("aes128"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
        assertThat(ikeError("aes128-;modp1536"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
        assertThat(ikeError("-sha1;modp1536"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
        // CloudStack took "aes128-sha1-" (split dropped the empty part).
        assertThat(espError("aes128-sha1-"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
        assertThat(ikeError("aes128-sha1-sha256;modp1536"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
        // CloudStack ignored anything after a second ';'.
        assertThat(ikeError("aes128-sha1;modp1536;modp2048"), containsString("has more than one ';'"));
        // CloudStack failed with an ArrayIndexOutOfBoundsException (530).
        assertThat(ikeError("aes128-sha1;"), containsString("has an empty DH group after ';'"));
        assertThat(ikeError(";modp1536"), containsString("must be <cipher>-<hash>[;<dhgroup>]"));
    }

    @Test
    public void strongSwansSpellingGetsAHint() {
        assertThat(ikeError("aes128-sha1-modp1536"), containsString("the group follows a ';'"));
    }

    @Test
    public void unknownAlgorithmsAreNamed() {
        assertThat(ikeError("aes-sha1;modp1536"), containsString("proposal 1 has an unknown cipher 'aes' (known: 3des,"
                + " aes128, aes192, aes256, aes128gcm16, aes256gcm16)"));
        assertThat(ikeError("aes128-sha1;modp1536,des-sha1;modp1536"), containsString("proposal 2 has an unknown cipher 'des'"));
        assertThat(ikeError("aes128-sha224;modp1536"), containsString("unknown hash 'sha224'"));
        assertThat(ikeError("aes128-sha1;modp768"), containsString("unknown DH group 'modp768'"));
        assertThat(ikeError("aes128-sha1;ecp521"), containsString("unknown DH group 'ecp521'"));
        assertThat(espError("aes128ccm16-sha1"), containsString("unknown cipher 'aes128ccm16'"));
        assertThat(espError("aes128gcm8-sha1"), containsString("unknown cipher 'aes128gcm8'"));
    }

    @Test
    public void atMostEightProposals() {
        String eight = String.join(",", Collections.nCopies(8, "x")).replace("x", "%s");
        String[] proposals = {"aes128-sha1", "aes128-sha256", "aes128-sha384", "aes128-sha512", "aes256-sha1",
            "aes256-sha256", "aes256-sha384", "aes256-sha512", "3des-sha1"};
        String eightText = String.format(eight, (Object[]) java.util.Arrays.copyOf(proposals, 8));
        assertEquals(8, IpsecPolicy.parseEsp(eightText).proposals().size());
        String nine = eightText + "," + proposals[8];
        assertThat(espError(nine), containsString("it has 9 proposals, at most 8 are allowed"));
    }

    @Test
    public void aRepeatedProposalIsRefused() {
        assertThat(ikeError("aes128-sha1;modp1536,aes128-sha1;modp1536"),
                containsString("proposal 'aes128-sha1;modp1536' is repeated"));
        // Case does not make it another proposal.
        assertThat(espError("aes128-sha1,AES128-SHA1"), containsString("is repeated"));
    }

    @Test
    public void messagesNameThePolicyAndTheParameter() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseEsp("bogus"));
        assertThat(e.getMessage(), startsWith("The customer gateway ESP policy bogus is invalid: "));
        assertEquals("esppolicy", e.parameter());
        InvalidValueException ike = assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseIke("bogus"));
        assertThat(ike.getMessage(), startsWith("The customer gateway IKE policy bogus is invalid: "));
        assertEquals("ikepolicy", ike.parameter());
    }

    @Test
    public void aHugeValueIsNotEchoedWhole() {
        String huge = "x".repeat(100_000);
        assertTrue(ikeError(huge).length() < 400);
    }

    @Test
    public void theRecordValidatesItselfToo() {
        assertThrows(InvalidValueException.class, () -> new IpsecPolicy(PolicyType.IKE, List.of()));
        assertThrows(InvalidValueException.class, () -> new IpsecPolicy(PolicyType.IKE,
                List.of(new Proposal(Cipher.AES128, Hash.SHA1))));
        assertThrows(NullPointerException.class, () -> new IpsecPolicy(null, List.of()));
        IpsecPolicy p = new IpsecPolicy(PolicyType.ESP, List.of(new Proposal(Cipher.AES256GCM16, Hash.SHA256)));
        assertEquals("aes256gcm16-sha256", p.toString());
        assertEquals(p, IpsecPolicy.parseEsp("aes256gcm16-sha256"));
    }

    @Test
    public void theProposalsCannotBeChangedAfterwards() {
        IpsecPolicy p = IpsecPolicy.parseIke("aes128-sha1;modp1536");
        assertThrows(UnsupportedOperationException.class, () -> p.proposals().clear());
    }

    private static String ikeError(String text) {
        return assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseIke(text)).getMessage();
    }

    private static String espError(String text) {
        return assertThrows(InvalidValueException.class, () -> IpsecPolicy.parseEsp(text)).getMessage();
    }
}
