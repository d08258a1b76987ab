package io.kso.operator.adapter.ws;

import io.kso.operator.command.NotificationIntake;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Holds a websocket to the in-cluster gateway, registered as the trigger handler of this cluster,
 * and hands every frame to the {@link NotificationIntake}. Redials with capped backoff for as long
 * as the operator runs; pings keep the link alive.
 */
public final class GatewayCommandSource implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GatewayCommandSource.class);

  /** Where to connect and how to keep trying. */
  public record Options(Duration ping, Duration minBackoff, Duration maxBackoff) {}

  private final URI uri;
  private final NotificationIntake intake;
  private final Options options;
  private final ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();
  private final AtomicBoolean connected = new AtomicBoolean();
  private Disposable link;

  /**
   * @param uri the gateway to hold a link to; {@code null} when there is none
   */
  public GatewayCommandSource(URI uri, NotificationIntake intake, Options options) {
    this.uri = uri;
    this.intake = intake;
    this.options = options;
  }

  /**
   * {@code
   * ws://<gatewayWebsocketURL>/v1/waitfornotification?customerGUID=…&clusterName=…&clusterComponent=…}.
   */
  public static URI uri(String gatewayWebsocketUrl, String accountId, String clusterName) {
    String base =
        gatewayWebsocketUrl.contains("://") ? gatewayWebsocketUrl : "ws://" + gatewayWebsocketUrl;
    return URI.create(
        base.replaceAll("/+$", "")
            + "/v1/waitfornotification?customerGUID="
            + enc(accountId)
            + "&clusterName="
            + enc(clusterName)
            + "&clusterComponent=InClusterTriggerHandler");
  }

  public boolean isConnected() {
    return connected.get();
  }

  @Override
  public void start() {
    if (uri == null) {
      log.info("clusterData names no gatewayWebsocketURL: commands arrive over REST only");
      return;
    }
    link =
        Mono.defer(
                () ->
                    client.execute(
                        uri,
                        session -> {
                          connected.set(true);
                          log.atInfo()
                              .addKeyValue("gateway", uri.getHost() + ":" + uri.getPort())
                              .log("connected to the gateway");
                          Mono<Void> pings =
                              session.send(
                                  Flux.interval(options.ping())
                                      .map(i -> session.pingMessage(f -> f.wrap(new byte[0]))));
                          Mono<Void> frames =
                              session
                                  .receive()
                                  .filter(
                                      m ->
                                          m.getType() == WebSocketMessage.Type.TEXT
                                              || m.getType() == WebSocketMessage.Type.BINARY)
                                  .map(GatewayCommandSource::bytes)
                                  .doOnNext(intake::accept)
                                  .then();
                          return Mono.firstWithSignal(frames, pings);
                        }))
            .doFinally(s -> connected.set(false))
            .then(Mono.<Void>error(new IllegalStateException("the gateway closed the connection")))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, options.minBackoff())
                    .maxBackoff(options.maxBackoff())
                    .jitter(0.3)
                    .doBeforeRetry(
                        r ->
                            log.atWarn()
                                .addKeyValue("attempt", r.totalRetries() + 1)
                                .log("gateway link lost, redialling: " + r.failure().getMessage())))
            .subscribe();
  }

  private static byte[] bytes(WebSocketMessage message) {
    byte[] bytes = new byte[message.getPayload().readableByteCount()];
    message.getPayload().read(bytes);
    return bytes;
  }

  @Override
  public void stop() {
    if (link != null) {
      link.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return link != null && !link.isDisposed();
  }

  /** Stopped sources report not running; one with no gateway is never running. */
  @Override
  public boolean isAutoStartup() {
    return true;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
