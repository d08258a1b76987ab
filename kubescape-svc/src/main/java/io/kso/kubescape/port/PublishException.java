package io.kso.kubescape.port;

/** A posture report that was not delivered, and why. */
public final class PublishException extends RuntimeException {
  /** Why a report was not delivered. */
  public enum Reason {
    /** The request cannot be sent as given (a customer GUID that is not a UUID, ...). */
    INVALID_REQUEST,
    /** The report file is missing or is not a posture report. */
    UNREADABLE_REPORT,
    /** The backend could not be reached or kept failing (5xx, 429) until the attempts ran out. */
    UNAVAILABLE,
    /** The backend refused a chunk (4xx other than 429); trying again would not help. */
    REJECTED,
    /** The thread was interrupted while sending or waiting to try again. */
    INTERRUPTED
  }

  private final Reason reason;
  private final int chunk;
  private final int attempts;
  private final int status;

  /**
   * @param chunk the number of the chunk that failed, -1 when no chunk was sent
   * @param attempts how many times that chunk was sent
   * @param status the backend's last HTTP status, 0 when it did not answer
   */
  public PublishException(
      Reason reason, String message, int chunk, int attempts, int status, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.chunk = chunk;
    this.attempts = attempts;
    this.status = status;
  }

  public static PublishException of(Reason reason, String message, Throwable cause) {
    return new PublishException(reason, message, -1, 0, 0, cause);
  }

  public Reason reason() {
    return reason;
  }

  public int chunk() {
    return chunk;
  }

  public int attempts() {
    return attempts;
  }

  public int status() {
    return status;
  }
}
