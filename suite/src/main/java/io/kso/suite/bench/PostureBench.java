package io.kso.suite.bench;

import io.kso.suite.SuiteLayout;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ProcStatus;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The in-cluster posture scan at size: a synthetic cluster of N objects (kubescape-svc's {@code
 * bench --write-only}) is served by a read-only stand-in API server with real paging ({@link
 * ListPagesServer}); kubescape-svc runs with the chart's JVM flags and memory limit and reads it
 * through the API as in a pod; {@code POST /v1/scan?wait=true} is timed to the last byte of its
 * results, then a cached {@code /v1/metrics}.
 */
@Command(
    name = "posture-bench",
    mixinStandardHelpOptions = true,
    description =
        "Time kubescape-svc's scans of synthetic clusters served by the stand-in API server.")
public final class PostureBench implements Callable<Integer> {
  @Option(
      names = "--objects",
      split = ",",
      defaultValue = "1000,10000,50000",
      description = "Cluster sizes (default: ${DEFAULT-VALUE})")
  List<Integer> sizes = new ArrayList<>();

  @Option(
      names = "--memory-limit",
      defaultValue = "512m",
      description =
          "The container memory limit the JVM sizes itself from (the chart's: ${DEFAULT-VALUE})")
  String memoryLimit;

  @Option(
      names = "--extra-jvm-flags",
      split = " ",
      description = "Flags after the chart's, as kubescape.extraJavaToolOptions adds them")
  List<String> extraFlags = new ArrayList<>();

  @Option(names = "--project-dir", description = "The checkout (default: found from here).")
  Path projectDir;

  @Option(
      names = "--work-dir",
      defaultValue = ".local/posture-bench",
      description = "Manifests, results and logs (default: ${DEFAULT-VALUE}).")
  Path workDir;

  private final PrintStream out = System.out;
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path project = io.kso.suite.SuiteMain.projectDir(projectDir);
    Path work = project.resolve(workDir).toAbsolutePath();
    SuiteLayout layout = new SuiteLayout(project, work);
    writeManifests(layout.jar("kubescape-svc"), work);
    out.printf(
        "%-8s %9s %9s %9s %11s %12s %14s %s%n",
        "objects",
        "load (s)",
        "wall (s)",
        "cpu (s)",
        "peak RSS",
        "report (MB)",
        "metrics (ms)",
        "status");
    int failures = 0;
    for (int n : sizes) {
      failures += run(layout, work, n) ? 0 : 1;
    }
    out.printf("memory limit %s, JVM flags: %s%n", memoryLimit, String.join(" ", flags()));
    return failures == 0 ? 0 : 1;
  }

  private void writeManifests(Path jar, Path work) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-jar", jar.toString(), "bench", "--write-only", "--work-dir", work.toString()));
    command.add("--resources");
    command.add(String.join(",", sizes.stream().map(String::valueOf).toList()));
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("writing the synthetic clusters failed: " + command);
    }
  }

  private boolean run(SuiteLayout layout, Path work, int n) throws Exception {
    long loadStart = System.nanoTime();
    try (ListPagesServer cluster = new ListPagesServer(work.resolve("cluster-" + n))) {
      double load = (System.nanoTime() - loadStart) / 1e9;
      int port = SuiteLayout.freePort();
      Path runDir = work.resolve("run-" + n);
      Files.createDirectories(runDir);
      Path config =
          Files.writeString(
              runDir.resolve("clusterData.json"),
              "{\"clusterName\":\"bench\",\"accountID\":\"" + SuiteLayout.ACCOUNT_ID + "\"}");
      ServiceSpec spec =
          new ServiceSpec(
              "kubescape-svc",
              layout.jar("kubescape-svc"),
              Map.of(
                  "CONFIG", config.toString(),
                  "KUBECONFIG", cluster.writeKubeconfig(runDir.resolve("kubeconfig")).toString(),
                  "KS_PORT", Integer.toString(port),
                  "KS_RESULTS_DIR", runDir.resolve("results").toString(),
                  "KS_CONFIG_FILE", runDir.resolve("none.json").toString()),
              URI.create("http://127.0.0.1:" + port + "/livez"),
              URI.create("http://127.0.0.1:" + port + "/readyz"));
      try (ServiceProcess service = ServiceProcess.start(spec, flags(), runDir.resolve("logs"))) {
        if (service.awaitReady(Duration.ofSeconds(120)).isEmpty()) {
          out.printf("%-8d kubescape-svc did not become ready; log %s%n", n, service.log());
          return false;
        }
        double cpu0 = ProcStatus.cpuSeconds(service.pid());
        long start = System.nanoTime();
        HttpResponse<InputStream> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/scan?wait=true"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream body = answer.body()) {
          bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcStatus.cpuSeconds(service.pid()) - cpu0;
        long peakKib = ProcStatus.read(service.pid(), "VmHWM");
        long metricsMs = cachedMetricsMillis(port);
        out.printf(
            "%-8d %9.1f %9.2f %9.2f %7.0f MiB %12.1f %14d %s%n",
            n,
            load,
            wall,
            cpu,
            peakKib / 1024.0,
            bytes / 1e6,
            metricsMs,
            answer.statusCode() == 200
                ? "ok"
                : "HTTP " + answer.statusCode() + ", log " + service.log());
        return answer.statusCode() == 200;
      }
    }
  }

  private List<String> flags() {
    List<String> out = new ArrayList<>(JvmFlags.withMemoryLimit(JvmFlags.SERVICE, memoryLimit));
    out.addAll(extraFlags);
    return out;
  }

  /** The best of three scrapes, once the scan has left its metrics in the cache. */
  private long cachedMetricsMillis(int port) throws Exception {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/metrics"))
                  .timeout(Duration.ofMinutes(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return -1;
      }
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    return best;
  }
}
