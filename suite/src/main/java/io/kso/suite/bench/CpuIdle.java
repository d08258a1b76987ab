package io.kso.suite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a quiet machine, from the CPU counters in {@code /proc/stat}. */
final class CpuIdle {
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final double IDLE = 0.90;

  private CpuIdle() {}

  /** Returns once the CPUs were idle {@link #IDLE} of a {@link #WINDOW}, or after {@code max}. */
  static void await(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      long[] before = counters();
      TimeUnit.MILLISECONDS.sleep(WINDOW.toMillis());
      long[] after = counters();
      long total = after[0] - before[0];
      if (total <= 0 || (double) (after[1] - before[1]) / total >= IDLE) {
        return;
      }
    }
  }

  /** {total, idle + iowait} jiffies of all CPUs. */
  private static long[] counters() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
