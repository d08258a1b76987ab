package io.kso.common.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs a JSON body with a bounded number of attempts, waiting {@code retryDelay} times the attempt
 * number between them: the one retry loop of the suite's HTTP clients (the operator towards
 * kubevuln and the event receiver, kubevuln towards the event receiver).
 */
public final class JsonPost {
  /** Which failures are worth another attempt. */
  public enum RetryOn {
    /** Only a refused connection (the peer restarting); an answer or another error ends it. */
    REFUSED_CONNECTION,
    /** Any I/O error and any answer outside 2xx. */
    ANY_FAILURE
  }

  /** How the last attempt ended: an answer, or the error that kept it from one. */
  public record Outcome(int status, String body, IOException error, int attempts) {
    public boolean answered() {
      return error == null;
    }

    public boolean succeeded() {
      return answered() && status / 100 == 2;
    }

    /** One line for a log or an exception: the answer's status, or the error. */
    public String problem() {
      return answered() ? "answered " + status : error.toString();
    }
  }

  private final HttpClient http;
  private final int attempts;
  private final Duration retryDelay;
  private final Duration timeout;

  public JsonPost(HttpClient http, int attempts, Duration retryDelay, Duration timeout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    this.http = http;
    this.attempts = attempts;
    this.retryDelay = retryDelay;
    this.timeout = timeout;
  }

  /**
   * @throws InterruptedException when interrupted while sending or waiting to try again
   */
  public Outcome send(URI target, byte[] json, RetryOn retryOn) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    for (int attempt = 1; ; attempt++) {
      Outcome outcome = attempt(request, attempt);
      if (outcome.succeeded() || attempt >= attempts || !worthRetrying(outcome, retryOn)) {
        return outcome;
      }
      Thread.sleep(retryDelay.toMillis() * attempt);
    }
  }

  private Outcome attempt(HttpRequest request, int attempt) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Outcome(response.statusCode(), response.body(), null, attempt);
    } catch (IOException e) {
      return new Outcome(0, "", e, attempt);
    }
  }

  private static boolean worthRetrying(Outcome outcome, RetryOn retryOn) {
    return switch (retryOn) {
      case ANY_FAILURE -> true;
      case REFUSED_CONNECTION -> outcome.error() instanceof ConnectException;
    };
  }
}
