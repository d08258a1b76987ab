package io.kso.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class WireJsonTest {

  @Test
  void acceptsKeysInAnyCase() {
    Commands commands =
        WireJson.read(
            "{\"COMMANDS\":[{\"CommandName\":\"SCAN\",\"WildWlid\":\"wlid://cluster-c1\",\"JOBTRACKING\":{\"JobID\":\"j1\"}}]}",
            Commands.class);

    Command command = commands.commands().get(0);
    assertThat(command.commandName()).isEqualTo(CommandName.SCAN);
    assertThat(command.wildWlid()).isEqualTo("wlid://cluster-c1");
    assertThat(command.jobTracking().jobId()).isEqualTo("j1");
  }

  @Test
  void ignoresUnknownFields() {
    Commands commands =
        WireJson.read(
            "{\"commands\":[{\"commandName\":\"scan\",\"futureField\":{\"x\":1}}],\"extra\":true}",
            Commands.class);

    assertThat(commands.commands())
        .singleElement()
        .extracting(Command::commandName)
        .isEqualTo(CommandName.SCAN);
  }

  @Test
  void namesTheFieldOfAnUnknownCommand() {
    assertThatThrownBy(
            () ->
                WireJson.read(
                    "{\"commands\":[{\"commandName\":\"launchRockets\"}]}", Commands.class))
        .isInstanceOf(JacksonException.class)
        .satisfies(
            e ->
                assertThat(WireJson.describe((JacksonException) e))
                    .contains("commands[0].commandName")
                    .contains("unknown command name 'launchRockets'"));
  }

  @Test
  void namesTheFieldOfAWrongType() {
    assertThatThrownBy(
            () ->
                WireJson.read(
                    "{\"commands\":[{\"commandName\":\"scan\",\"jobTracking\":{\"numSeq\":\"many\"}}]}",
                    Commands.class))
        .isInstanceOf(JacksonException.class)
        .satisfies(
            e ->
                assertThat(WireJson.describe((JacksonException) e))
                    .contains("commands[0].jobTracking.numSeq"));
  }

  @Test
  void reportsTheLineOfBrokenJson() {
    assertThatThrownBy(() -> WireJson.read("{\n\"commands\": [\n{,\n]}", Commands.class))
        .isInstanceOf(JacksonException.class)
        .satisfies(e -> assertThat(WireJson.describe((JacksonException) e)).contains("line 3"));
  }

  @Test
  void writesTheGoZeroTimeWhenJobTrackingIsUnset() {
    String json = WireJson.writeString(Commands.of(Command.of(CommandName.SCAN)));

    assertThat(json)
        .isEqualTo(
            "{\"commands\":[{\"commandName\":\"scan\",\"jobTracking\":{\"timestamp\":\"0001-01-01T00:00:00Z\"}}]}");
  }

  @Test
  void readsTypedArgumentsOutOfACommand() {
    Commands commands =
        WireJson.read(
            GoldenMessagesTest.resource("messages/commands-set-kubescape-cronjob.json"),
            Commands.class);
    Map<String, Object> args = commands.commands().get(0).args();

    CronJobParams params = WireJson.convert(args.get(CommandArgs.JOB_PARAMS), CronJobParams.class);
    PostScanRequest scan = WireJson.convert(args.get(CommandArgs.SCAN_V1), PostScanRequest.class);

    assertThat(params.cronTabSchedule()).isEqualTo("0 8 * * *");
    assertThat(scan.targetNames()).isEqualTo(List.of("nsa"));
    assertThat(scan.submit()).isTrue();
    assertThat(scan.hostScanner()).isNull();
  }

  @Test
  void commandIdFollowsTheOriginalPrecedence() {
    Command base = Command.of(CommandName.SCAN);
    Command withAll =
        new Command(
            CommandName.SCAN,
            null,
            null,
            "wlid://w",
            "wlid://ww",
            "sid://s",
            "sid://ws",
            null,
            null);

    assertThat(base.id()).isEmpty();
    assertThat(withAll.id()).isEqualTo("wlid://ww");
    assertThat(
            new Command(
                    CommandName.SCAN,
                    null,
                    null,
                    "wlid://w",
                    null,
                    "sid://s",
                    "sid://ws",
                    null,
                    null)
                .id())
        .isEqualTo("sid://ws");
    assertThat(
            new Command(CommandName.SCAN, null, null, "wlid://w", null, "sid://s", null, null, null)
                .id())
        .isEqualTo("wlid://w");
    assertThat(
            new Command(
                    CommandName.SCAN,
                    null,
                    List.of(PortalDesignator.attributes(Map.of())),
                    "wlid://w",
                    "wlid://ww",
                    null,
                    null,
                    null,
                    null)
                .id())
        .isEqualTo(Command.DESIGNATORS_ID);
  }
}
