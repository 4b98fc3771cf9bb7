package org.s2svpn.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time (user + system) processes have used so far, from /proc: what a benchmark's figure costs each of
 * the processes sharing the machine (the server, MariaDB, the clients).
 */
final class CpuTime {
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private CpuTime() {
    }

    /** Milliseconds of CPU the process used so far. */
    static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MS; // utime, stime: fields 14 and 15 of stat
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the running MariaDB (or MySQL) server, or -1. */
    static long databasePid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** The CPU each named process used between two readings of {@link #of}, in ms. */
    static Map<String, Double> since(Map<String, Long> pids, Map<String, Double> before) {
        return pids.keySet().stream()
                .collect(Collectors.toMap(name -> name, name -> millis(pids.get(name)) - before.get(name), (a, b) -> a, LinkedHashMap::new));
    }

    static Map<String, Double> of(Map<String, Long> pids) {
        return pids.keySet().stream().collect(Collectors.toMap(name -> name, name -> millis(pids.get(name)), (a, b) -> a, LinkedHashMap::new));
    }
}
