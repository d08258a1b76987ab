package io.kso.suite.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads memory figures of a live process from {@code /proc/<pid>/status}. */
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
}
