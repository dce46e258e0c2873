package io.overdue.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the CPU went during a measured run: this JVM (application and HTTP clients), the PostgreSQL server
 * processes, and the whole machine. On Linux from /proc; elsewhere only the JVM's share is known.
 * Figures are in cores (1.0 = one core busy for the whole run).
 */
final class CpuMeter {

    /** USER_HZ; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Reading(long wallNanos, long jvmCpuNanos, long postgresTicks, long machineBusyTicks, long machineTotalTicks) {
    }

    record Usage(double jvmCores, double postgresCores, double machineCores, int cores) {

        String jvm() {
            return format(jvmCores);
        }

        String postgres() {
            return postgresCores < 0 ? "n/a" : format(postgresCores);
        }

        String machine() {
            return machineCores < 0 ? "n/a" : format(machineCores) + "/" + cores;
        }

        private static String format(double cores) {
            return String.format("%.2f", cores);
        }
    }

    private CpuMeter() {
    }

    static Reading read() {
        long[] machine = machineTicks();
        return new Reading(System.nanoTime(), jvmCpuNanos(), postgresTicks(), machine[0], machine[1]);
    }

    static Usage between(Reading from, Reading to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        double jvm = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
        double postgres = from.postgresTicks() < 0 ? -1 : (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        double machine = from.machineTotalTicks() <= 0 ? -1
                : cores * (double) (to.machineBusyTicks() - from.machineBusyTicks())
                / Math.max(1, to.machineTotalTicks() - from.machineTotalTicks());
        return new Usage(jvm, postgres, machine, cores);
    }

    private static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat; {-1, -1} when unreadable. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal (guest time is already inside user)
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1};
        }
    }

    /**
     * User plus system ticks of every process named "postgres" on this machine (server and backends), and those of
     * their children that have exited: the server reaps its backends and autovacuum workers, and the kernel adds their
     * ticks to its own cutime and cstime. Without those a long run loses the ticks of every worker that ended.
     */
    private static long postgresTicks() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(proc)) {
            List<Path> pids = entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            long ticks = 0;
            boolean found = false;
            for (Path pid : pids) {
                try {
                    String stat = Files.readString(pid.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    // After "pid (comm) ": state is field 3; utime, stime, cutime, cstime are fields 14 to 17.
                    String[] rest = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]) + Long.parseLong(rest[13])
                            + Long.parseLong(rest[14]);
                    found = true;
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
            return found ? ticks : -1; // not on this machine
        } catch (IOException e) {
            return -1;
        }
    }
}
