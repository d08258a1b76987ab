package io.kso.operator.command;

import io.kso.common.message.Command;
import io.kso.common.message.SystemReport;
import io.kso.operator.port.JobReporter;
import java.time.Clock;
import java.util.List;

/**
 * The life of a command as the event receiver sees it: {@code started}, then {@code done} or {@code
 * failure} with the error, each carrying the job's id, parent and action number.
 */
public final class JobStatus {
  /** For operators with no event receiver: nothing is reported. */
  public static final JobStatus NONE = new JobStatus(report -> {}, "", "", Clock.systemUTC());

  private final JobReporter reporter;
  private final String customerGuid;
  private final String clusterName;
  private final Clock clock;

  public JobStatus(JobReporter reporter, String customerGuid, String clusterName, Clock clock) {
    this.reporter = reporter;
    this.customerGuid = customerGuid;
    this.clusterName = clusterName;
    this.clock = clock;
  }

  void started(Command command) {
    reporter.report(report(command, "started", "Handling single request", List.of()));
  }

  void done(Command command) {
    reporter.report(report(command, "done", "", List.of()));
  }

  /**
   * Progress of a running job: the job is still {@code started}, {@code details} says where it is
   * (as the original's {@code SendDetails}, which keeps the job's status).
   */
  public void detail(Command command, String details) {
    reporter.report(report(command, "started", details, List.of()));
  }

  /** A step of a longer job: {@code success} or {@code failure}, with the step in the details. */
  public void step(Command command, String step, String error) {
    reporter.report(
        report(
            command,
            error == null ? "success" : "failure",
            step,
            error == null ? List.of() : List.of(error)));
  }

  /** What a registry connectivity test found, for the dashboard's repository picker. */
  public void repositories(Command command, String registryName, List<String> repositories) {
    reporter.repositories(command.jobTracking().jobId(), customerGuid, registryName, repositories);
  }

  void failed(Command command, String error) {
    String message = "Action: " + command.commandName() + ", Error: " + error;
    reporter.report(report(command, "failure", "", List.of(message)));
  }

  private SystemReport report(Command command, String status, String details, List<String> errors) {
    String target = command.id();
    if (Command.DESIGNATORS_ID.equals(target) || target.isEmpty()) {
      target = "wlid://cluster-" + clusterName + "/";
    }
    int seq = command.jobTracking().numSeq();
    return new SystemReport(
        customerGuid,
        "Websocket",
        target,
        status,
        command.commandName().wireName(),
        errors,
        Integer.toString(seq),
        seq,
        command.jobTracking().jobId(),
        command.jobTracking().parentId(),
        details,
        clock.instant());
  }
}
