package io.kso.kubescape.adapter.web;

import io.kso.common.message.KubescapeResponse;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.kubescape.port.ResultStore;
import io.kso.kubescape.posture.MetricsCache;
import io.kso.kubescape.posture.PostureScans;
import io.kso.kubescape.posture.PostureServiceException;
import io.kso.kubescape.posture.PostureServiceException.Reason;
import io.kso.kubescape.posture.ScanRequest;
import io.kso.kubescape.posture.ScanRequests;
import io.kso.kubescape.posture.ScanState;
import io.kso.kubescape.posture.ScanView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The original service's REST API ({@code httphandler} v1): scan, status, results, cancel and the
 * Prometheus metrics, answering in its {@code {id, type, response}} shape.
 */
public final class PostureRoutes {
  private static final MediaType PROMETHEUS = MediaType.parseMediaType("text/plain;version=0.0.4");
  private static final int READ_CHUNK = 1 << 16;

  private final ScanRequests requests;
  private final PostureScans scans;
  private final ResultStore results;
  private final MetricsCache metrics;
  private final int maxBodyBytes;
  private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

  public PostureRoutes(
      ScanRequests requests,
      PostureScans scans,
      ResultStore results,
      MetricsCache metrics,
      int maxBodyBytes) {
    this.requests = requests;
    this.scans = scans;
    this.results = results;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .POST("/v1/scan", deferred(this::scan))
        .DELETE("/v1/scan", deferred(this::cancel))
        .GET("/v1/status", deferred(this::status))
        .GET("/v1/results", deferred(this::getResults))
        .DELETE("/v1/results", deferred(this::deleteResults))
        .GET("/v1/metrics", deferred(this::metrics))
        .route(r -> r.path().equals("/v1/scan"), r -> notAllowed(r, "POST, DELETE"))
        .route(r -> r.path().equals("/v1/status"), r -> notAllowed(r, "GET"))
        .route(r -> r.path().equals("/v1/results"), r -> notAllowed(r, "GET, DELETE"))
        .route(r -> r.path().equals("/v1/metrics"), r -> notAllowed(r, "GET"))
        .onError(PostureServiceException.class, (e, r) -> refusal((PostureServiceException) e))
        .build();
  }

  /** A handler whose exceptions, thrown at once or later, reach the one error mapping. */
  private static HandlerFunction<ServerResponse> deferred(HandlerFunction<ServerResponse> handler) {
    return request -> Mono.defer(() -> handler.handle(request));
  }

  private Mono<ServerResponse> scan(ServerRequest request) {
    boolean wait = flag(request, "wait");
    boolean keep = flag(request, "keep");
    return body(request)
        .map(this::parse)
        .flatMap(
            scanRequest -> {
              PostureScans.Ticket ticket = scans.submit(scanRequest);
              if (!wait) {
                return json(
                    HttpStatus.OK,
                    new KubescapeResponse(
                        ticket.id(),
                        KubescapeResponse.TYPE_BUSY,
                        "scanning '" + ticket.id() + "' is in progress"));
              }
              return Mono.fromFuture(scans.completion(ticket.id()), true)
                  .flatMap(view -> finished(view, keep));
            });
  }

  private ScanRequest parse(byte[] body) {
    if (body.length == 0) {
      return requests.from(WireJson.read("{}".getBytes(), PostScanRequest.class));
    }
    try {
      PostScanRequest parsed = WireJson.read(body, PostScanRequest.class);
      if (parsed == null) {
        throw new PostureServiceException(
            Reason.BAD_REQUEST, "the body is null: a PostScanRequest object is expected");
      }
      return requests.from(parsed);
    } catch (JacksonException e) {
      throw new PostureServiceException(
          Reason.BAD_REQUEST, "the body is not a PostScanRequest: " + WireJson.describe(e));
    }
  }

  /** The end of a waited-for scan: its results (deleted once sent unless kept), or the error. */
  private Mono<ServerResponse> finished(ScanView view, boolean keep) {
    if (view.state() != ScanState.DONE) {
      return json(
          HttpStatus.INTERNAL_SERVER_ERROR,
          new KubescapeResponse(view.id(), KubescapeResponse.TYPE_ERROR, view.error()));
    }
    return report(view.id(), KubescapeResponse.TYPE_RESULTS, keep);
  }

  private Mono<ServerResponse> status(ServerRequest request) {
    String id = param(request, "id").orElse("");
    Optional<ScanView> view = scans.status(id);
    if (view.isPresent() && view.get().state().busy()) {
      return json(
          HttpStatus.OK,
          new KubescapeResponse(view.get().id(), KubescapeResponse.TYPE_BUSY, view.get().id()));
    }
    return json(HttpStatus.OK, new KubescapeResponse("", KubescapeResponse.TYPE_NOT_BUSY, null));
  }

  private Mono<ServerResponse> getResults(ServerRequest request) {
    boolean keep = flag(request, "keep");
    String asked = param(request, "id").orElse("");
    String id = asked.isBlank() ? latestId() : asked;
    if (id.isEmpty()) {
      return json(
          HttpStatus.BAD_REQUEST,
          new KubescapeResponse("", KubescapeResponse.TYPE_ERROR, "latest scan not found"));
    }
    Optional<ScanView> view = scans.status(id);
    if (view.isPresent() && view.get().state().busy()) {
      return json(
          HttpStatus.OK,
          new KubescapeResponse(
              id, KubescapeResponse.TYPE_BUSY, "scanning '" + id + "' in progress"));
    }
    if (view.isPresent() && view.get().state() != ScanState.DONE) {
      return json(
          HttpStatus.OK,
          new KubescapeResponse(id, KubescapeResponse.TYPE_ERROR, view.get().error()));
    }
    return report(id, "", keep);
  }

  /** The latest submitted scan, else the newest stored report (after a restart). */
  private String latestId() {
    String latest = scans.latest();
    return latest.isEmpty() ? results.newest().orElse("") : latest;
  }

  /** {@code {"id", "type", "response": <the stored report>}}, streamed from its file. */
  private Mono<ServerResponse> report(String id, String type, boolean keep) {
    Optional<Path> file = results.find(id);
    if (file.isEmpty()) {
      return ServerResponse.noContent().build();
    }
    String head =
        "{\"id\":"
            + WireJson.writeString(id)
            + ",\"type\":"
            + WireJson.writeString(type)
            + ",\"response\":";
    Flux<DataBuffer> body =
        Flux.concat(
                Mono.fromCallable(() -> buffers.wrap(head.getBytes(StandardCharsets.UTF_8))),
                DataBufferUtils.read(file.get(), buffers, READ_CHUNK),
                Mono.fromCallable(() -> buffers.wrap(new byte[] {'}'})))
            .doOnComplete(
                () -> {
                  if (!keep) {
                    results.delete(id);
                  }
                });
    return ServerResponse.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(BodyInserters.fromDataBuffers(body));
  }

  private Mono<ServerResponse> deleteResults(ServerRequest request) {
    if (flag(request, "all")) {
      int n = results.deleteAll();
      return json(
          HttpStatus.OK,
          new KubescapeResponse("", KubescapeResponse.TYPE_NOT_BUSY, n + " result(s) deleted"));
    }
    String asked = param(request, "id").orElse("");
    String id = asked.isBlank() ? latestId() : asked;
    boolean deleted = !id.isEmpty() && results.delete(id);
    return json(
        HttpStatus.OK,
        new KubescapeResponse(
            id,
            KubescapeResponse.TYPE_NOT_BUSY,
            deleted ? "results deleted" : "no results to delete"));
  }

  private Mono<ServerResponse> cancel(ServerRequest request) {
    String id = param(request, "id").orElse("");
    boolean cancelled = scans.cancel(id);
    String which = id.isBlank() ? scans.latest() : id;
    return json(
        cancelled ? HttpStatus.OK : HttpStatus.NOT_FOUND,
        new KubescapeResponse(
            which,
            cancelled ? KubescapeResponse.TYPE_NOT_BUSY : KubescapeResponse.TYPE_ERROR,
            cancelled
                ? "scan '" + which + "' cancelled"
                : "no queued or running scan '" + which + "'"));
  }

  private Mono<ServerResponse> metrics(ServerRequest request) {
    return Mono.fromFuture(metrics.current(), true)
        .flatMap(text -> ServerResponse.ok().contentType(PROMETHEUS).bodyValue(text));
  }

  private Mono<byte[]> body(ServerRequest request) {
    return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBodyBytes)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .onErrorMap(
            DataBufferLimitException.class,
            e ->
                new PostureServiceException(
                    Reason.TOO_LARGE, "the body exceeds " + maxBodyBytes + " bytes"));
  }

  /** Query parameters are matched case-insensitively, as the original's decoder does. */
  static Optional<String> param(ServerRequest request, String name) {
    return request.queryParams().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0) == null ? "" : e.getValue().get(0).strip())
        .findFirst();
  }

  private static boolean flag(ServerRequest request, String name) {
    return param(request, name).map(v -> v.isEmpty() || Boolean.parseBoolean(v)).orElse(false);
  }

  private static Mono<ServerResponse> json(HttpStatus status, KubescapeResponse response) {
    return ServerResponse.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(WireJson.write(response));
  }

  private static Mono<ServerResponse> refusal(PostureServiceException e) {
    HttpStatus status =
        switch (e.reason()) {
          case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
          case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
          case QUEUE_FULL -> HttpStatus.SERVICE_UNAVAILABLE;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case SCAN_FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    ServerResponse.BodyBuilder builder = ServerResponse.status(status);
    if (e.reason() == Reason.QUEUE_FULL) {
      builder.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            WireJson.write(
                new KubescapeResponse("", KubescapeResponse.TYPE_ERROR, e.getMessage())));
  }

  private static Mono<ServerResponse> notAllowed(ServerRequest request, String allow) {
    HttpMethod method = request.method();
    return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
        .header("Allow", allow)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            WireJson.write(
                new KubescapeResponse(
                    "",
                    KubescapeResponse.TYPE_ERROR,
                    "method " + method + " not allowed; use " + allow)));
  }
}
