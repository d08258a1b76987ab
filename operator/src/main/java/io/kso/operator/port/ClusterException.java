package io.kso.operator.port;

/** The Kubernetes API refused or could not be reached; the adapter says which. */
public class ClusterException extends RuntimeException {
  public enum Reason {
    UNREACHABLE,
    FORBIDDEN,
    CONFLICT,
    INVALID,
    OTHER
  }

  private final Reason reason;

  public ClusterException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
