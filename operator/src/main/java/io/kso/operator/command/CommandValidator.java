package io.kso.operator.command;

import static io.kso.operator.command.CommandException.Reason.INVALID_ARGUMENT;
import static io.kso.operator.command.CommandException.Reason.MISSING_ARGUMENT;
import static io.kso.operator.command.CommandException.Reason.UNSUPPORTED_COMMAND;

import io.kso.common.k8s.ResourceNames;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.Commands;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.RegistryInfo;
import io.kso.operator.schedule.CronSchedule;
import java.util.List;

/**
 * Checks commands before anything is done, so that a bad request is refused as a whole and nothing
 * is created. What it accepts, the handlers can run without re-checking their arguments.
 */
public final class CommandValidator {

  public void validate(Commands commands) {
    if (commands.commands().isEmpty()) {
      throw new CommandException(MISSING_ARGUMENT, "commands: at least one command is needed");
    }
    List<Command> list = commands.commands();
    for (int i = 0; i < list.size(); i++) {
      try {
        validate(list.get(i));
      } catch (CommandException e) {
        throw new CommandException(e.reason(), "commands[" + i + "]: " + e.getMessage());
      }
    }
  }

  void validate(Command command) {
    CommandName name = command.commandName();
    if (name == null) {
      throw new CommandException(MISSING_ARGUMENT, "commandName is missing");
    }
    CommandArguments args = new CommandArguments(command);
    switch (name) {
      // As in the original: scanV1 goes to kubescape-svc as it is, and a scan without one fails
      // in its job ("request not found", reported to the event receiver), not here.
      case KUBESCAPE_SCAN, RUN_KUBESCAPE_JOB -> args.scanRequest();
      case SET_KUBESCAPE_CRON_JOB -> {
        scanRequest(args);
        optionalSchedule(args);
      }
      case UPDATE_KUBESCAPE_CRON_JOB, UPDATE_REGISTRY_SCAN_CRON_JOB -> {
        jobName(args);
        optionalSchedule(args);
      }
      case DELETE_KUBESCAPE_CRON_JOB, DELETE_VULN_SCAN_CRON_JOB, DELETE_REGISTRY_SCAN_CRON_JOB ->
          jobName(args);
      case SET_VULN_SCAN_CRON_JOB -> requiredSchedule(args);
      case UPDATE_VULN_SCAN_CRON_JOB -> {
        jobName(args);
        requiredSchedule(args);
      }
      case SET_REGISTRY_SCAN_CRON_JOB -> {
        registry(args);
        requiredSchedule(args);
      }
      case SCAN_REGISTRY, TEST_REGISTRY_CONNECTIVITY -> registry(args);
      case SCAN -> scope(command);
      case CALCULATE_SBOM, VALIDATE_RULES, EXEC_POSTURE_SCAN, UPDATE_RULES ->
          throw new CommandException(
              UNSUPPORTED_COMMAND,
              "command '" + name + "' is defined but not handled by this operator");
    }
  }

  private static void scanRequest(CommandArguments args) {
    PostScanRequest scan =
        args.scanRequest()
            .orElseThrow(() -> new CommandException(MISSING_ARGUMENT, "args.scanV1 is missing"));
    boolean names = scan.targetNames() != null && !scan.targetNames().isEmpty();
    boolean type = scan.targetType() != null && !scan.targetType().isBlank();
    if (names && !type) {
      throw new CommandException(
          INVALID_ARGUMENT, "args.scanV1.targetNames given without targetType");
    }
  }

  private static void jobName(CommandArguments args) {
    String name =
        args.jobName()
            .orElseThrow(
                () -> new CommandException(MISSING_ARGUMENT, "args.jobParams.name is missing"));
    if (!ResourceNames.isValidCronJobName(name)) {
      throw new CommandException(
          INVALID_ARGUMENT,
          "args.jobParams.name '"
              + name
              + "' is not a CronJob name (lower-case letters, digits and '-', at most 52)");
    }
  }

  private static void optionalSchedule(CommandArguments args) {
    args.schedule().ifPresent(CommandValidator::checkSchedule);
  }

  private static void requiredSchedule(CommandArguments args) {
    checkSchedule(
        args.schedule()
            .orElseThrow(
                () ->
                    new CommandException(
                        MISSING_ARGUMENT, "args.jobParams.cronTabSchedule is missing")));
  }

  private static void checkSchedule(String schedule) {
    CronSchedule.problem(schedule)
        .ifPresent(
            problem -> {
              throw new CommandException(
                  INVALID_ARGUMENT, "args.jobParams.cronTabSchedule: " + problem);
            });
  }

  private static void registry(CommandArguments args) {
    RegistryInfo info =
        args.registryInfo()
            .orElseThrow(
                () -> new CommandException(MISSING_ARGUMENT, "args.registryInfo-v1 is missing"));
    if (info.registryName() == null || info.registryName().isBlank()) {
      throw new CommandException(MISSING_ARGUMENT, "args.registryInfo-v1.registryName is missing");
    }
  }

  private static void scope(Command command) {
    if (command.id().isEmpty()) {
      throw new CommandException(MISSING_ARGUMENT, "scan needs a wlid, a wildWlid or designators");
    }
  }
}
