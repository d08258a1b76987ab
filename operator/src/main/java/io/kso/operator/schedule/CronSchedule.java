package io.kso.operator.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;

/**
 * Checks schedules the way a Kubernetes CronJob reads them: five-field UNIX cron, or one of the
 * macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}.
 */
public final class CronSchedule {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final java.util.Set<String> MACROS =
      java.util.Set.of(
          "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private CronSchedule() {}

  /** Empty when valid, else why not. */
  public static Optional<String> problem(String schedule) {
    String s = schedule.strip();
    if (MACROS.contains(s)) {
      return Optional.empty();
    }
    if (s.split("\\s+").length != 5) {
      return Optional.of(
          "'"
              + schedule
              + "' is not a cron schedule: it needs five fields (minute hour day-of-month month day-of-week)");
    }
    try {
      UNIX.parse(s).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("'" + schedule + "' is not a cron schedule: " + e.getMessage());
    }
  }
}
