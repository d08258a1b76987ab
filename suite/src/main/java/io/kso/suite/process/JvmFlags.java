package io.kso.suite.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of each kind of process, so that local runs and benchmarks measure what runs in the
 * cluster. This class is the one place that names them: the chart takes its {@code
 * JAVA_TOOL_OPTIONS} from {@link #SERVICE} and {@link #HTTP_REQUEST}, and ImageJvmFlagsIT checks
 * that every service image's entrypoint carries {@link #IMAGE}.
 *
 * <p>In a pod the JVM sizes its heap from the container's memory limit; outside one, {@link
 * #withMemoryLimit} stands in for that limit.
 */
public final class JvmFlags {
  /**
   * Long-running services, through the chart's {@code JAVA_TOOL_OPTIONS}: small footprint, quick
   * start, heap from the container limit. Tunable per deployment, so not baked into the images.
   */
  public static final List<String> SERVICE =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          // one compiler thread, not the two the JVM starts even on one CPU: the second competes
          // with the main thread while a service starts (operator on 2 cores: ~0.2 s sooner ready)
          "-XX:CICompilerCount=1",
          "-Xss256k",
          "-XX:MaxRAMPercentage=75",
          // a fifth of the limit from the start: about twenty collections and three full ones
          // fewer while a service starts, and no more resident memory once it idles
          "-XX:InitialRAMPercentage=20",
          "-XX:+ExitOnOutOfMemoryError");

  /** Where every service image keeps its AppCDS archive. */
  public static final String IMAGE_ARCHIVE = "/app/app.jsa";

  /**
   * Starts a service from the bean definitions Spring AOT generated at build time (the {@code
   * process-aot} goal), which belong to the jar they were generated for. A service falls back to
   * the ordinary start by itself when that build-time picture does not hold (see {@code
   * io.kso.base.ServiceLauncher}).
   */
  public static final String AOT = "-Dspring.aot.enabled=true";

  /**
   * Baked into every service image's entrypoint (Jib {@code jvmFlags}, after {@code
   * JAVA_TOOL_OPTIONS}): the AppCDS archive trained in that image and the AOT start, both of which
   * belong to the image's classpath and are therefore no chart setting. {@code -Xshare:auto} starts
   * without the archive if it cannot be used, and the log selection keeps the JVM's CDS warnings
   * off stdout, where the services write JSON.
   */
  public static final List<String> IMAGE =
      List.of(
          "-XX:SharedArchiveFile=" + IMAGE_ARCHIVE,
          "-Xshare:auto",
          "-Xlog:cds=off,cds+dynamic=off",
          AOT);

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

  /** {@link #IMAGE} with the archive somewhere else: the same flags for a run on the host. */
  public static List<String> image(Path archive) {
    return IMAGE.stream()
        .map(
            flag ->
                flag.equals("-XX:SharedArchiveFile=" + IMAGE_ARCHIVE)
                    ? "-XX:SharedArchiveFile=" + archive
                    : flag)
        .toList();
  }

  /** The value of {@code JAVA_TOOL_OPTIONS} that passes {@code flags}, as the chart does. */
  public static String javaToolOptions(List<String> flags) {
    for (String flag : flags) {
      if (flag.isEmpty() || flag.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("not a JAVA_TOOL_OPTIONS flag: '" + flag + "'");
      }
    }
    return String.join(" ", flags);
  }
}
