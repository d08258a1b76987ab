package io.kso.suite;

import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceProcess.HostCds;
import io.kso.suite.process.ServiceSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a local API server and the five services, wired through a generated clusterData file, and
 * shows their health. Stays up until interrupted, unless {@code --once}.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start the whole suite locally and show it healthy.")
final class UpCommand implements Callable<Integer> {
  @Option(
      names = "--project-dir",
      description = "The checkout (default: found from here or from the jar).")
  Path projectDir;

  @Option(
      names = "--work-dir",
      description =
          "Where clusterData.json, the kubeconfig and the logs go (default: ${DEFAULT-VALUE}).",
      defaultValue = ".local/suite")
  Path workDir;

  @Option(
      names = "--once",
      description = "Exit once every service is healthy (0) or one is not (1).")
  boolean once;

  @Option(
      names = "--timeout",
      description = "How long to wait for the suite to be ready (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT120S")
  Duration timeout;

  @Option(
      names = "--memory-limit",
      description =
          "The container memory limit each JVM sizes itself from (default: ${DEFAULT-VALUE}).",
      defaultValue = "256m")
  String memoryLimit;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    Path project = SuiteMain.projectDir(projectDir);
    Path work = project.resolve(workDir);
    SuiteLayout layout = new SuiteLayout(project, work);
    try (LocalCluster cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE)) {
      Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE);
      out.printf("API server   %s (kubeconfig %s)%n", cluster.url(), kubeconfig);
      out.printf("clusterData  %s%n", work.resolve("clusterData.json"));
      List<ServiceProcess> running = new ArrayList<>();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> running.forEach(ServiceProcess::close)));
      try {
        for (ServiceSpec spec : layout.services(kubeconfig)) {
          ServiceProcess service =
              ServiceProcess.start(
                  spec,
                  JvmFlags.withMemoryLimit(JvmFlags.SERVICE, memoryLimit),
                  work.resolve("logs"),
                  // A suite that stays up records each jar's AppCDS archive when it stops.
                  once ? HostCds.USE : HostCds.USE_OR_TRAIN);
          running.add(service);
          if (service.trainsArchive()) {
            out.printf(
                "%-14s first start of this build: its AppCDS archive is recorded when it stops%n",
                spec.name());
          }
        }
        boolean healthy = report(running);
        if (once || !healthy) {
          return healthy ? 0 : 1;
        }
        out.println("All services are up. Press Ctrl-C to stop them.");
        new CountDownLatch(1).await();
        return 0;
      } finally {
        running.forEach(ServiceProcess::close);
      }
    }
  }

  private boolean report(List<ServiceProcess> running) {
    boolean healthy = true;
    out.printf("%-14s %-8s %-9s %s%n", "SERVICE", "STATUS", "READY IN", "READINESS");
    for (ServiceProcess service : running) {
      Optional<Duration> ready = service.awaitReady(timeout);
      healthy &= ready.isPresent();
      out.printf(
          "%-14s %-8s %-9s %s%n",
          service.spec().name(),
          ready.isPresent() ? "healthy" : "NOT READY",
          ready.map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("-"),
          service.spec().readiness());
      if (ready.isEmpty()) {
        out.printf("  %s%n  log: %s%n", service.probe(service.spec().readiness()), service.log());
      }
    }
    return healthy;
  }
}
