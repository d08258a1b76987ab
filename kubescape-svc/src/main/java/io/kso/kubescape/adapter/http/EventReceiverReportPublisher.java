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
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
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
 * Options#maxChunkBytes()} (Kubescape: 2 MiB), and {@code paginationInfo} {@code {"chunkNumber": n,
 * "isLastChunk": b}} (Go's {@code ReportNumber}/{@code IsLastReport}), numbered from 0, sent in
 * order, one at a time. Kubescape leaves {@code jobID} empty; we fill it from the request.
 *
 * <p><b>Headers.</b> {@code Content-Type: application/json}, and {@code X-API-KEY} when an access
 * key is configured (kubescape/backend's client; v2.9.0 sent neither and relied on the {@code
 * customerGUID} parameter).
 *
 * <p><b>Failures.</b> Kubescape sends each chunk once, without a timeout, and gives up on the first
 * error (status outside 2xx or no answer). Here a chunk that gets no answer, a 5xx or a 429 is sent
 * again after a backoff that doubles from {@link Retry#initialBackoff()} up to {@link
 * Retry#maxBackoff()} (or the {@code Retry-After} seconds, when longer), up to {@link
 * Retry#maxAttempts()} times; then {@link Reason#UNAVAILABLE}. Any other 4xx is not retried: {@link
 * Reason#REJECTED}. Chunks already delivered stay delivered; the receiver completes a report only
 * with its {@code isLastChunk}.
 *
 * <p>The access key is never logged, nor put in an exception.
 */
public final class EventReceiverReportPublisher implements ReportPublisher {
  public static final String PATH = "/k8s/v2/postureReport";
  static final String ACCESS_KEY_HEADER = "X-API-KEY";

  private static final Logger log = LoggerFactory.getLogger(EventReceiverReportPublisher.class);
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NOT_WORD = Pattern.compile("[^A-Za-z0-9_]+");

  /**
   * Where and how to send.
   *
   * @param eventReceiverUrl the event receiver's REST base, {@code eventReceiverRestURL} of the
   *     cloud config ({@code http://} is assumed when it names no scheme)
   * @param accessKey sent as {@code X-API-KEY}; empty for none
   * @param maxChunkBytes the bytes of items one chunk may hold (Kubescape: 2 MiB)
   * @param requestTimeout how long one attempt may take
   */
  public record Options(
      URI eventReceiverUrl,
      String accessKey,
      int maxChunkBytes,
      Retry retry,
      Duration requestTimeout) {

    public Options {
      Objects.requireNonNull(eventReceiverUrl, "eventReceiverUrl");
      accessKey = accessKey == null ? "" : accessKey;
      if (maxChunkBytes < 1) {
        throw new IllegalArgumentException("maxChunkBytes must be positive");
      }
      retry = retry == null ? Retry.DEFAULT : retry;
      requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
    }

    /** Kubescape's chunk size, the default retries, no access key. */
    public static Options of(URI eventReceiverUrl) {
      return new Options(
          eventReceiverUrl, "", PostureReportChunks.KUBESCAPE_MAX_ITEM_BYTES, Retry.DEFAULT, null);
    }

    @Override
    public String toString() {
      return "Options[eventReceiverUrl=%s, accessKey=%s, maxChunkBytes=%d, retry=%s, requestTimeout=%s]"
          .formatted(
              eventReceiverUrl,
              accessKey.isEmpty() ? "none" : "****",
              maxChunkBytes,
              retry,
              requestTimeout);
    }
  }

  /**
   * How often and how patiently a chunk is sent again.
   *
   * @param maxAttempts sends of one chunk, the first included
   * @param initialBackoff the wait after the first failure; it doubles after each next one
   * @param maxBackoff the longest wait
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final Retry DEFAULT = new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * The wait after failed attempt {@code attempt} (from 1); {@code retryAfter} (may be null), the
     * server's {@code Retry-After}, when it is longer.
     */
    Duration backoff(int attempt, Duration retryAfter) {
      Duration d = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
      if (retryAfter != null && retryAfter.compareTo(d) > 0) {
        d = retryAfter;
      }
      return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
  }

  /** Waits between attempts; tests give one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient http;
  private final Options options;
  private final Sleeper sleeper;

  public EventReceiverReportPublisher(HttpClient http, Options options) {
    this(http, options, d -> Thread.sleep(d.toMillis()));
  }

  EventReceiverReportPublisher(HttpClient http, Options options, Sleeper sleeper) {
    this.http = http;
    this.options = options;
    this.sleeper = sleeper;
  }

  @Override
  public void publish(PublishRequest request) {
    PublishRequest adopted = adopt(request);
    URI target = target(adopted);
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

  /** The request as Kubescape sends it: canonical account GUID, adopted names. */
  static PublishRequest adopt(PublishRequest r) {
    return new PublishRequest(
        r.reportFile(),
        r.reportId(),
        r.jobId(),
        canonicalUuid(r.customerGuid()),
        adoptName(r.clusterName()),
        adoptName(r.contextName()));
  }

  static String canonicalUuid(String guid) {
    String s = guid.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("urn:uuid:")) {
      s = s.substring("urn:uuid:".length());
    } else if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      s =
          String.join(
              "-",
              s.substring(0, 8),
              s.substring(8, 12),
              s.substring(12, 16),
              s.substring(16, 20),
              s.substring(20));
    }
    if (!UUID_FORM.matcher(s).matches()) {
      throw PublishException.of(
          Reason.INVALID_REQUEST, "the customer GUID '" + guid + "' is not a UUID", null);
    }
    return s;
  }

  static String adoptName(String name) {
    return NOT_WORD.matcher(name).replaceAll("-");
  }

  URI target(PublishRequest r) {
    String base = options.eventReceiverUrl().toString();
    if (!base.contains("://")) {
      base = "http://" + base;
    }
    base = base.replaceAll("/+$", "");
    return URI.create(
        base
            + PATH
            + "?clusterName="
            + queryEscape(r.clusterName())
            + "&contextName="
            + queryEscape(r.contextName())
            + "&customerGUID="
            + queryEscape(r.customerGuid())
            + "&reportGUID="
            + queryEscape(r.reportId()));
  }

  /** Go's {@code url.QueryEscape}: unreserved characters stay, a space becomes {@code +}. */
  static String queryEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
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
    Retry retry = options.retry();
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
