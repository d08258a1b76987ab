package io.kso.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kso.common.http.JsonPost.Outcome;
import io.kso.common.http.JsonPost.RetryOn;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonPostTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private final JsonPost post =
      new JsonPost(HttpClient.newHttpClient(), 3, Duration.ofMillis(5), Duration.ofSeconds(5));

  /** A peer that answers the given statuses in turn, and records each request it gets. */
  private URI peerAnswering(Integer... statuses) throws IOException {
    Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = answers.size() > 1 ? answers.poll() : answers.peek();
          byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/k8s/sysreport");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void triesAgainAfterAFailedAnswerUntilThePeerTakesIt() throws Exception {
    URI peer = peerAnswering(503, 200);

    Outcome outcome =
        post.send(peer, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), RetryOn.ANY_FAILURE);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(received)
        .containsExactly("application/json {\"a\":1}", "application/json {\"a\":1}");
  }

  @Test
  void givesUpAfterTheLastAttemptAndSaysWhy() throws Exception {
    URI peer = peerAnswering(500);

    Outcome outcome = post.send(peer, "{}".getBytes(StandardCharsets.UTF_8), RetryOn.ANY_FAILURE);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.problem()).isEqualTo("answered 500");
    assertThat(outcome.body()).isEqualTo("status 500");
    assertThat(received).hasSize(3);
  }

  @Test
  void anAnswerIsFinalWhenOnlyRefusedConnectionsAreRetried() throws Exception {
    URI peer = peerAnswering(400, 200);

    Outcome outcome =
        post.send(peer, "{}".getBytes(StandardCharsets.UTF_8), RetryOn.REFUSED_CONNECTION);

    assertThat(outcome.answered()).isTrue();
    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(received).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsTriedAgain() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    Outcome outcome =
        post.send(
            URI.create("http://127.0.0.1:" + closedPort + "/v1/scanImage"),
            "{}".getBytes(StandardCharsets.UTF_8),
            RetryOn.REFUSED_CONNECTION);

    assertThat(outcome.answered()).isFalse();
    assertThat(outcome.error()).isInstanceOf(ConnectException.class);
    assertThat(outcome.attempts()).isEqualTo(3);
  }
}
