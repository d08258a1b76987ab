package io.kso.operator.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationIntakeTest {
  private final List<Command> handled = new CopyOnWriteArrayList<>();
  private final CommandDispatcher dispatcher =
      new CommandDispatcher(
          List.of(
              new CommandHandler() {
                @Override
                public Set<CommandName> handles() {
                  return Set.of(CommandName.SCAN);
                }

                @Override
                public void handle(Command command) {
                  handled.add(command);
                }
              }),
          1,
          10);
  private final NotificationIntake intake =
      new NotificationIntake(new CommandValidator(), dispatcher);

  @AfterEach
  void stop() {
    dispatcher.close();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"target":{"dest":"trigger"},"notification":{"commands":[{"commandName":"scan","wlid":"wlid://cluster-c1/namespace-d/Deployment-nginx"}]}} | QUEUED
          {"target":{"dest":"kubescape"},"notification":{"commands":[{"commandName":"scan","wildWlid":"wlid://cluster-c1"}]}}                       | QUEUED
          {"target":{"dest":"somethingElse"},"notification":{"commands":[{"commandName":"scan","wildWlid":"wlid://cluster-c1"}]}}                   | NOT_FOR_US
          {"target":{"customerGUID":"a"},"notification":{"commands":[{"commandName":"scan","wildWlid":"wlid://cluster-c1"}]}}                       | NOT_FOR_US
          {"target":{"dest":"trigger"},"notification":{"commands":[{"commandName":"scan"}]}}                                                        | REFUSED
          {"target":{"dest":"trigger"},"notification":{"commands":[{"commandName":"fly"}]}}                                                         | REFUSED
          {"target":{"dest":"trigger"},"notification":"not commands"}                                                                               | REFUSED
          not json at all                                                                                                                           | REFUSED
          """)
  void queuesOnlyValidCommandsForTheTriggerHandler(
      String frame, NotificationIntake.Outcome expected) {
    assertThat(intake.accept(frame.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);

    if (expected == NotificationIntake.Outcome.QUEUED) {
      await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
    } else {
      assertThat(handled).isEmpty();
    }
  }
}
