package io.kso.suite.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the chart gives each kind of process (through {@code JAVA_TOOL_OPTIONS}), so that
 * local runs and benchmarks measure what runs in the cluster. In a pod the JVM sizes its heap from
 * the container's memory limit; outside one, {@link #withMemoryLimit} stands in for that limit.
 */
public final class JvmFlags {
  /** Long-running services: small footprint, quick start, heap from the container limit. */
  public static final List<String> SERVICE =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss256k",
          "-XX:MaxRAMPercentage=75",
          "-XX:+ExitOnOutOfMemoryError");

  /** The http-request client: starts, sends one request, exits. */
  public static final List<String> HTTP_REQUEST =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss256k",
          "-Xmx32m",
          "-XX:-UsePerfData",
          "-Xshare:auto");

  private JvmFlags() {}

  /** The flags plus {@code -XX:MaxRAM}, which the JVM otherwise reads from the cgroup limit. */
  public static List<String> withMemoryLimit(List<String> flags, String limit) {
    List<String> out = new ArrayList<>(flags);
    out.add("-XX:MaxRAM=" + limit);
    return out;
  }
}
