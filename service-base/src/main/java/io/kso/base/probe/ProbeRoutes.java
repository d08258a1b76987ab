package io.kso.base.probe;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Liveness and readiness on exact paths of the service's own port, for services whose probe paths
 * share a prefix with their API (kubevuln's {@code /v1/...}). They answer what the actuator's
 * {@code liveness} and {@code readiness} health groups answer: 200 when UP, 503 otherwise.
 */
public final class ProbeRoutes {
  private ProbeRoutes() {}

  public static RouterFunction<ServerResponse> routes(
      HealthEndpoint health, String livenessPath, String readinessPath) {
    return RouterFunctions.route()
        .GET(livenessPath, request -> respond(health, "liveness"))
        .GET(readinessPath, request -> respond(health, "readiness"))
        .build();
  }

  private static Mono<ServerResponse> respond(HealthEndpoint health, String group) {
    return Mono.fromCallable(() -> health.healthForPath(group))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            descriptor ->
                ServerResponse.status(httpStatus(descriptor))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(descriptor));
  }

  private static HttpStatus httpStatus(HealthDescriptor descriptor) {
    return descriptor != null && Status.UP.equals(descriptor.getStatus())
        ? HttpStatus.OK
        : HttpStatus.SERVICE_UNAVAILABLE;
  }
}
