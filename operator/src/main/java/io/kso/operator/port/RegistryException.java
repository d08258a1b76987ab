package io.kso.operator.port;

/** A container registry could not be read; the reason says which step to blame. */
public final class RegistryException extends RuntimeException {
  public enum Reason {
    /** No connection, a timeout, or a TLS failure. */
    UNREACHABLE,
    /** The registry refused the credentials, or wants some and none were given. */
    UNAUTHORIZED,
    /** The registry answered, but not as the distribution API says. */
    PROTOCOL
  }

  private final Reason reason;

  public RegistryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
