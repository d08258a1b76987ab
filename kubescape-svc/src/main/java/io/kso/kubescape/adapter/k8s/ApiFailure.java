package io.kso.kubescape.adapter.k8s;

/**
 * A request that gave no usable answer. {@link #unreachable()} failures (no connection, no answer
 * in time, a 5xx) say nothing about the kind and everything about the server; the others (403, 404,
 * a malformed body) are about the kind.
 */
final class ApiFailure extends Exception {
  private final int code;
  private final boolean unreachable;

  private ApiFailure(String message, int code, boolean unreachable, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.unreachable = unreachable;
  }

  static ApiFailure status(int code, String detail) {
    String what =
        switch (code) {
          case 401 -> "unauthorized (401)";
          case 403 -> "forbidden (403)";
          case 404 -> "not served by this API server (404)";
          case 410 -> "list expired (410 Gone)";
          default ->
              code >= 500
                  ? "server error (" + code + ")"
                  : "HTTP " + code + (detail.isEmpty() ? "" : ": " + detail);
        };
    return new ApiFailure(what, code, code >= 500, null);
  }

  /** A second 410 after the listing was restarted from the start. */
  static ApiFailure expiredAgain() {
    return new ApiFailure("list expired again after a restart (410 Gone)", 410, false, null);
  }

  static ApiFailure unreachable(String message, Throwable cause) {
    return new ApiFailure(message, 0, true, cause);
  }

  static ApiFailure malformed(String message, Throwable cause) {
    return new ApiFailure("unreadable answer: " + message, 0, false, cause);
  }

  /** The HTTP status, 0 when there was no answer. */
  int code() {
    return code;
  }

  boolean unreachable() {
    return unreachable;
  }
}
