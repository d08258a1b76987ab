package io.kso.operator.command;

import io.kso.common.job.JobContext;
import io.kso.common.message.Commands;
import io.kso.common.message.NotificationEnvelope;
import io.kso.common.message.WireJson;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Notifications from the gateway: those addressed to the trigger handler ({@code dest} {@code
 * trigger}, or the legacy {@code kubescape}) carry commands, which go through the same checks and
 * queue as REST ones. A notification that cannot be used is logged as a failed job; it never stops
 * the connection.
 */
public final class NotificationIntake {
  private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);
  private static final Set<String> FOR_US =
      Set.of(NotificationEnvelope.DEST_TRIGGER, NotificationEnvelope.DEST_KUBESCAPE);

  /** What became of one notification. */
  public enum Outcome {
    QUEUED,
    NOT_FOR_US,
    REFUSED
  }

  private final CommandValidator validator;
  private final CommandDispatcher dispatcher;

  public NotificationIntake(CommandValidator validator, CommandDispatcher dispatcher) {
    this.validator = validator;
    this.dispatcher = dispatcher;
  }

  public Outcome accept(byte[] frame) {
    try (JobContext job = JobContext.open(null, null)) {
      try {
        NotificationEnvelope envelope = WireJson.read(frame, NotificationEnvelope.class);
        String dest = envelope.target().get(NotificationEnvelope.TARGET_DEST);
        if (dest == null || !FOR_US.contains(dest)) {
          log.atDebug()
              .addKeyValue("dest", envelope.target().get(NotificationEnvelope.TARGET_DEST))
              .log("notification not for the trigger handler");
          return Outcome.NOT_FOR_US;
        }
        Commands commands = WireJson.convert(envelope.notification(), Commands.class);
        validator.validate(commands);
        dispatcher.submit(commands.commands());
        log.atInfo()
            .addKeyValue("commands", commands.commands().toString())
            .log("notification accepted");
        return Outcome.QUEUED;
      } catch (JacksonException e) {
        log.atError()
            .addKeyValue("reason", "MALFORMED_BODY")
            .log("notification refused: " + WireJson.describe(e));
      } catch (CommandException e) {
        log.atError()
            .addKeyValue("reason", e.reason())
            .log("notification refused: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        log.atError()
            .addKeyValue("reason", "MALFORMED_BODY")
            .log("notification refused: " + e.getMessage());
      }
      return Outcome.REFUSED;
    }
  }
}
