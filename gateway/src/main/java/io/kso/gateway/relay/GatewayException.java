package io.kso.gateway.relay;

import java.util.List;

/** A notification the gateway cannot route, or a synchronous delivery that failed. */
public final class GatewayException extends RuntimeException {
  public enum Reason {
    /** The body is empty, not JSON, or not an envelope object. */
    BAD_ENVELOPE,
    /** The envelope has no {@code target}, or an empty one. */
    MISSING_TARGET,
    /** With {@code sendSynchronicity}, writing to one or more receivers failed. */
    DELIVERY_FAILED
  }

  private final Reason reason;
  private final List<String> failures;

  public GatewayException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public GatewayException(Reason reason, String message, List<String> failures) {
    super(message, null, false, false);
    this.reason = reason;
    this.failures = List.copyOf(failures);
  }

  public Reason reason() {
    return reason;
  }

  public List<String> failures() {
    return failures;
  }
}
