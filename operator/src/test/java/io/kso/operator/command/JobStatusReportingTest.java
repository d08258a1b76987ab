package io.kso.operator.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.WireJson;
import io.kso.operator.adapter.http.HttpJobReporter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job status reaches the event receiver's sysreport path (WireMock stands in for it). */
class JobStatusReportingTest {
  private WireMockServer receiver;
  private CommandDispatcher dispatcher;

  @BeforeEach
  void start() {
    receiver =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/k8s/sysreport")).willReturn(aResponse().withStatus(200)));
    JobStatus status =
        new JobStatus(
            new HttpJobReporter(
                HttpClient.newHttpClient(),
                "http://127.0.0.1:" + receiver.port(),
                Duration.ofMillis(10)),
            "acc-1",
            "c1",
            Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    dispatcher = new CommandDispatcher(List.of(handler()), 1, 10, status);
  }

  @AfterEach
  void stop() {
    dispatcher.close();
    receiver.stop();
  }

  @Test
  void reportsStartedThenDoneWithTheJobsIds() {
    dispatcher.submit(
        List.of(
            command(
                "{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1\",\"jobTracking\":{\"jobID\":\"job-1\",\"parentAction\":\"p-0\",\"numSeq\":1}}")));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              receiver.verify(
                  postRequestedFor(urlEqualTo("/k8s/sysreport"))
                      .withRequestBody(
                          equalToJson(
                              "{\"customerGUID\":\"acc-1\",\"reporter\":\"Websocket\",\"target\":\"wlid://cluster-c1\",\"status\":\"started\",\"action\":\"scan\","
                                  + "\"actionID\":\"2\",\"numSeq\":2,\"jobID\":\"job-1\",\"parentAction\":\"p-0\",\"details\":\"Handling single request\",\"timestamp\":\"2026-11-26T10:00:00Z\"}")));
              receiver.verify(
                  postRequestedFor(urlEqualTo("/k8s/sysreport"))
                      .withRequestBody(
                          equalToJson(
                              "{\"status\":\"done\",\"jobID\":\"job-1\",\"parentAction\":\"p-0\"}",
                              true,
                              true)));
            });
  }

  @Test
  void reportsAFailureWithItsError() {
    dispatcher.submit(
        List.of(
            command(
                "{\"commandName\":\"scan\",\"designators\":[{\"designatorType\":\"Attributes\",\"attributes\":{}}],\"args\":{\"fail\":true}}")));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                receiver.verify(
                    postRequestedFor(urlEqualTo("/k8s/sysreport"))
                        .withRequestBody(
                            equalToJson(
                                "{\"status\":\"failure\",\"target\":\"wlid://cluster-c1/\",\"errors\":[\"Action: scan, Error: registry down\"]}",
                                true,
                                true))));
  }

  @Test
  void triesAgainWhenTheReceiverFails() {
    receiver.resetAll();
    receiver.stubFor(
        post(urlEqualTo("/k8s/sysreport"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    receiver.stubFor(
        post(urlEqualTo("/k8s/sysreport"))
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));

    dispatcher.submit(
        List.of(command("{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1\"}")));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> receiver.verify(3, postRequestedFor(urlEqualTo("/k8s/sysreport"))));
  }

  private static CommandHandler handler() {
    return new CommandHandler() {
      @Override
      public Set<CommandName> handles() {
        return Set.of(CommandName.SCAN);
      }

      @Override
      public void handle(Command command) {
        if (command.args().containsKey("fail")) {
          throw new IllegalStateException("registry down");
        }
      }
    };
  }

  private static Command command(String json) {
    return WireJson.read(json, Command.class);
  }
}
