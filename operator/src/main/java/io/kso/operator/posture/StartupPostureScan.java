package io.kso.operator.posture;

import io.kso.common.concurrent.Daemons;
import io.kso.common.job.JobContext;
import io.kso.common.message.Command;
import io.kso.common.message.CommandArgs;
import io.kso.common.message.CommandName;
import io.kso.common.message.JobTracking;
import io.kso.operator.command.CommandException;
import io.kso.operator.port.PostureScanner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's start-up action: once kubescape-svc answers {@code HEAD /readyz}, one {@code
 * kubescapeScan} of the whole cluster (frameworks {@code allcontrols}, {@code nsa}, {@code mitre},
 * no host scanner) goes to the same queue as commands from REST, so it is tracked and reported like
 * them. The wait runs on a daemon thread of its own: it never holds start-up or readiness back.
 */
public final class StartupPostureScan implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StartupPostureScan.class);
  static final List<String> FRAMEWORKS = List.of("allcontrols", "nsa", "mitre");

  /**
   * @param enabled whether the scan is made at all
   * @param readyPollInterval how often kubescape-svc's readiness is asked for
   * @param waitFor how long to wait for it; zero waits for as long as the operator runs
   */
  public record Options(boolean enabled, Duration readyPollInterval, Duration waitFor) {}

  private final PostureScanner scanner;
  private final Consumer<List<Command>> queue;
  private final String clusterName;
  private final Options options;
  private final Pause pause;
  private volatile boolean closed;
  private Thread thread;

  /**
   * @param scanner kubescape-svc; {@code null} when clusterData names no {@code kubescapeURL}
   * @param queue where accepted commands go (the dispatcher's {@code submit})
   */
  public StartupPostureScan(
      PostureScanner scanner,
      Consumer<List<Command>> queue,
      String clusterName,
      Options options,
      Pause pause) {
    this.scanner = scanner;
    this.queue = queue;
    this.clusterName = clusterName;
    this.options = options;
    this.pause = pause;
  }

  /** Starts waiting for kubescape-svc, in the background; returns at once. */
  public synchronized void start() {
    if (!options.enabled()) {
      log.info("start-up posture scan switched off (ks.operator.startup-scan.enabled=false)");
    } else if (scanner == null) {
      log.info("clusterData has no kubescapeURL: no start-up posture scan");
    } else if (thread == null) {
      thread = Daemons.start("startup-posture-scan", this::run);
    }
  }

  /** Whether it is still waiting for kubescape-svc (or queueing the scan). */
  public synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  /** The command the original sends at start-up. */
  public static Command command(String clusterName) {
    Map<String, Object> scanV1 = new LinkedHashMap<>();
    scanV1.put("hostScanner", false);
    scanV1.put("targetType", "Framework");
    scanV1.put("targetNames", FRAMEWORKS);
    return new Command(
        CommandName.KUBESCAPE_SCAN,
        null,
        null,
        null,
        "wlid://cluster-" + clusterName,
        null,
        null,
        new JobTracking(JobContext.newJobId(), "", 0, null),
        Map.of(CommandArgs.SCAN_V1, scanV1));
  }

  private void run() {
    try {
      if (awaitReady()) {
        enqueue(command(clusterName));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean awaitReady() throws InterruptedException {
    Duration interval = options.readyPollInterval();
    long attempts =
        options.waitFor().isZero()
            ? Long.MAX_VALUE
            : Math.max(1, ceilDiv(options.waitFor().toMillis(), interval.toMillis()));
    for (long attempt = 1; attempt <= attempts && !closed; attempt++) {
      pause.sleep(interval);
      if (scanner.ready()) {
        log.atInfo().addKeyValue("polls", attempt).log("kubescape-svc is ready");
        return true;
      }
      if (attempt == 1) {
        log.info(
            "waiting for kubescape-svc to answer HEAD /readyz before the start-up posture scan");
      }
    }
    if (!closed) {
      log.atWarn()
          .addKeyValue("waited", options.waitFor().toString())
          .log("kubescape-svc never became ready: no start-up posture scan");
    }
    return false;
  }

  private void enqueue(Command command) throws InterruptedException {
    try (JobContext job = JobContext.open(command.jobTracking().jobId(), "")) {
      while (!closed) {
        try {
          queue.accept(List.of(command));
          log.atInfo()
              .addKeyValue("command", command.commandName())
              .log("start-up posture scan queued");
          return;
        } catch (CommandException e) {
          log.atWarn().log("start-up posture scan not queued, trying again: " + e.getMessage());
          pause.sleep(options.readyPollInterval());
        }
      }
    }
  }

  private static long ceilDiv(long total, long step) {
    long s = Math.max(1, step);
    return (total + s - 1) / s;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
