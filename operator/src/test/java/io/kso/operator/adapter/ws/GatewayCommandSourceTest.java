package io.kso.operator.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.CommandValidator;
import io.kso.operator.command.NotificationIntake;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The operator's link to its gateway, against a real websocket server on 127.0.0.1. */
class GatewayCommandSourceTest {
  private static final String SCAN =
      "{\"target\":{\"customerGUID\":\"a1\",\"clusterName\":\"c1\",\"clusterComponent\":\"InClusterTriggerHandler\",\"dest\":\"trigger\"},"
          + "\"sendSynchronicity\":false,\"notification\":{\"commands\":[{\"commandName\":\"scan\",\"wlid\":\"wlid://cluster-c1/namespace-default/deployment-nginx\"}]}}";
  private final List<Command> handled = new CopyOnWriteArrayList<>();
  private final List<String> registrations = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final CommandDispatcher dispatcher = new CommandDispatcher(List.of(recorder()), 1, 10);
  private DisposableServer gateway;
  private GatewayCommandSource source;

  @AfterEach
  void stop() {
    if (source != null) {
      source.stop();
    }
    gateway.disposeNow();
    dispatcher.close();
  }

  @Test
  void registersAsTheTriggerHandlerRunsValidCommandsAndSurvivesBadFramesAndDrops() {
    gateway =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes.get(
                        "/v1/waitfornotification",
                        (request, response) -> {
                          registrations.add(request.uri());
                          return response.sendWebsocket(
                              (in, out) -> {
                                int n = connections.incrementAndGet();
                                if (n == 1) {
                                  // first connection: garbage, then a good command, then a drop
                                  return out.sendString(Flux.just("{broken", SCAN)).then();
                                }
                                return out.sendString(Flux.just(SCAN)).then(out.neverComplete());
                              });
                        }))
            .bindNow();
    source =
        new GatewayCommandSource(
            GatewayCommandSource.uri("127.0.0.1:" + gateway.port(), "a1", "c1"),
            new NotificationIntake(new CommandValidator(), dispatcher),
            new GatewayCommandSource.Options(
                Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(200)));

    source.start();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> handled.size() >= 2 && connections.get() >= 2);
    assertThat(handled)
        .allSatisfy(
            c ->
                assertThat(c.wlid())
                    .isEqualTo("wlid://cluster-c1/namespace-default/deployment-nginx"));
    assertThat(source.isRunning()).isTrue();
    assertThat(registrations)
        .first()
        .isEqualTo(
            "/v1/waitfornotification?customerGUID=a1&clusterName=c1&clusterComponent=InClusterTriggerHandler");
  }

  @Test
  void buildsTheRegistrationUrlOfTheOriginal() {
    assertThat(GatewayCommandSource.uri("gateway:8001", "acc 1", "c1").toString())
        .isEqualTo(
            "ws://gateway:8001/v1/waitfornotification?customerGUID=acc+1&clusterName=c1&clusterComponent=InClusterTriggerHandler");
    assertThat(GatewayCommandSource.uri("wss://gw.example/", "a", "c").toString())
        .startsWith("wss://gw.example/v1/waitfornotification?");
    gateway = HttpServer.create().host("127.0.0.1").port(0).bindNow();
  }

  private CommandHandler recorder() {
    return new CommandHandler() {
      @Override
      public Set<CommandName> handles() {
        return Set.of(CommandName.SCAN);
      }

      @Override
      public void handle(Command command) {
        handled.add(command);
      }
    };
  }
}
