package org.s2svpn.schema.dao;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;

/** SA counters restart at 0 after a rekey or a router restart; the totals built from them never go backwards. */
public class CountersTest {

    @Test
    public void growingCounterCountsTheDifference() {
        assertEquals(500, Counters.delta(1000, 1500));
    }

    @Test
    public void unchangedCounterCountsNothing() {
        assertEquals(0, Counters.delta(1000, 1000));
    }

    @Test
    public void counterBelowTheLastOneIsANewSaCountingFromZero() {
        assertEquals(300, Counters.delta(1000, 300));
    }

    @Test
    public void newSaThatHasCarriedNothingYetCountsNothing() {
        assertEquals(0, Counters.delta(1000, 0));
    }

    @Test
    public void totalsGrowThroughARekeyAndKeepTheLastReading() {
        Counters first = Counters.NONE.next(1000, 2000);
        Counters rekeyed = first.next(100, 50);

        assertEquals(new Counters(1000, 2000, 1000, 2000), first);
        assertEquals(new Counters(100, 50, 1100, 2050), rekeyed);
        assertEquals(new Counters(150, 50, 1150, 2050), rekeyed.next(150, 50));
    }
}
