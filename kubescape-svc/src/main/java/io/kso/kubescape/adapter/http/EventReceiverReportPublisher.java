package io.kso.kubescape.adapter.http;

import io.kso.kubescape.port.PublishException;
import io.kso.kubescape.port.PublishException.Reason;
import io.kso.kubescape.port.PublishRequest;
import io.kso.kubescape.port.ReportPublisher;
import io.kso.kubescape.posture.PostureReportChunks;
import io.kso.kubescape.posture.PostureReportChunks.Chunk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends posture reports to the event receiver the way Kubescape's reporter does
 * (kubescape/kubescape {@code core/pkg/resultshandling/reporter/v2/reporteventreceiver.go} and
 * {@code reporteventreceiverutils.go}, v2.9.0; kubescape/backend {@code pkg/client/v1} later).
 *
 * <p><b>Target.</b> {@code POST {eventReceiverRestURL}/k8s/v2/postureReport?clusterName=C
 * &contextName=C&customerGUID=G&reportGUID=R}: the parameters in Go's {@code url.Values.Encode}
 * order (sorted by name) and escaping ({@code QueryEscape}). {@code customerGUID} is the account in
 * canonical lower-case UUID form ({@code uuid.MustParse(...).String()}); the cluster name is
 * "adopted" first, every run of characters other than letters, digits and {@code _} becoming {@code
 * -} ({@code cautils.AdoptClusterName}); Kubescape sends that one name as both {@code clusterName}
 * and {@code contextName}, we send the request's context name (by default the cluster name) as
 * {@code contextName}. Kubescape sends no {@code clusterUID} or {@code jobID} parameter.
 *
 * <p><b>Body.</b> One PostureReport v2 document per chunk, cut by {@link PostureReportChunks}: the
 * same envelope in every chunk ({@code customerGUID}, {@code clusterName}, {@code reportGUID},
 * {@code jobID}, {@code generationTime}, the whole {@code summaryDetails}, {@code metadata}), the
 * items of {@code resources} then {@code results}, each chunk's items under {@link
 * EventReceiverOptions#maxChunkBytes()} (Kubescape: 2 MiB), and {@code paginationInfo} {@code
 * {"chunkNumber": n, "isLastChunk": b}} (Go's {@code ReportNumber}/{@code IsLastReport}), numbered
 * from 0, sent in order, one at a time. Kubescape leaves {@code jobID} empty; we fill it from the
 * request.
 *
 * <p><b>Headers.</b> {@code Content-Type: application/json}, and {@code X-API-KEY} when an access
 * key is configured (kubescape/backend's client; v2.9.0 sent neither and relied on the {@code
 * customerGUID} parameter).
 *
 * <p><b>Failures.</b> Kubescape sends each chunk once, without a timeout, and gives up on the first
 * error (status outside 2xx or no answer). Here a chunk that gets no answer, a 5xx or a 429 is sent
 * again after a backoff that doubles from {@link EventReceiverOptions.Retry#initialBackoff()} up to
 * {@link EventReceiverOptions.Retry#maxBackoff()} (or the {@code Retry-After} seconds, when
 * longer), up to {@link EventReceiverOptions.Retry#maxAttempts()} times; then {@link
 * Reason#UNAVAILABLE}. Any other 4xx is not retried: {@link Reason#REJECTED}. Chunks delivered
 * before a failure are not taken back.
 *
 * <p>The access key is never logged, nor put in an exception.
 */
public final class EventReceiverReportPublisher implements ReportPublisher {
  static final String ACCESS_KEY_HEADER = "X-API-KEY";

  private static final Logger log = LoggerFactory.getLogger(EventReceiverReportPublisher.class);

  /** Waits between attempts; tests give one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient http;
  private final EventReceiverOptions options;
  private final Sleeper sleeper;

  public EventReceiverReportPublisher(HttpClient http, EventReceiverOptions options) {
    this(http, options, d -> Thread.sleep(d.toMillis()));
  }

  EventReceiverReportPublisher(HttpClient http, EventReceiverOptions options, Sleeper sleeper) {
    this.http = http;
    this.options = options;
    this.sleeper = sleeper;
  }

  @Override
  public void publish(PublishRequest request) {
    PublishRequest adopted = PostureReportUrl.adopt(request);
    URI target = PostureReportUrl.of(options.eventReceiverUrl(), adopted);
    PostureReportChunks.Totals totals =
        PostureReportChunks.split(
            adopted, options.maxChunkBytes(), chunk -> send(target, adopted, chunk));
    log.atInfo()
        .addKeyValue("reportId", request.reportId())
        .addKeyValue("jobId", request.jobId())
        .addKeyValue("chunks", totals.chunks())
        .addKeyValue("resources", totals.resources())
        .addKeyValue("results", totals.results())
        .addKeyValue("bytes", totals.bytes())
        .log("posture report delivered to the event receiver");
  }

  private void send(URI target, PublishRequest r, Chunk chunk) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(chunk.body()));
    if (!options.accessKey().isEmpty()) {
      b.header(ACCESS_KEY_HEADER, options.accessKey());
    }
    HttpRequest request = b.build();
    EventReceiverOptions.Retry retry = options.retry();
    for (int attempt = 1; ; attempt++) {
      Attempt a = attempt(request, r, chunk, attempt);
      if (a.delivered()) {
        return;
      }
      if (attempt >= retry.maxAttempts()) {
        throw new PublishException(
            Reason.UNAVAILABLE,
            "chunk %d of report %s not delivered to the event receiver after %d attempts: %s"
                .formatted(chunk.number(), r.reportId(), attempt, a.problem()),
            chunk.number(),
            attempt,
            a.status(),
            a.error());
      }
      Duration wait = retry.backoff(attempt, a.retryAfter());
      log.atInfo()
          .addKeyValue("reportId", r.reportId())
          .addKeyValue("jobId", r.jobId())
          .addKeyValue("chunk", chunk.number())
          .addKeyValue("attempt", attempt)
          .addKeyValue("problem", a.problem())
          .addKeyValue("retryIn", wait.toString())
          .log("posture report chunk not delivered, trying again");
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(r, chunk, attempt, e);
      }
    }
  }

  /** One send: delivered, or a transient problem; a refusal is thrown. */
  private Attempt attempt(HttpRequest request, PublishRequest r, Chunk chunk, int attempt) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Attempt(0, e, null);
    } catch (InterruptedException e) {
      throw interrupted(r, chunk, attempt, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      log.atDebug()
          .addKeyValue("reportId", r.reportId())
          .addKeyValue("jobId", r.jobId())
          .addKeyValue("chunk", chunk.number())
          .addKeyValue("last", chunk.last())
          .addKeyValue("bytes", chunk.body().length)
          .log("posture report chunk delivered");
      return new Attempt(status, null, null);
    }
    if (status != 429 && status / 100 != 5) {
      throw new PublishException(
          Reason.REJECTED,
          "the event receiver refused chunk %d of report %s: HTTP %d %s"
              .formatted(chunk.number(), r.reportId(), status, snippet(response.body())),
          chunk.number(),
          attempt,
          status,
          null);
    }
    return new Attempt(status, null, retryAfter(response));
  }

  /** How one send ended; {@code retryAfter} is null unless the server asked for a wait. */
  private record Attempt(int status, IOException error, Duration retryAfter) {
    boolean delivered() {
      return error == null && status / 100 == 2;
    }

    String problem() {
      return error != null ? error.toString() : "HTTP " + status;
    }
  }

  /** {@code Retry-After} in seconds; an HTTP date is ignored. */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::trim)
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  private static String snippet(String body) {
    String s = body == null ? "" : body.strip();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static PublishException interrupted(
      PublishRequest r, Chunk chunk, int attempt, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new PublishException(
        Reason.INTERRUPTED,
        "interrupted while sending chunk %d of report %s".formatted(chunk.number(), r.reportId()),
        chunk.number(),
        attempt,
        0,
        e);
  }
}
