package io.kso.httprequest;

/**
 * The process exit codes of http-request; each failure kind has its own so a Job's status says what
 * went wrong.
 */
public enum ExitCode {
  OK(0),
  /** The server answered with a status outside 2xx. */
  HTTP_STATUS(1),
  /** Bad or missing flags. */
  USAGE(2),
  /** The body file could not be read. */
  BODY_FILE(3),
  /**
   * No answer: connection refused or reset, unknown host, TLS failure, timeout (after the retries).
   */
  TRANSPORT(4),
  /** The answer was 2xx but the output file could not be written. */
  OUTPUT_FILE(5),
  /** A bug in http-request itself; the stack trace is on stderr. */
  INTERNAL(70);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
