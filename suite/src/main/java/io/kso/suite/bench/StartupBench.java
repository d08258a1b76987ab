package io.kso.suite.bench;

import io.kso.suite.SuiteLayout;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what a pod of each service costs: time from JVM start to a ready readiness probe, and
 * resident memory once idle; and for http-request, start-to-exit time and peak memory of one POST.
 * Services are started one at a time, with the chart's JVM flags and a stand-in memory limit.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure each service's time to ready and idle RSS, and http-request's run time and peak RSS.")
public final class StartupBench implements Callable<Integer> {
  @Option(
      names = "--project-dir",
      description = "The checkout (default: the current directory).",
      defaultValue = ".")
  Path projectDir;

  @Option(
      names = "--runs",
      description = "Runs per service; the median is reported (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int runs;

  @Option(
      names = "--settle",
      description =
          "How long a ready service idles before its RSS is read (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT5S")
  Duration settle;

  @Option(
      names = "--memory-limit",
      description =
          "The container memory limit each service JVM sizes itself from (default: ${DEFAULT-VALUE}).",
      defaultValue = "256m")
  String memoryLimit;

  @Option(names = "--services", split = ",", description = "Which services (default: all five).")
  List<String> only;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path project = projectDir.toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("kso-bench");
    List<String> flags = JvmFlags.withMemoryLimit(JvmFlags.SERVICE, memoryLimit);
    System.out.printf(
        "JVM flags: %s%nruns: %d, settle: %s, java: %s%n%n",
        String.join(" ", flags), runs, settle, Runtime.version());
    System.out.printf(
        "%-14s %16s %16s %16s%n", "SERVICE", "READY median s", "READY max s", "IDLE RSS MiB");
    boolean allReady = true;
    try (LocalCluster cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE)) {
      SuiteLayout layout = new SuiteLayout(project, work);
      Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE);
      for (ServiceSpec spec : layout.services(kubeconfig)) {
        if (only != null && !only.contains(spec.name())) {
          continue;
        }
        allReady &= measure(spec, flags, work);
      }
    }
    System.out.println();
    HttpRequestBench.Result client =
        new HttpRequestBench(project.resolve("http-request/target/http-request.jar"), runs).run();
    System.out.printf(
        "%-14s %16s %16s %16s%n", "CLIENT", "RUN median s", "RUN max s", "PEAK RSS MiB");
    System.out.printf(
        "%-14s %16.2f %16.2f %16.1f%n",
        "http-request", client.medianSeconds(), client.maxSeconds(), client.maxPeakRssMib());
    return allReady && client.allSucceeded() ? 0 : 1;
  }

  private boolean measure(ServiceSpec spec, List<String> flags, Path work)
      throws InterruptedException {
    List<Double> readySeconds = new ArrayList<>();
    List<Double> rssMib = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      try (ServiceProcess service = ServiceProcess.start(spec, flags, work.resolve("logs"))) {
        Optional<Duration> ready = service.awaitReady(Duration.ofSeconds(60));
        if (ready.isEmpty()) {
          System.out.printf(
              "%-14s NOT READY: %s (log %s)%n",
              spec.name(), service.probe(spec.readiness()), service.log());
          return false;
        }
        readySeconds.add(ready.get().toMillis() / 1000.0);
        TimeUnit.MILLISECONDS.sleep(settle.toMillis());
        rssMib.add(service.rssKib() / 1024.0);
      }
    }
    System.out.printf(
        "%-14s %16.2f %16.2f %16.1f%n",
        spec.name(), Stats.median(readySeconds), Stats.max(readySeconds), Stats.median(rssMib));
    return true;
  }
}
