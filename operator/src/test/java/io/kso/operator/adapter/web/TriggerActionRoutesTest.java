package io.kso.operator.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.common.job.JobContext;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.CommandValidator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TriggerActionRoutesTest {
  private final RecordingHandler handler = new RecordingHandler();
  private CommandDispatcher dispatcher = new CommandDispatcher(List.of(handler), 2, 10);
  private WebTestClient client = client(dispatcher);

  @AfterEach
  void stop() {
    dispatcher.close();
  }

  @Test
  void acceptsCommandsAndRunsThemInTheirJob() {
    client
        .post()
        .uri("/v1/triggerAction")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"commands\":[{\"CommandName\":\"kubescapeScan\",\"jobTracking\":{\"jobID\":\"job-1\",\"parentAction\":\"p-0\"},\"args\":{\"scanV1\":{}}}]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("ok");

    await().atMost(Duration.ofSeconds(5)).until(() -> handler.seen.size() == 1);
    assertThat(handler.seen.get(0)).isEqualTo("kubescapeScan job-1 p-0");
  }

  @Test
  void refusesMalformedJsonWithAProblemNamingTheLine() {
    client
        .post()
        .uri("/v1/triggerAction")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"commands\": [\n{,")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.reason")
        .isEqualTo("MALFORMED_BODY")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("line 2"));
    assertThat(handler.seen).isEmpty();
  }

  @Test
  void refusesAnUnknownCommandNameAndRunsNothing() {
    client
        .post()
        .uri("/v1/triggerAction")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"commands\":[{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{}}},{\"commandName\":\"launchRockets\"}]}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail ->
                assertThat((String) detail)
                    .contains("commands[1].commandName")
                    .contains("launchRockets"));
    assertThat(handler.seen).isEmpty();
  }

  @Test
  void refusesAnEmptyBody() {
    client
        .post()
        .uri("/v1/triggerAction")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.reason")
        .isEqualTo("MALFORMED_BODY");
  }

  @Test
  void answersOtherMethodsWith405() {
    client
        .get()
        .uri("/v1/triggerAction")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .valueEquals("Allow", "POST")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void saysBusyWhenTheQueueIsFull() throws InterruptedException {
    dispatcher.close();
    CountDownLatch release = new CountDownLatch(1);
    CommandHandler blocking =
        new CommandHandler() {
          @Override
          public Set<CommandName> handles() {
            return Set.of(CommandName.KUBESCAPE_SCAN);
          }

          @Override
          public void handle(Command command) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    dispatcher = new CommandDispatcher(List.of(blocking), 1, 1);
    client = client(dispatcher);
    String body = "{\"commands\":[{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{}}}]}";
    client.post().uri("/v1/triggerAction").bodyValue(body).exchange().expectStatus().isOk();
    client.post().uri("/v1/triggerAction").bodyValue(body).exchange().expectStatus().isOk();

    client
        .post()
        .uri("/v1/triggerAction")
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists("Retry-After")
        .expectBody()
        .jsonPath("$.reason")
        .isEqualTo("OVERLOADED");
    release.countDown();
  }

  private static WebTestClient client(CommandDispatcher dispatcher) {
    return WebTestClient.bindToRouterFunction(
            new TriggerActionRoutes(new CommandValidator(), dispatcher).routes())
        .build();
  }

  private static final class RecordingHandler implements CommandHandler {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public Set<CommandName> handles() {
      return Set.of(CommandName.KUBESCAPE_SCAN);
    }

    @Override
    public void handle(Command command) {
      seen.add(
          command.commandName()
              + " "
              + MDC.get(JobContext.JOB_ID)
              + " "
              + MDC.get(JobContext.PARENT_ID));
    }
  }
}
