package io.kso.kubescape.adapter.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall and process CPU time per phase of a scan, printed with {@code -Dkso.timings=true}. CPU time
 * is what to compare on a busy machine; the first phase includes the JVM's own start.
 */
final class PhaseTimes {
  private final List<String> phases = new ArrayList<>();
  private long wall;
  private long cpu;

  PhaseTimes() {
    wall = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
  }

  void done(String phase) {
    long w = System.nanoTime();
    long c = processCpu();
    phases.add(
        String.format(
            Locale.ROOT, "%s %.2fs (cpu %.2fs)", phase, (w - wall) / 1e9, (c - cpu) / 1e9));
    wall = w;
    cpu = c;
  }

  @Override
  public String toString() {
    return "timings: " + String.join(", ", phases);
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }
}
