package io.kso.operator.command;

/** A command the operator refuses, with the reason in domain terms. */
public class CommandException extends RuntimeException {
  /** Why a command was refused; each maps to one HTTP status at the web edge. */
  public enum Reason {
    /** The body is not a Commands document. */
    MALFORMED_BODY,
    /** The command name is one the operator does not handle. */
    UNSUPPORTED_COMMAND,
    /** A required argument is absent. */
    MISSING_ARGUMENT,
    /** An argument is present but wrong: a bad cron expression, an invalid name, a bad type. */
    INVALID_ARGUMENT,
    /** Every worker is busy and the queue is full: try again later. */
    OVERLOADED
  }

  private final Reason reason;

  public CommandException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
