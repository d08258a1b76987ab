package io.kso.kubevuln.service;

/** Why a scan request was refused or a scan failed; mapped once to HTTP by the web adapter. */
public final class ScanException extends RuntimeException {
  public enum Reason {
    /** The request is not one kubevuln can act on (bad JSON, a missing field). */
    INVALID_REQUEST,
    /** Every worker is busy and the queue is full: try again later. */
    QUEUE_FULL,
    /** The scan ran past the configured timeout. */
    TIMED_OUT,
    /** The image could not be read (registry down, refused, hostile or broken image). */
    IMAGE,
    /** There is no vulnerability data to match against. */
    NO_DATA
  }

  private final Reason reason;

  public ScanException(Reason reason, String message) {
    this(reason, message, null);
  }

  public ScanException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
