package io.kso.httprequest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A real HTTP server on 127.0.0.1 that records every request and answers as it is told. */
final class RecordingServer implements AutoCloseable {
  /** What the server received. Header names are as {@link HttpExchange} gives them. */
  record Received(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : String.join(",", values);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
  private volatile Map<String, String> answerHeaders = Map.of();
  private volatile boolean hang;

  private RecordingServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static RecordingServer http() {
    try {
      return new RecordingServer(HttpServer.create(loopback(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordingServer https(SSLContext context) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return new RecordingServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress loopback() throws IOException {
    return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
  }

  RecordingServer answer(int status, String body) {
    this.status = status;
    this.answer = body.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  RecordingServer answerHeader(String name, String value) {
    this.answerHeaders = Map.of(name, value);
    return this;
  }

  /** Accept requests but never answer (until {@link #close()}). */
  RecordingServer hang() {
    this.hang = true;
    return this;
  }

  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Received only() {
    org.assertj.core.api.Assertions.assertThat(received).hasSize(1);
    return received.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      if (hang) {
        released.await(30, TimeUnit.SECONDS);
        return;
      }
      answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
