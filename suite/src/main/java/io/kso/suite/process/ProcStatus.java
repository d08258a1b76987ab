package io.kso.suite.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads memory and CPU figures of a live process from {@code /proc/<pid>/}. */
public final class ProcStatus {
  private ProcStatus() {}

  /** A {@code kB} field such as {@code VmRSS} or {@code VmHWM}; -1 if the process is gone. */
  public static long read(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * CPU time the process has used so far (user + system, all threads), in seconds; -1 if it is
   * gone. From {@code /proc/<pid>/stat}, whose times are in clock ticks of 1/100 s on Linux.
   */
  public static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may contain spaces: count fields after its closing ")".
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
