package io.kso.operator.command;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.common.message.Commands;
import io.kso.common.message.WireJson;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandValidatorTest {
  private final CommandValidator validator = new CommandValidator();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "commands-full",
        "commands-kubescape-scan",
        "commands-scan-wildwlid",
        "commands-scan-designators",
        "commands-set-kubescape-cronjob",
        "commands-set-vuln-cronjob",
        "commands-update-vuln-cronjob",
        "commands-delete-registry-cronjob",
        "commands-scan-registry",
        "commands-chart-kubescape-scheduler",
      })
  void acceptsEveryBodyOfTheReference(String sample) throws IOException {
    Commands commands = WireJson.read(sample(sample), Commands.class);

    assertThatCode(() -> validator.validate(commands)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"commands":[]}                                                                                   | MISSING_ARGUMENT  | at least one command
          {"commands":[{"args":{}}]}                                                                        | MISSING_ARGUMENT  | commandName is missing
          {"commands":[{"commandName":"setKubescapeCronJob"}]}                                              | MISSING_ARGUMENT  | args.scanV1 is missing
          {"commands":[{"commandName":"setKubescapeCronJob","args":{"scanV1":{"targetNames":["nsa"]}}}]}    | INVALID_ARGUMENT  | targetNames given without targetType
          {"commands":[{"commandName":"runKubescapeJob","args":{"scanV1":{"targetNames":"nsa"}}}]}          | INVALID_ARGUMENT  | args.scanV1: field 'targetNames'
          {"commands":[{"commandName":"kubescapeScan","args":{"scanV1":{"submit":"maybe"}}}]}               | INVALID_ARGUMENT  | args.scanV1: field 'submit'
          {"commands":[{"commandName":"setVulnScanCronJob","wildWlid":"wlid://cluster-c"}]}                 | MISSING_ARGUMENT  | cronTabSchedule is missing
          {"commands":[{"commandName":"setVulnScanCronJob","args":{"jobParams":{"cronTabSchedule":"61 * * * *"}}}]} | INVALID_ARGUMENT | is not a cron schedule
          {"commands":[{"commandName":"setVulnScanCronJob","args":{"jobParams":{"cronTabSchedule":"* * *"}}}]} | INVALID_ARGUMENT | five fields
          {"commands":[{"commandName":"setKubescapeCronJob","args":{"scanV1":{},"jobParams":{"cronTabSchedule":"0 25 * * *"}}}]} | INVALID_ARGUMENT | is not a cron schedule
          {"commands":[{"commandName":"updateVulnScanCronJob","args":{"jobParams":{"cronTabSchedule":"0 1 * * *"}}}]} | MISSING_ARGUMENT | args.jobParams.name is missing
          {"commands":[{"commandName":"deleteKubescapeCronJob","args":{"jobParams":{"name":"Bad_Name"}}}]}  | INVALID_ARGUMENT  | is not a CronJob name
          {"commands":[{"commandName":"deleteVulnScanCronJob","args":{"jobParams":{"name":"%s"}}}]}         | INVALID_ARGUMENT  | at most 52
          {"commands":[{"commandName":"scanRegistry","args":{}}]}                                           | MISSING_ARGUMENT  | args.registryInfo-v1 is missing
          {"commands":[{"commandName":"scanRegistry","args":{"registryInfo-v1":{"depth":1}}}]}              | MISSING_ARGUMENT  | registryName is missing
          {"commands":[{"commandName":"setRegistryScanCronJob","args":{"registryInfo-v1":{"registryName":"r.io/p"}}}]} | MISSING_ARGUMENT | cronTabSchedule is missing
          {"commands":[{"commandName":"scan"}]}                                                             | MISSING_ARGUMENT  | needs a wlid
          {"commands":[{"commandName":"calculateSBOM","wlid":"wlid://c/n/d"}]}                              | UNSUPPORTED_COMMAND | not handled
          {"commands":[{"commandName":"scan","wlid":"wlid://c"},{"commandName":"setKubescapeCronJob"}]}     | MISSING_ARGUMENT  | commands[1]
          """)
  void refusesABadCommandAndSaysWhy(String json, CommandException.Reason reason, String message) {
    Commands commands = WireJson.read(json.replace("%s", "a".repeat(53)), Commands.class);

    assertThatThrownBy(() -> validator.validate(commands))
        .isInstanceOf(CommandException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((CommandException) e).reason())
        .isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"commands\":[{\"commandName\":\"kubescapeScan\"}]}",
        "{\"commands\":[{\"commandName\":\"runKubescapeJob\",\"args\":{}}]}",
        "{\"commands\":[{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{\"targetNames\":[\"nsa\"]}}}]}",
      })
  void leavesAPostureScanRequestToKubescapeAsTheOriginalDoes(String json) {
    Commands commands = WireJson.read(json, Commands.class);

    assertThatCode(() -> validator.validate(commands)).doesNotThrowAnyException();
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in =
        CommandValidatorTest.class.getResourceAsStream("/messages/" + name + ".json")) {
      return in.readAllBytes();
    }
  }
}
