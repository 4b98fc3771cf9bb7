package org.s2svpn.vpn.usage;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** SA counters restart at 0 after a rekey or a router restart; usage must never go backwards. */
public class S2sUsageTest {

    @Test
    public void growingCounterCountsTheDifference() {
        assertEquals(500, S2sUsage.delta(1000, 1500));
    }

    @Test
    public void unchangedCounterCountsNothing() {
        assertEquals(0, S2sUsage.delta(1000, 1000));
    }

    @Test
    public void counterBelowTheLastOneIsANewSaCountingFromZero() {
        assertEquals(300, S2sUsage.delta(1000, 300));
    }

    @Test
    public void newSaThatHasCarriedNothingYetCountsNothing() {
        assertEquals(0, S2sUsage.delta(1000, 0));
    }
}
