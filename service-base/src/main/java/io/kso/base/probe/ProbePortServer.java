package io.kso.base.probe;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A second Netty server, on the probe port, for the context's own handler (see {@link
 * ProbePortHandler}). It takes the place of Boot's management child context, which builds a second
 * application context with its own web stack just to serve probes and metrics on another port. Once
 * bound, its port is published as {@code local.management.port}, as Boot does for a management
 * server.
 */
public final class ProbePortServer implements SmartLifecycle {
  /** Boot's property source for the bound ports ({@code local.server.port} and the like). */
  private static final String PORTS_SOURCE = "server.ports";

  private final ProbePortSettings settings;
  private final ObjectProvider<HttpHandler> handler;
  private final LoopResources loops;
  private final ConfigurableEnvironment environment;
  private volatile DisposableServer server;

  ProbePortServer(
      ProbePortSettings settings,
      ObjectProvider<HttpHandler> handler,
      LoopResources loops,
      ConfigurableEnvironment environment) {
    this.settings = settings;
    this.handler = handler;
    this.loops = loops;
    this.environment = environment;
  }

  String basePath() {
    return settings.basePath();
  }

  /** The bound port, or -1 before the server started. */
  public int port() {
    DisposableServer bound = server;
    return bound == null ? -1 : bound.port();
  }

  @Override
  public void start() {
    HttpServer http = HttpServer.create().port(settings.port());
    if (settings.address() != null) {
      http = http.host(settings.address());
    }
    if (loops != null) {
      http = http.runOn(loops);
    }
    ProbePortHandler probes = new ProbePortHandler(settings.basePath(), handler.getObject());
    server = http.handle(new ReactorHttpHandlerAdapter(probes)).bindNow();
    publishPort(server.port());
  }

  @SuppressWarnings("unchecked")
  private void publishPort(int port) {
    PropertySource<?> ports = environment.getPropertySources().get(PORTS_SOURCE);
    if (ports instanceof MapPropertySource map) {
      ((Map<String, Object>) map.getSource()).put("local.management.port", port);
    } else {
      Map<String, Object> source = new HashMap<>();
      source.put("local.management.port", port);
      environment.getPropertySources().addFirst(new MapPropertySource(PORTS_SOURCE, source));
    }
  }

  @Override
  public void stop() {
    DisposableServer bound = server;
    if (bound != null) {
      bound.disposeNow();
      server = null;
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /** Started with the web servers, just after the main one. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2048;
  }
}
