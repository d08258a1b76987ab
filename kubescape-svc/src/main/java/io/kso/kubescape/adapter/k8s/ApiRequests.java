package io.kso.kubescape.adapter.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;

/**
 * GET requests to the API server through the client's own HTTP client (its authentication, TLS and
 * interceptors), with bodies read as streams. Each request is bounded: the connection and headers
 * by the request timeout, the body by a watchdog that closes the stream when the timeout has passed
 * since the headers arrived.
 */
final class ApiRequests {
  /** Reads a successful answer's body. */
  interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  private final HttpClient http;
  private final String base;
  private final long timeoutMillis;
  private final int retries;
  private final ScheduledExecutorService watchdog;

  ApiRequests(
      KubernetesClient client, ClusterReadOptions options, ScheduledExecutorService watchdog) {
    this.http =
        client
            .getHttpClient()
            .newBuilder()
            .tag(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(options.retries())
                    .build())
            .build();
    String url = client.getMasterUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeoutMillis = options.requestTimeout().toMillis();
    this.retries = options.retries();
    this.watchdog = watchdog;
  }

  String base() {
    return base;
  }

  <T> T get(String path, BodyReader<T> reader) throws ApiFailure {
    HttpResponse<InputStream> response = send(path);
    try (InputStream body = response.body()) {
      if (!response.isSuccessful()) {
        throw ApiFailure.status(response.code(), detail(body));
      }
      return readBounded(body, reader);
    } catch (IOException e) {
      throw ApiFailure.unreachable(path + ": " + e.getMessage(), e);
    }
  }

  private HttpResponse<InputStream> send(String path) throws ApiFailure {
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(base + path)
            .header("Accept", "application/json")
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .build();
    CompletableFuture<HttpResponse<InputStream>> answer =
        http.sendAsync(request, InputStream.class);
    try {
      // Each attempt is bounded by the request timeout; this bounds them all and their backoff.
      return answer.get(timeoutMillis * (retries + 2), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw ApiFailure.unreachable(base + ": " + describe(cause), cause);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw ApiFailure.unreachable(base + ": no answer within " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw ApiFailure.unreachable("interrupted", e);
    }
  }

  private <T> T readBounded(InputStream body, BodyReader<T> reader) throws ApiFailure {
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> guard =
        watchdog.schedule(
            () -> {
              expired.set(true);
              closeQuietly(body);
            },
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    try {
      return reader.read(body);
    } catch (IOException | JacksonIOException e) {
      String why = expired.get() ? "body not read within " + timeoutMillis + " ms" : describe(e);
      throw ApiFailure.unreachable(why, e);
    } catch (JacksonException e) {
      throw ApiFailure.malformed(e.getOriginalMessage(), e);
    } finally {
      guard.cancel(false);
    }
  }

  /** The message of a Status answer; "" when there is none. */
  private static String detail(InputStream body) {
    try {
      Object message = ApiJson.readMap(body).get("message");
      return message instanceof String m ? m : "";
    } catch (IOException | JacksonException e) {
      return "";
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // closing is all the watchdog can do
    }
  }
}
