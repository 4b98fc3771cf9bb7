package org.s2svpn.framework.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** Global settings: values read by their type, refused when they do not parse or fail the setting's check. */
public class ConfigKeyTest {

    private static final ConfigKey<Integer> INTERVAL =
            ConfigKey.of("Advanced", Integer.class, "vpn.check.interval", "60", "seconds between checks");
    private static final ConfigKey<Long> QUOTA = ConfigKey.of("Advanced", Long.class, "vpn.quota.bytes", "0", "bytes");
    private static final ConfigKey<Boolean> ENABLED = ConfigKey.of("Advanced", Boolean.class, "vpn.enabled", "true", "on or off");
    private static final ConfigKey<String> BANNER = ConfigKey.of("Advanced", String.class, "vpn.banner", "", "text");

    private static final ConfigKey<Integer> POSITIVE =
            INTERVAL.withCheck(value -> value > 0 ? null : "must be at least 1");

    private static String refusal(ConfigKey<?> key, String raw) {
        return assertThrows(IllegalArgumentException.class, () -> key.parse(raw)).getMessage();
    }

    @Test
    public void integersAreParsed() {
        assertEquals(Integer.valueOf(120), INTERVAL.parse("120"));
        assertEquals(Integer.valueOf(-5), INTERVAL.parse("-5"));
    }

    @Test
    public void surroundingSpacesAroundNumbersAndBooleansAreIgnored() {
        assertEquals(Integer.valueOf(120), INTERVAL.parse(" 120 "));
        assertEquals(Boolean.TRUE, ENABLED.parse(" true\n"));
    }

    @Test
    public void longsBeyondTheIntegerRangeAreParsed() {
        assertEquals(Long.valueOf(10_000_000_000L), QUOTA.parse("10000000000"));
    }

    @Test
    public void integerBeyondItsRangeIsRefused() {
        assertEquals("must be a whole number", refusal(INTERVAL, "10000000000"));
    }

    @Test
    public void textWhereANumberIsExpectedIsRefused() {
        assertEquals("must be a whole number", refusal(INTERVAL, "sixty"));
        assertEquals("must be a whole number", refusal(INTERVAL, "1.5"));
        assertEquals("must be a whole number", refusal(QUOTA, ""));
    }

    @Test
    public void booleansAreTrueOrFalseInAnyCase() {
        assertEquals(Boolean.TRUE, ENABLED.parse("TRUE"));
        assertEquals(Boolean.FALSE, ENABLED.parse("false"));
        assertEquals(Boolean.FALSE, ENABLED.parse("False"));
    }

    @Test
    public void booleanOtherThanTrueOrFalseIsRefused() {
        assertEquals("must be true or false", refusal(ENABLED, "yes"));
        assertEquals("must be true or false", refusal(ENABLED, "1"));
    }

    @Test
    public void stringsAreKeptAsGiven() {
        assertEquals("  Welcome  ", BANNER.parse("  Welcome  "));
        assertEquals("", BANNER.parse(""));
    }

    @Test
    public void checkRefusesValuesWithItsReason() {
        assertEquals("must be at least 1", refusal(POSITIVE, "0"));
        assertEquals("must be at least 1", refusal(POSITIVE, "-3"));
    }

    @Test
    public void checkAcceptsOtherValues() {
        assertEquals(Integer.valueOf(1), POSITIVE.parse("1"));
    }

    @Test
    public void checkRunsOnlyOnValuesThatParse() {
        assertEquals("must be a whole number", refusal(POSITIVE, "zero"));
    }

    @Test
    public void withCheckKeepsEverythingElse() {
        assertEquals(INTERVAL.name(), POSITIVE.name());
        assertEquals(INTERVAL.category(), POSITIVE.category());
        assertEquals(INTERVAL.defaultValue(), POSITIVE.defaultValue());
        assertEquals(INTERVAL.description(), POSITIVE.description());
        assertEquals(Integer.class, POSITIVE.type());
    }

    @Test
    public void defaultThatDoesNotParseIsRejectedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.of("Advanced", Integer.class, "x", "sixty", "d"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.of("Advanced", Boolean.class, "x", "yes", "d"));
    }

    @Test
    public void defaultThatFailsTheCheckIsRejectedAtConstruction() {
        ConfigKey<Integer> zeroDefault = ConfigKey.of("Advanced", Integer.class, "x", "0", "d");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> zeroDefault.withCheck(value -> value > 0 ? null : "must be at least 1"));
        assertEquals("must be at least 1", e.getMessage());
    }

    @Test
    public void unsupportedTypeIsRejectedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.of("Advanced", Double.class, "x", "1.5", "d"));
    }

    @Test
    public void missingPartsAreRejectedAtConstruction() {
        assertThrows(NullPointerException.class, () -> ConfigKey.of("Advanced", Integer.class, "x", null, "d"));
        assertThrows(NullPointerException.class, () -> ConfigKey.of("Advanced", Integer.class, null, "1", "d"));
        assertThrows(NullPointerException.class, () -> INTERVAL.withCheck(null));
    }

    @Test
    public void typeNameIsTheSimpleJavaName() {
        assertEquals("Integer", INTERVAL.typeName());
        assertEquals("Long", QUOTA.typeName());
        assertEquals("Boolean", ENABLED.typeName());
        assertEquals("String", BANNER.typeName());
    }
}
