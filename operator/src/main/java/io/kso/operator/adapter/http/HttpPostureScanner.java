package io.kso.operator.adapter.http;

import io.kso.common.message.KubescapeResponse;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.PostureScanner;
import io.kso.operator.port.ScannerException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;

/** kubescape-svc over HTTP: {@code POST /v1/scan?keep=false} and {@code GET /v1/status?ID=}. */
public final class HttpPostureScanner implements PostureScanner {
  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  /**
   * @param hostPort the cluster configuration's {@code kubescapeURL}, e.g. {@code kubescape:8080}
   */
  public HttpPostureScanner(HttpClient http, String hostPort, Duration timeout) {
    this.http = http;
    this.base = URI.create(hostPort.contains("://") ? hostPort : "http://" + hostPort);
    this.timeout = timeout;
  }

  @Override
  public ScanState start(PostScanRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(base.resolve("/v1/scan?keep=false"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(request)))
            .build();
    return state(send(post));
  }

  @Override
  public ScanState status(String scanId) {
    String query = "/v1/status?ID=" + URLEncoder.encode(scanId, StandardCharsets.UTF_8);
    return state(send(HttpRequest.newBuilder(base.resolve(query)).timeout(timeout).GET().build()));
  }

  private KubescapeResponse send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw new ScannerException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8),
            null);
      }
      return WireJson.read(response.body(), KubescapeResponse.class);
    } catch (IOException e) {
      throw new ScannerException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (JacksonException e) {
      throw new ScannerException(
          request.uri()
              + " answered something that is not a kubescape response: "
              + WireJson.describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScannerException("interrupted", e);
    }
  }

  private static ScanState state(KubescapeResponse response) {
    if (KubescapeResponse.TYPE_ERROR.equals(response.type())) {
      throw new ScannerException("kubescape refused the scan: " + response.response(), null);
    }
    return new ScanState(
        response.id(),
        KubescapeResponse.TYPE_BUSY.equals(response.type()),
        String.valueOf(response.response()));
  }
}
