package io.kso.httprequest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * One request to make, already validated.
 *
 * @param bodyFile file whose bytes are the request body, or {@code null} for no body
 * @param outputFile file the 2xx answer's body is written to, or {@code null}
 */
public record RequestSpec(
    Method method,
    URI uri,
    List<Header> headers,
    Path bodyFile,
    Path outputFile,
    Transport transport) {

  public enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE
  }

  /**
   * How hard to try.
   *
   * @param timeout bound on one attempt (connect, send, and wait for the whole answer)
   * @param retries further attempts after a transport failure or timeout (never after an HTTP
   *     status)
   * @param retryBackoff wait before the first retry; doubled before each next one
   * @param insecureTls accept any server certificate and host name
   */
  public record Transport(
      Duration timeout, int retries, Duration retryBackoff, boolean insecureTls) {
    public static final int MAX_RETRIES = 10;
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    public Transport {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (retries < 0 || retries > MAX_RETRIES) {
        throw new IllegalArgumentException(
            "retries must be 0.." + MAX_RETRIES + ", got " + retries);
      }
      if (retryBackoff.isNegative()) {
        throw new IllegalArgumentException(
            "retry backoff must not be negative, got " + retryBackoff);
      }
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): backoff, 2×, 4×, … capped at 5 s.
     */
    public Duration backoffAfter(int attempt) {
      Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
      return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
  }

  public RequestSpec {
    headers = List.copyOf(headers);
  }

  /** {@code POST http://host/path}, as error messages start; sensitive query values are masked. */
  public String label() {
    return method + " " + displayUri();
  }

  /** The one line printed before sending: method, URL, headers (secrets masked), body size. */
  public String describe(long bodyBytes) {
    StringJoiner names = new StringJoiner(", ", "[", "]");
    headers.forEach(h -> names.add(h.toString()));
    String body = bodyFile == null ? "none" : bodyBytes + " bytes from " + bodyFile;
    return label() + " headers=" + names + " body=" + body;
  }

  private String displayUri() {
    String query = uri.getRawQuery();
    if (query == null) {
      return uri.toString();
    }
    StringJoiner masked = new StringJoiner("&");
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      boolean secret = eq > 0 && Header.isSensitive(pair.substring(0, eq));
      masked.add(secret ? pair.substring(0, eq + 1) + "***" : pair);
    }
    String full = uri.toString();
    return full.substring(0, full.indexOf('?') + 1) + masked;
  }
}
