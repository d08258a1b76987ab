package io.kso.kubescape.posture;

import java.time.Duration;

/** Why the posture service refused or could not finish a request. */
public final class PostureServiceException extends RuntimeException {
  /** The reasons, each mapped once to an HTTP status by the web adapter. */
  public enum Reason {
    /** The request does not parse or names what the bundle does not hold. */
    BAD_REQUEST,
    /** The request body exceeds the service's limit. */
    TOO_LARGE,
    /** The queue is full: try again after {@link #retryAfter()}. */
    QUEUE_FULL,
    /** No scan has run yet, or no such scan is known. */
    NOT_FOUND,
    /** The scan ran and failed. */
    SCAN_FAILED
  }

  private final Reason reason;
  private final Duration retryAfter;

  public PostureServiceException(Reason reason, String message) {
    this(reason, message, Duration.ZERO);
  }

  public PostureServiceException(Reason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
