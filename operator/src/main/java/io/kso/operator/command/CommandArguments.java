package io.kso.operator.command;

import io.kso.common.message.Command;
import io.kso.common.message.CommandArgs;
import io.kso.common.message.CronJobParams;
import io.kso.common.message.PortalDesignator;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.RegistryInfo;
import io.kso.common.message.WireJson;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** Typed views of a command's loosely typed {@code args}, with the original lookup order. */
public final class CommandArguments {
  private final Command command;

  public CommandArguments(Command command) {
    this.command = command;
  }

  /** {@code args.jobParams}, else the legacy {@code args.kubescapeJobParams}. */
  public Optional<CronJobParams> jobParams() {
    return typed(CommandArgs.JOB_PARAMS, CronJobParams.class)
        .or(() -> typed(CommandArgs.KUBESCAPE_JOB_PARAMS, CronJobParams.class));
  }

  /**
   * The schedule: {@code jobParams.cronTabSchedule}, then {@code args.cronTabSchedule}, then the
   * first designator's {@code cronTabSchedule} attribute.
   */
  public Optional<String> schedule() {
    return jobParams()
        .map(CronJobParams::cronTabSchedule)
        .filter(s -> !s.isBlank())
        .or(() -> text(command.args().get(CommandArgs.CRON_TAB_SCHEDULE)))
        .or(
            () ->
                command.designators().stream()
                    .findFirst()
                    .map(PortalDesignator::attributes)
                    .flatMap(a -> text(a.get(CommandArgs.CRON_TAB_SCHEDULE))));
  }

  public Optional<String> jobName() {
    return jobParams().map(CronJobParams::name).filter(n -> !n.isBlank());
  }

  public Optional<PostScanRequest> scanRequest() {
    return typed(CommandArgs.SCAN_V1, PostScanRequest.class);
  }

  public Optional<RegistryInfo> registryInfo() {
    return typed(CommandArgs.REGISTRY_INFO, RegistryInfo.class);
  }

  private <T> Optional<T> typed(String key, Class<T> type) {
    Object value = command.args().get(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireJson.convert(value, type));
    } catch (JacksonException e) {
      throw new CommandException(
          CommandException.Reason.INVALID_ARGUMENT, "args." + key + ": " + WireJson.describe(e));
    }
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
