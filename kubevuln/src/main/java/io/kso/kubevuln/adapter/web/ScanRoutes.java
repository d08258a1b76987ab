package io.kso.kubevuln.adapter.web;

import io.kso.base.web.RequestBodies;
import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;
import io.kso.common.message.WireJson;
import io.kso.kubevuln.adapter.report.LocalReports;
import io.kso.kubevuln.service.ScanException;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanQueue;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The operator's scan API: {@code POST /v1/scanImage}, {@code /v1/scanRegistryImage} and {@code
 * /v1/generateSBOM} validate the request, queue it and answer at once; {@code GET
 * /v1/results/{digest}} serves results kept locally. Refusals are RFC 9457 problem documents.
 */
public final class ScanRoutes {
  public static final String SCAN_IMAGE = "/v1/scanImage";
  public static final String SCAN_REGISTRY_IMAGE = "/v1/scanRegistryImage";
  public static final String GENERATE_SBOM = "/v1/generateSBOM";
  public static final String RESULTS = "/v1/results/{digest}";
  private static final String RETRY_AFTER_SECONDS = "10";

  private final ScanQueue queue;
  private final LocalReports local;

  public ScanRoutes(ScanQueue queue, LocalReports local) {
    this.queue = queue;
    this.local = local;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .POST(SCAN_IMAGE, r -> accept(r, body -> workloadJob(body, ScanJob.Kind.WORKLOAD_IMAGE)))
        .POST(GENERATE_SBOM, r -> accept(r, body -> workloadJob(body, ScanJob.Kind.SBOM_ONLY)))
        .POST(SCAN_REGISTRY_IMAGE, r -> accept(r, ScanRoutes::registryJob))
        .GET(RESULTS, this::result)
        .route(
            r ->
                r.path().equals(SCAN_IMAGE)
                    || r.path().equals(GENERATE_SBOM)
                    || r.path().equals(SCAN_REGISTRY_IMAGE),
            RequestBodies::postOnly)
        .build();
  }

  private Mono<ServerResponse> accept(
      ServerRequest request, java.util.function.Function<byte[], ScanJob> parse) {
    return RequestBodies.bytes(request)
        .flatMap(
            body -> {
              ScanJob job = parse.apply(body);
              queue.submit(job);
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("status", 200);
              answer.put("title", "OK");
              answer.put("detail", "Wlid=" + job.wlid() + ", ImageHash=" + job.image());
              return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(answer);
            })
        .onErrorResume(ScanException.class, ScanRoutes::problem);
  }

  static ScanJob workloadJob(byte[] body, ScanJob.Kind kind) {
    ScanImageRequest r = read(body, ScanImageRequest.class);
    if (r.imageHash() == null || r.imageHash().isBlank()) {
      throw invalid("imageHash is missing");
    }
    String image = r.imageHash();
    if (image.startsWith("sha256:")) {
      if (r.imageTag() == null || r.imageTag().isBlank()) {
        throw invalid("imageHash names no repository and there is no imageTag to take it from");
      }
      image = repository(r.imageTag()) + "@" + image;
    }
    return new ScanJob(
        kind,
        image,
        digestOf(image).orElse(null),
        r.imageTag(),
        r.wlid(),
        r.containerName(),
        r.jobId(),
        r.parentJobId(),
        r.actionNumber(),
        r.credentialsList().isEmpty() && r.credentials() != null
            ? java.util.List.of(r.credentials())
            : r.credentialsList(),
        r.args());
  }

  static ScanJob registryJob(byte[] body) {
    RegistryScanRequest r = read(body, RegistryScanRequest.class);
    if (r.imageTag() == null || r.imageTag().isBlank()) {
      throw invalid("imageTag is missing");
    }
    return new ScanJob(
        ScanJob.Kind.REGISTRY_IMAGE,
        r.imageTag(),
        digestOf(r.imageTag()).orElse(null),
        r.imageTag(),
        null,
        null,
        r.jobId(),
        r.parentJobId(),
        0,
        r.credentialsList(),
        r.args());
  }

  private Mono<ServerResponse> result(ServerRequest request) {
    return local
        .result(request.pathVariable("digest"))
        .map(json -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(json))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "no result is kept for " + request.pathVariable("digest")));
  }

  private static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw invalid("the body is empty");
    }
    try {
      return WireJson.read(body, type);
    } catch (JacksonException e) {
      throw invalid(WireJson.describe(e));
    }
  }

  private static Optional<String> digestOf(String image) {
    int at = image.indexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(image.substring(at + 1));
  }

  private static String repository(String imageTag) {
    String ref = imageTag.contains("@") ? imageTag.substring(0, imageTag.indexOf('@')) : imageTag;
    int colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
  }

  private static ScanException invalid(String message) {
    return new ScanException(ScanException.Reason.INVALID_REQUEST, message);
  }

  static Mono<ServerResponse> problem(ScanException e) {
    HttpStatus status =
        e.reason() == ScanException.Reason.QUEUE_FULL
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.BAD_REQUEST;
    return problem(
        status, e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
  }

  private static Mono<ServerResponse> problem(HttpStatus status, String reason, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:kso:kubevuln:" + reason));
    problem.setProperty("reason", reason);
    var builder = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      builder = builder.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    return builder.bodyValue(problem);
  }
}
