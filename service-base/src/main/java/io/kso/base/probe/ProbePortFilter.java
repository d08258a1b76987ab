package io.kso.base.probe;

import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the actuator off the API port: a request under the actuator's base path is answered 404
 * unless it arrived on the probe port.
 */
final class ProbePortFilter implements WebFilter, Ordered {
  private final ProbePortServer server;
  private final String basePath;
  private final String underBasePath;

  ProbePortFilter(ProbePortServer server) {
    this.server = server;
    this.basePath = server.basePath();
    this.underBasePath = basePath + "/";
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    boolean actuator = path.equals(basePath) || path.startsWith(underBasePath);
    if (actuator && !arrivedOnProbePort(exchange.getRequest().getLocalAddress())) {
      return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
    return chain.filter(exchange);
  }

  private boolean arrivedOnProbePort(InetSocketAddress local) {
    return local != null && local.getPort() == server.port();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
