package io.kso.suite.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM, with its output in a log file, started the way its image
 * starts it: the chart's flags in {@code JAVA_TOOL_OPTIONS}, and the image's own flags ({@link
 * JvmFlags#IMAGE}: its AppCDS archive) on the command line. Either from the image itself ({@link
 * #startImage}, needs root) or on this machine's JVM from Boot's extracted jar with an archive
 * trained here ({@link #start}).
 */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** What a run on this machine does about the AppCDS archive of the service's extracted jar. */
  public enum HostCds {
    /** Use the archive if one was trained for this jar and this JVM; never write one. */
    USE,
    /** Use the archive, or, if there is none yet, record it when this run stops. */
    USE_OR_TRAIN
  }

  private final ServiceSpec spec;
  private final Process process;
  private final boolean namespaced;
  private final long startedNanos;
  private final Path log;
  private final Path archiveInTraining;
  private final Path archive;
  private volatile boolean answered;
  private volatile long jvmPid = -1;

  private ServiceProcess(
      ServiceSpec spec,
      Process process,
      boolean namespaced,
      long startedNanos,
      Path log,
      Path archiveInTraining,
      Path archive) {
    this.spec = spec;
    this.process = process;
    this.namespaced = namespaced;
    this.startedNanos = startedNanos;
    this.log = log;
    this.archiveInTraining = archiveInTraining;
    this.archive = archive;
  }

  /**
   * Starts the service on this machine, with its archive if one is cached ({@link HostCds#USE}).
   */
  public static ServiceProcess start(ServiceSpec spec, List<String> jvmFlags, Path logDir) {
    return start(spec, jvmFlags, logDir, HostCds.USE);
  }

  /**
   * Starts the service on this machine's JVM from Boot's extracted jar, with {@code jvmFlags} in
   * {@code JAVA_TOOL_OPTIONS} and {@link JvmFlags#IMAGE} pointing at an archive trained on this
   * machine for this jar and this JVM, cached next to the extracted jar.
   */
  public static ServiceProcess start(
      ServiceSpec spec, List<String> jvmFlags, Path logDir, HostCds cds) {
    if (!Files.isRegularFile(spec.jar())) {
      throw new IllegalStateException(
          spec.jar() + " is missing: build the project first (./mvnw -DskipTests install)");
    }
    Path jar = ExtractedJar.of(spec.jar(), logDir.resolveSibling("extracted"));
    Path archive = hostArchive(jar);
    Path training = null;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Files.isRegularFile(archive)) {
      command.addAll(JvmFlags.image(archive));
    } else if (cds == HostCds.USE_OR_TRAIN) {
      training =
          archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
      command.add("-XX:ArchiveClassesAtExit=" + training);
      command.add(JvmFlags.AOT);
    }
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.put("JAVA_TOOL_OPTIONS", JvmFlags.javaToolOptions(jvmFlags));
    try {
      Path log = logFile(spec, logDir);
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      long started = System.nanoTime();
      return new ServiceProcess(spec, builder.start(), false, started, log, training, archive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  /**
   * Starts the service from its image, as a pod would: the image's entrypoint and environment, the
   * spec's environment, and {@code jvmFlags} in {@code JAVA_TOOL_OPTIONS}.
   */
  public static ServiceProcess startImage(
      ServiceSpec spec, ServiceImage image, List<String> jvmFlags, Path logDir) {
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.put("JAVA_TOOL_OPTIONS", JvmFlags.javaToolOptions(jvmFlags));
    try {
      Path log = logFile(spec, logDir);
      long started = System.nanoTime();
      return new ServiceProcess(spec, image.start(env, log), true, started, log, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the image of " + spec.name(), e);
    }
  }

  /** The archive a host run uses for this extracted jar on this JVM. */
  static Path hostArchive(Path extractedJar) {
    return extractedJar.resolveSibling("app-" + Runtime.version() + ".jsa");
  }

  private static Path logFile(ServiceSpec spec, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    return logDir.resolve(spec.name() + ".log");
  }

  public ServiceSpec spec() {
    return spec;
  }

  public Path log() {
    return log;
  }

  /** Whether this run records the archive of its jar when it stops. */
  public boolean trainsArchive() {
    return archiveInTraining != null;
  }

  /** The JVM's pid as this machine sees it (in an image run, unshare's child). */
  public long pid() {
    if (!namespaced) {
      return process.pid();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (jvmPid < 0 && System.nanoTime() < deadline && process.isAlive()) {
      process.children().findFirst().ifPresent(jvm -> jvmPid = jvm.pid());
      pause();
    }
    return jvmPid;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the readiness probe answers 200; returns the time from process start. */
  public Optional<Duration> awaitReady(Duration timeout) {
    return awaitStatus(spec.readiness().toString(), 200, timeout);
  }

  /** Waits until the liveness probe answers 200; returns the time from process start. */
  public Optional<Duration> awaitLive(Duration timeout) {
    return awaitStatus(spec.liveness().toString(), 200, timeout);
  }

  private Optional<Duration> awaitStatus(String url, int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
          answered = true;
          return Optional.of(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      pause();
    }
    return Optional.empty();
  }

  /** The body of a probe, for reports. */
  public String probe(java.net.URI url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "unreachable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** CPU time the JVM has used so far, in seconds. */
  public double cpuSeconds() {
    return ProcStatus.cpuSeconds(pid());
  }

  /** Resident set size of the JVM now, in KiB, read from /proc. */
  public long rssKib() {
    return ProcStatus.read(pid(), "VmRSS");
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the JVM with SIGTERM, as Kubernetes does, and waits for it. A run that trains an archive
   * gets longer to write it, and its archive is kept only if the service answered a probe and the
   * JVM wrote the archive completely.
   */
  @Override
  public void close() {
    ProcessHandle jvm =
        namespaced ? process.children().findFirst().orElse(process.toHandle()) : process.toHandle();
    jvm.destroy();
    try {
      if (!process.waitFor(archiveInTraining != null ? 120 : 10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (archiveInTraining != null) {
      try {
        if (answered && !process.isAlive() && Files.size(archiveInTraining) > 0) {
          Files.move(archiveInTraining, archive, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        // no archive this time: the next run trains again
      } finally {
        try {
          Files.deleteIfExists(archiveInTraining);
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }
}
