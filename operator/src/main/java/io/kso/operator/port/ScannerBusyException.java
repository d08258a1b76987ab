package io.kso.operator.port;

import java.time.Duration;

/** The scanner cannot take the request now and says when to try again (503 + Retry-After). */
public class ScannerBusyException extends ScannerException {
  private final Duration retryAfter;

  public ScannerBusyException(String message, Duration retryAfter) {
    super(message, null);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
