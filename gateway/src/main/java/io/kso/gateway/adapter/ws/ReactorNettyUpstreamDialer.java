package io.kso.gateway.adapter.ws;

import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.CloseReason;
import io.kso.gateway.relay.Credentials;
import io.kso.gateway.relay.KeepAlive;
import io.kso.gateway.relay.port.UpstreamDialer;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * Dials the master with Reactor Netty's websocket client: {@code <parent>?customerGUID=<id>}, the
 * credentials as {@code X-Client-ID} and {@code X-API-KEY} headers, a ping every keep-alive
 * interval, and the link given up when the master has been silent for too long.
 */
public final class ReactorNettyUpstreamDialer implements UpstreamDialer {

  /** How to reach the master. */
  public record Options(
      String parentUrl,
      Credentials credentials,
      int maxMessageSize,
      KeepAlive keepAlive,
      Duration connectTimeout) {}

  private final Options options;
  private final HttpClient client;
  private final Supplier<LoopResources> loops;

  public ReactorNettyUpstreamDialer(Options options, Supplier<LoopResources> loops) {
    this.options = options;
    this.loops = loops;
    this.client =
        HttpClient.newConnection()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
            .headers(headers -> headersFor(options.credentials()).forEach(headers::set));
  }

  /** The parent's URL with the attributes appended to its query, sorted for stable logs. */
  static URI uri(String parentUrl, Attributes attributes) {
    StringJoiner query = new StringJoiner("&");
    new TreeMap<>(attributes.values())
        .forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
    String separator = parentUrl.contains("?") ? "&" : "?";
    return URI.create(parentUrl + separator + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public Connection dial(Attributes attributes, Events events) {
    Link link = new Link(events);
    link.subscription =
        client
            .runOn(loops.get())
            .websocket(
                WebsocketClientSpec.builder()
                    .maxFramePayloadLength(options.maxMessageSize())
                    .handlePing(false)
                    .build())
            .uri(uri(options.parentUrl(), attributes))
            .handle(link::run)
            .subscribe(
                ignored -> {},
                error -> link.ended(describe(error)),
                () -> link.ended("closed by the master"));
    return link;
  }

  static String describe(Throwable error) {
    if (error instanceof WebSocketClientHandshakeException handshake
        && handshake.response() != null) {
      return "handshake refused: HTTP " + handshake.response().status();
    }
    if (error instanceof KeepAliveTimeout) {
      return error.getMessage();
    }
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** One dial and, when it succeeds, the link it opens. */
  private final class Link implements Connection {
    private final Events events;
    private final AtomicReference<CloseReason> closing = new AtomicReference<>();
    private volatile String closeDetail;
    private volatile Disposable subscription;
    private volatile WebsocketOutbound out;
    private volatile long lastHeardNanos = System.nanoTime();

    Link(Events events) {
      this.events = events;
    }

    Publisher<Void> run(WebsocketInbound in, WebsocketOutbound outbound) {
      Channel[] channel = new Channel[1];
      in.withConnection(c -> channel[0] = c.channel());
      out = outbound;
      events.connected();
      Mono<Void> inbound =
          in.aggregateFrames(options.maxMessageSize())
              .receiveFrames()
              .doOnNext(this::received)
              .then();
      return Mono.firstWithSignal(inbound, pings(channel[0]));
    }

    private void received(WebSocketFrame frame) {
      lastHeardNanos = System.nanoTime();
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        events.received(ByteBufUtil.getBytes(frame.content()));
      }
    }

    private Mono<Void> pings(Channel channel) {
      Duration interval = options.keepAlive().interval();
      return Flux.interval(interval, interval)
          .<Long>handle(
              (tick, sink) -> {
                KeepAlive.Verdict verdict =
                    options.keepAlive().check(lastHeardNanos, System.nanoTime());
                if (verdict == KeepAlive.Verdict.DEAD) {
                  closing.compareAndSet(null, CloseReason.KEEPALIVE_TIMEOUT);
                  sink.error(new KeepAliveTimeout(interval, options.keepAlive().maxMissed()));
                } else {
                  channel.writeAndFlush(new PingWebSocketFrame());
                }
              })
          .then();
    }

    void ended(String detail) {
      CloseReason reason = closing.get();
      String why = closeDetail;
      events.disconnected(
          reason == null ? CloseReason.PEER_CLOSED : reason, why == null ? detail : why);
    }

    @Override
    public void close(CloseReason reason, String detail) {
      if (!closing.compareAndSet(null, reason)) {
        return;
      }
      closeDetail = "closed by this gateway: " + detail;
      WebsocketOutbound open = out;
      if (open != null) {
        open.sendClose(CloseCodes.of(reason), CloseCodes.reasonText(detail))
            .subscribe(null, e -> {});
      } else {
        Disposable dial = subscription;
        if (dial != null) {
          dial.dispose();
        }
        events.disconnected(reason, closeDetail);
      }
    }
  }

  /** The master answered nothing, not even a pong, for too long. */
  static final class KeepAliveTimeout extends RuntimeException {
    KeepAliveTimeout(Duration interval, int maxMissed) {
      super(
          "no answer from the master for " + maxMissed + " ping intervals of " + interval,
          null,
          false,
          false);
    }
  }

  @Override
  public String toString() {
    return "ReactorNettyUpstreamDialer[" + options.parentUrl() + "]";
  }

  static Map<String, String> headersFor(Credentials credentials) {
    return credentials.configured()
        ? Map.of(
            Handshake.CLIENT_ID_HEADER,
            credentials.clientId(),
            Handshake.API_KEY_HEADER,
            credentials.secretKey())
        : Map.of();
  }
}
