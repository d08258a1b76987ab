package io.kso.operator.schedule;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.model.ScheduleKind;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The nine set/update/delete schedule commands. */
public final class ScheduleCommandHandler implements CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(ScheduleCommandHandler.class);

  private final ScheduleService schedules;

  public ScheduleCommandHandler(ScheduleService schedules) {
    this.schedules = schedules;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(
        CommandName.SET_KUBESCAPE_CRON_JOB,
        CommandName.UPDATE_KUBESCAPE_CRON_JOB,
        CommandName.DELETE_KUBESCAPE_CRON_JOB,
        CommandName.SET_VULN_SCAN_CRON_JOB,
        CommandName.UPDATE_VULN_SCAN_CRON_JOB,
        CommandName.DELETE_VULN_SCAN_CRON_JOB,
        CommandName.SET_REGISTRY_SCAN_CRON_JOB,
        CommandName.UPDATE_REGISTRY_SCAN_CRON_JOB,
        CommandName.DELETE_REGISTRY_SCAN_CRON_JOB);
  }

  @Override
  public void handle(Command command) {
    switch (command.commandName()) {
      case SET_KUBESCAPE_CRON_JOB -> created(schedules.createKubescape(command).toString());
      case SET_VULN_SCAN_CRON_JOB -> created(schedules.createVulnerability(command));
      case SET_REGISTRY_SCAN_CRON_JOB -> created(schedules.createRegistry(command));
      case UPDATE_KUBESCAPE_CRON_JOB -> schedules.update(ScheduleKind.KUBESCAPE, command);
      case UPDATE_VULN_SCAN_CRON_JOB -> schedules.update(ScheduleKind.VULNERABILITY, command);
      case UPDATE_REGISTRY_SCAN_CRON_JOB -> schedules.update(ScheduleKind.REGISTRY, command);
      case DELETE_KUBESCAPE_CRON_JOB -> schedules.delete(ScheduleKind.KUBESCAPE, command);
      case DELETE_VULN_SCAN_CRON_JOB -> schedules.delete(ScheduleKind.VULNERABILITY, command);
      case DELETE_REGISTRY_SCAN_CRON_JOB -> schedules.delete(ScheduleKind.REGISTRY, command);
      default ->
          throw new IllegalArgumentException("not a schedule command: " + command.commandName());
    }
  }

  private static void created(String names) {
    log.atInfo().addKeyValue("cronJobs", names).log("scheduled scan created");
  }
}
