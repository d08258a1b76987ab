package io.kso.operator.posture;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandArguments;
import io.kso.operator.command.CommandException;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.JobStatus;
import io.kso.operator.port.PostureScanner;
import io.kso.operator.port.PostureScanner.ScanState;
import io.kso.operator.port.ScannerBusyException;
import io.kso.operator.port.ScannerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kubescapeScan} and {@code runKubescapeJob}: hands {@code args.scanV1} to kubescape-svc as
 * it is (plus the {@code security} framework when asked), then asks for the scan's status every
 * poll interval while it is busy. Each step is a sysreport detail of the job; the job is done when
 * the scan is, and fails with kubescape-svc's error, or when kubescape-svc cannot be reached.
 */
public final class KubescapeScanHandler implements CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(KubescapeScanHandler.class);
  private static final String SECURITY = "security";

  /**
   * How the handler follows a scan.
   *
   * @param busyRetries how often a call that kubescape-svc answers 503 with {@code Retry-After} is
   *     made again before the job fails
   * @param maxRetryAfter the longest {@code Retry-After} honoured; longer ones wait this long
   */
  public record Options(
      boolean addSecurityFramework,
      Duration pollInterval,
      Duration followFor,
      int busyRetries,
      Duration maxRetryAfter) {}

  private final PostureScanner scanner;
  private final JobStatus status;
  private final Options options;
  private final Pause pause;

  public KubescapeScanHandler(
      PostureScanner scanner, JobStatus status, Options options, Pause pause) {
    this.scanner = scanner;
    this.status = status;
    this.options = options;
    this.pause = pause;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(CommandName.KUBESCAPE_SCAN, CommandName.RUN_KUBESCAPE_JOB);
  }

  @Override
  public void handle(Command command) {
    PostScanRequest request =
        new CommandArguments(command)
            .scanRequest()
            .map(this::withSecurityFramework)
            .orElseThrow(
                () ->
                    new CommandException(
                        CommandException.Reason.MISSING_ARGUMENT, "request not found"));
    ScanState started = call(command, () -> scanner.start(request));
    String scanId = started.id();
    log.atInfo()
        .addKeyValue("scanID", scanId)
        .addKeyValue("targetType", request.targetType())
        .addKeyValue("targets", String.valueOf(request.targetNames()))
        .log("posture scan started");
    status.detail(command, "triggered successfully, scan ID: '" + scanId + "'");
    follow(command, scanId, started);
    log.atInfo().addKeyValue("scanID", scanId).log("posture scan finished");
  }

  private void follow(Command command, String scanId, ScanState started) {
    long polls = Math.max(1, ceilDiv(options.followFor(), options.pollInterval()));
    ScanState state = started;
    for (long poll = 0; state.busy(); poll++) {
      if (poll == polls) {
        throw new ScannerException(
            "kubescape scan '"
                + scanId
                + "' still busy after "
                + GoDuration.format(options.followFor())
                + ": no longer followed",
            null);
      }
      await(options.pollInterval());
      state = call(command, () -> scanner.status(scanId));
      log.atDebug().addKeyValue("scanID", scanId).addKeyValue("busy", state.busy()).log("status");
      if (state.busy()) {
        status.detail(
            command,
            "Kubescape get job status for scanID '"
                + scanId
                + "' is busy next handle time is "
                + GoDuration.format(options.pollInterval()));
      }
    }
  }

  /** One call to kubescape-svc, made again while it answers busy with a Retry-After. */
  private ScanState call(Command command, Supplier<ScanState> request) {
    for (int retry = 1; ; retry++) {
      try {
        return request.get();
      } catch (ScannerBusyException e) {
        if (retry > options.busyRetries()) {
          throw new ScannerException(
              "kubescape-svc still busy after "
                  + options.busyRetries()
                  + " retries: "
                  + e.getMessage(),
              e);
        }
        Duration wait = min(e.retryAfter(), options.maxRetryAfter());
        log.atWarn()
            .addKeyValue("retry", retry)
            .addKeyValue("retryAfter", wait.toString())
            .log("kubescape-svc is busy: " + e.getMessage());
        status.detail(
            command,
            "kubescape-svc is busy, trying again in "
                + GoDuration.format(wait)
                + " ("
                + retry
                + " of "
                + options.busyRetries()
                + ")");
        await(wait);
      }
    }
  }

  private void await(Duration duration) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScannerException("stopped following the posture scan: interrupted", e);
    }
  }

  /** Framework scans also run the {@code security} framework, unless they already cover all. */
  PostScanRequest withSecurityFramework(PostScanRequest request) {
    List<String> names = request.targetNames() == null ? List.of() : request.targetNames();
    boolean framework =
        request.targetType() != null
            && request.targetType().toLowerCase(Locale.ROOT).equals("framework");
    if (!options.addSecurityFramework()
        || !framework
        || names.isEmpty()
        || names.contains("all")
        || names.contains(SECURITY)) {
      return request;
    }
    List<String> extended = new ArrayList<>(names);
    extended.add(SECURITY);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = WireJson.convert(request, Map.class);
    fields.put("targetNames", extended);
    return WireJson.convert(fields, PostScanRequest.class);
  }

  private static long ceilDiv(Duration total, Duration step) {
    long stepMillis = Math.max(1, step.toMillis());
    return (total.toMillis() + stepMillis - 1) / stepMillis;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
