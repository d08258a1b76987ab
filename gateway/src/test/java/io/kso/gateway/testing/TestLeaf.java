package io.kso.gateway.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A websocket client as an in-cluster component would be: registers with query attributes, keeps
 * every message it receives, answers pings (Reactor Netty does), and can publish.
 */
public final class TestLeaf implements AutoCloseable {
  /** One message as received. */
  public record Message(boolean binary, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private Disposable connection;

  private TestLeaf() {}

  public static TestLeaf connect(String url) {
    return connect(url, Map.of());
  }

  public static TestLeaf connect(String url, Map<String, String> headers) {
    TestLeaf leaf = new TestLeaf();
    leaf.connection =
        HttpClient.newConnection()
            .headers(h -> headers.forEach(h::set))
            .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(16 << 20).build())
            .uri(url)
            .handle(
                (in, out) -> {
                  in.receiveCloseStatus()
                      .subscribe(status -> leaf.closeCode.complete(status.code()));
                  leaf.opened.complete(null);
                  Mono<Void> inbound =
                      in.aggregateFrames(16 << 20).receiveFrames().doOnNext(leaf::keep).then();
                  return Mono.firstWithSignal(
                      inbound, out.sendObject(leaf.outbound.asFlux()).then().then(Mono.never()));
                })
            .subscribe(
                null,
                e -> {
                  leaf.opened.completeExceptionally(e);
                  leaf.ended.complete(null);
                },
                () -> leaf.ended.complete(null));
    leaf.opened.orTimeout(10, TimeUnit.SECONDS).join();
    return leaf;
  }

  private void keep(WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame) {
      received.add(
          new Message(
              frame instanceof BinaryWebSocketFrame, ByteBufUtil.getBytes(frame.content())));
    }
  }

  public List<Message> received() {
    return List.copyOf(received);
  }

  public List<String> texts() {
    return received.stream().map(Message::text).toList();
  }

  public void sendText(String text) {
    outbound.tryEmitNext(new TextWebSocketFrame(text));
  }

  public void sendBinary(byte[] bytes) {
    outbound.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
  }

  public boolean isClosed() {
    return ended.isDone();
  }

  /** The close code the gateway sent, once it closed the connection. */
  public int closeCode(Duration timeout) {
    return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    outbound.tryEmitComplete();
    if (connection != null) {
      connection.dispose();
    }
  }
}
