package io.kso.httprequest;

/** A request that did not end in a 2xx answer; the message is the one line printed on stderr. */
public final class HttpRequestException extends RuntimeException {
  private final ExitCode exitCode;

  public HttpRequestException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
