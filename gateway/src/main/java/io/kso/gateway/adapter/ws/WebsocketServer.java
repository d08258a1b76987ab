package io.kso.gateway.adapter.ws;

import io.kso.common.message.WireJson;
import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.CloseReason;
import io.kso.gateway.relay.Credentials;
import io.kso.gateway.relay.GatewayException;
import io.kso.gateway.relay.KeepAlive;
import io.kso.gateway.relay.Relay;
import io.kso.gateway.relay.Source;
import io.kso.gateway.relay.port.RelayMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * The websocket endpoint leaves register on ({@code /v1/waitfornotification} on its own port). A
 * Reactor Netty server of its own, beside Spring's REST server, so that the handshake can be
 * refused with a plain HTTP status before any upgrade, and notifications can be written to the
 * channels directly.
 */
public final class WebsocketServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WebsocketServer.class);
  private static final int KEEP_ALIVE_SLICES = 10;

  /**
   * @param required the credentials registrations must present ({@link Credentials#NONE}: none)
   */
  public record Options(
      String address,
      int port,
      int maxMessageSize,
      LeafSession.Limits limits,
      KeepAlive keepAlive,
      Credentials required) {}

  private final Options options;
  private final Relay relay;
  private final Consumer<Attributes> onLeafJoined;
  private final RelayMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final Supplier<LoopResources> loops;
  private final Set<LeafSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final LeafSession.Writers writers =
      new LeafSession.Writers(new EventLoopWriter(), new SharedFrames(ByteBufAllocator.DEFAULT));
  private volatile DisposableServer server;
  private long ticks; // only on the timer thread
  private ScheduledFuture<?> sweep;

  public WebsocketServer(
      Options options,
      Relay relay,
      Consumer<Attributes> onLeafJoined,
      RelayMetrics metrics,
      ScheduledExecutorService scheduler,
      Supplier<LoopResources> loops) {
    this.options = options;
    this.relay = relay;
    this.onLeafJoined = onLeafJoined;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.loops = loops;
  }

  public static LeafSession.Limits limits(int queueMessages, long queueBytes, Duration closeGrace) {
    return new LeafSession.Limits(queueMessages, queueBytes, closeGrace);
  }

  /** The port bound, once started (useful when configured with 0). */
  public int port() {
    DisposableServer bound = server;
    if (bound == null) {
      throw new IllegalStateException("websocket server not started");
    }
    return bound.port();
  }

  @Override
  public synchronized void start() {
    server =
        HttpServer.create()
            .runOn(loops.get())
            .host(options.address())
            .port(options.port())
            .handle(this::handle)
            .bindNow(Duration.ofSeconds(30));
    long tick = options.keepAlive().interval().toNanos() / KEEP_ALIVE_SLICES;
    sweep = scheduler.scheduleAtFixedRate(this::keepAlive, tick, tick, TimeUnit.NANOSECONDS);
    log.atInfo()
        .addKeyValue("port", server.port())
        .addKeyValue("authentication", options.required().configured())
        .log("websocket endpoint listening");
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    sweep.cancel(false);
    sessions.forEach(s -> s.close(CloseReason.SHUTDOWN, "gateway stopping"));
    server.disposeNow(options.limits().closeGrace().plusSeconds(1));
    server = null;
    writers.frames().clear();
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    Handshake handshake =
        Handshake.check(
            request.method().name(),
            request.uri(),
            name -> request.requestHeaders().get(name),
            options.required());
    if (!handshake.upgrade()) {
      log.atDebug()
          .addKeyValue("status", handshake.status())
          .addKeyValue("detail", handshake.detail())
          .addKeyValue("remote", String.valueOf(request.remoteAddress()))
          .log("websocket registration refused");
      return refuse(response, handshake);
    }
    return response.sendWebsocket(
        (in, out) -> session(in, out, handshake.attributes()),
        WebsocketServerSpec.builder()
            .maxFramePayloadLength(options.maxMessageSize())
            .handlePing(false)
            .build());
  }

  private Publisher<Void> session(WebsocketInbound in, WebsocketOutbound out, Attributes attrs) {
    LeafSession[] opened = new LeafSession[1];
    in.withConnection(
        c ->
            opened[0] =
                new LeafSession(
                    ids.incrementAndGet(),
                    attrs,
                    c.channel(),
                    out,
                    options.limits(),
                    metrics,
                    writers));
    LeafSession leaf = opened[0];
    sessions.add(leaf);
    relay.register(leaf);
    log.atInfo()
        .addKeyValue("connection", leaf.id())
        .addKeyValue("attributes", attrs.toString())
        .log("leaf connected");
    onLeafJoined.accept(attrs);
    return in.aggregateFrames(options.maxMessageSize())
        .receiveFrames()
        .doOnNext(frame -> received(leaf, frame))
        .then()
        .doFinally(signal -> ended(leaf));
  }

  private void received(LeafSession leaf, WebSocketFrame frame) {
    leaf.heard();
    if (!(frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)) {
      return;
    }
    byte[] message = ByteBufUtil.getBytes(frame.content());
    try {
      relay.route(relay.accept(message, Source.LEAF));
    } catch (GatewayException e) {
      log.atInfo()
          .addKeyValue("connection", leaf.id())
          .addKeyValue("reason", e.reason())
          .addKeyValue("detail", e.getMessage())
          .log("leaf sent a message that cannot be routed; closing it");
      leaf.close(CloseReason.BAD_MESSAGE, e.getMessage());
    }
  }

  private void ended(LeafSession leaf) {
    relay.unregister(leaf);
    sessions.remove(leaf);
    metrics.disconnected(RelayMetrics.Role.LEAF, leaf.closeReason());
    log.atInfo()
        .addKeyValue("connection", leaf.id())
        .addKeyValue("attributes", leaf.attributes().toString())
        .addKeyValue("reason", leaf.closeReason().tag())
        .log("leaf disconnected");
  }

  /**
   * Visits one slice of the leaves per tick, so that each is pinged once per interval but ten
   * thousand pings (and their pongs) are not all sent at the same instant.
   */
  private void keepAlive() {
    long slice = ticks++ % KEEP_ALIVE_SLICES;
    long now = System.nanoTime();
    for (LeafSession leaf : sessions) {
      if (leaf.id() % KEEP_ALIVE_SLICES != slice) {
        continue;
      }
      if (options.keepAlive().check(leaf.lastHeardNanos(), now) == KeepAlive.Verdict.DEAD) {
        leaf.close(CloseReason.KEEPALIVE_TIMEOUT, "no answer to pings");
      } else {
        leaf.ping();
      }
    }
  }

  private static Mono<Void> refuse(HttpServerResponse response, Handshake handshake) {
    HttpResponseStatus status = HttpResponseStatus.valueOf(handshake.status());
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.reasonPhrase());
    problem.put("status", status.code());
    problem.put("detail", handshake.detail());
    if (status.code() == 405) {
      response.header(HttpHeaderNames.ALLOW, "GET");
    }
    return response
        .status(status)
        .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
        .sendString(Mono.just(WireJson.writeString(problem)))
        .then();
  }
}
