package io.kso.suite.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ServiceSpec spec;
  private final Process process;
  private final long startedNanos;
  private final Path log;

  private ServiceProcess(ServiceSpec spec, Process process, long startedNanos, Path log) {
    this.spec = spec;
    this.process = process;
    this.startedNanos = startedNanos;
    this.log = log;
  }

  public static ServiceProcess start(ServiceSpec spec, List<String> jvmFlags, Path logDir) {
    if (!Files.isRegularFile(spec.jar())) {
      throw new IllegalStateException(
          spec.jar() + " is missing: build the project first (./mvnw -DskipTests install)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(ExtractedJar.of(spec.jar(), logDir.resolveSibling("extracted")).toString());
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(spec.name() + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(spec.env());
      long started = System.nanoTime();
      return new ServiceProcess(spec, builder.start(), started, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  public ServiceSpec spec() {
    return spec;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
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

  /** Resident set size now, in KiB, read from /proc. */
  public long rssKib() {
    return ProcStatus.read(process.pid(), "VmRSS");
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
