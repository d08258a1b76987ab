package io.kso.operator.adapter.http;

import io.kso.common.message.KubescapeResponse;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.PostureScanner;
import io.kso.operator.port.ScannerBusyException;
import io.kso.operator.port.ScannerException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;

/**
 * kubescape-svc over HTTP: {@code HEAD /readyz}, {@code POST /v1/scan?keep=false} with the request
 * as its JSON body, and {@code GET /v1/status?ID=}. A 503 with {@code Retry-After} is a {@link
 * ScannerBusyException}; any other answer outside 2xx, an {@code error} response, or no answer is a
 * {@link ScannerException} that names what was sent and what came back.
 */
public final class HttpPostureScanner implements PostureScanner {
  static final String SCAN = "/v1/scan?keep=false";
  static final String STATUS = "/v1/status?ID=";
  static final String READY = "/readyz";
  private static final int BODY_IN_MESSAGE = 300;

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param hostPort the cluster configuration's {@code kubescapeURL}, e.g. {@code kubescape:8080}
   */
  public HttpPostureScanner(HttpClient http, String hostPort, Duration timeout) {
    this(http, hostPort, timeout, Clock.systemUTC());
  }

  HttpPostureScanner(HttpClient http, String hostPort, Duration timeout, Clock clock) {
    this.http = http;
    this.base = URI.create(hostPort.contains("://") ? hostPort : "http://" + hostPort);
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public boolean ready() {
    HttpRequest head =
        HttpRequest.newBuilder(base.resolve(READY))
            .timeout(timeout)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      int status = http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status <= 203;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public ScanState start(PostScanRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(base.resolve(SCAN))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(request)))
            .build();
    return state(send(post));
  }

  @Override
  public ScanState status(String scanId) {
    String query = STATUS + URLEncoder.encode(scanId, StandardCharsets.UTF_8);
    return state(send(HttpRequest.newBuilder(base.resolve(query)).timeout(timeout).GET().build()));
  }

  private KubescapeResponse send(HttpRequest request) {
    String call = request.method() + " " + request.uri().getRawPath();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ScannerException(
          "kubescape-svc at " + base.getAuthority() + " cannot be reached (" + call + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScannerException("interrupted while waiting for kubescape-svc (" + call + ")", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String answer = "kubescape-svc answered " + status + " to " + call + ": " + excerpt(response);
      Duration retryAfter =
          status == 503
              ? retryAfter(
                  response.headers().firstValue("Retry-After").orElse(null), clock.instant())
              : null;
      throw retryAfter == null
          ? new ScannerException(answer, null)
          : new ScannerBusyException(answer, retryAfter);
    }
    try {
      return WireJson.read(response.body(), KubescapeResponse.class);
    } catch (JacksonException e) {
      throw new ScannerException(
          "kubescape-svc answered "
              + call
              + " with something that is not a kubescape response: "
              + WireJson.describe(e),
          e);
    }
  }

  private static ScanState state(KubescapeResponse response) {
    if (KubescapeResponse.TYPE_ERROR.equals(response.type())) {
      throw new ScannerException(
          "Kubescape scanID '" + response.id() + "' returned an error: " + response.response(),
          null);
    }
    return new ScanState(
        response.id(),
        KubescapeResponse.TYPE_BUSY.equals(response.type()),
        response.response() == null ? "" : String.valueOf(response.response()));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; null when absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String excerpt(HttpResponse<byte[]> response) {
    String body = new String(response.body(), StandardCharsets.UTF_8).strip();
    return body.length() <= BODY_IN_MESSAGE ? body : body.substring(0, BODY_IN_MESSAGE) + "…";
  }
}
