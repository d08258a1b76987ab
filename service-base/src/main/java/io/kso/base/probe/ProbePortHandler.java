package io.kso.base.probe;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * What the probe port serves: the context's own handler, with every path moved under the actuator's
 * base path. {@code GET /v1/readiness} on the probe port is the actuator's {@code
 * <base>/v1/readiness}; no path of the probe port can reach the API.
 */
final class ProbePortHandler implements HttpHandler {
  private final String basePath;
  private final HttpHandler delegate;

  ProbePortHandler(String basePath, HttpHandler delegate) {
    this.basePath = basePath;
    this.delegate = delegate;
  }

  @Override
  public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
    String path = request.getPath().pathWithinApplication().value();
    String moved = "/".equals(path) || path.isEmpty() ? basePath : basePath + path;
    return delegate.handle(request.mutate().path(moved).build(), response);
  }
}
