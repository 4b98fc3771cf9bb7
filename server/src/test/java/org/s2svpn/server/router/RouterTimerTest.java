package org.s2svpn.server.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.Test;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.cluster.ClusterManager;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

public class RouterTimerTest {
    private static final long MSID = 7;

    @Test
    public void aTimedSweepStartsItsChecksOverItsSpreadInTheDatabasesOrderAndMarksThemAllChecked() throws Exception {
        RouterDao routers = mock(RouterDao.class);
        List<DomainRouterVO> checkable = LongStream.of(30, 10, 20, 40).mapToObj(RouterTimerTest::router).toList();
        when(routers.listCheckable(MSID)).thenReturn(checkable);
        Map<Long, Long> started = new ConcurrentHashMap<>();
        try (RouterTimer timer = timer(routers, router -> started.put(router.id(), System.nanoTime()))) {
            long begin = System.nanoTime();
            timer.sweep(TimeUnit.MILLISECONDS.toNanos(20)); // less than the 4 routers' 10 ms each

            for (int i = 0; i < checkable.size(); i++) {
                long afterMicros = (started.get(checkable.get(i).id()) - begin) / 1_000;
                assertTrue("router " + i + " started its check " + afterMicros + " µs after the sweep began", afterMicros >= i * 5_000L);
            }
            verify(routers).markChecked(List.of(30L, 10L, 20L, 40L));
            assertEquals(1, timer.sweeps());
        }
    }

    @Test
    public void aFewRoutersAreNotSpreadOverTheWholeQuarterOfTheInterval() throws Exception {
        RouterDao routers = mock(RouterDao.class);
        when(routers.listCheckable(MSID)).thenReturn(List.of(router(1), router(2), router(3), router(4)));
        try (RouterTimer timer = timer(routers, router -> { })) {
            long begin = System.nanoTime();
            timer.sweep(TimeUnit.SECONDS.toNanos(60));

            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertTrue("4 routers checked in " + millis + " ms, 10 ms apart", millis < 10_000);
        }
    }

    @Test
    public void aSweepRunByHandChecksEveryRouterAndMarksThemChecked() throws Exception {
        RouterDao routers = mock(RouterDao.class);
        when(routers.listCheckable(MSID)).thenReturn(List.of(router(1), router(2)));
        Map<Long, Long> started = new ConcurrentHashMap<>();
        try (RouterTimer timer = timer(routers, router -> started.put(router.id(), System.nanoTime()))) {
            timer.sweep();

            assertEquals(Set.of(1L, 2L), started.keySet());
            verify(routers).markChecked(List.of(1L, 2L));
        }
    }

    private static RouterTimer timer(RouterDao routers, RouterCheck check) {
        ClusterManager cluster = mock(ClusterManager.class);
        when(cluster.msid()).thenReturn(MSID);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("check", check));
        return new RouterTimer(routers, cluster, mock(ConfigDepot.class), beans.getBeanProvider(RouterCheck.class));
    }

    private static DomainRouterVO router(long id) {
        return new DomainRouterVO(id, "uuid-" + id, "r-" + id, id, 1, 1L, null, 1, 1, DomainRouterVO.State.Running, null, LocalDateTime.now());
    }
}
