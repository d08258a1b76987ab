package io.kso.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.common.config.ClusterConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages that carry credentials never print them. */
class RedactionTest {

  static Stream<Arguments> messagesWithSecrets() {
    return Stream.of(
        Arguments.of("scan-image-request", ScanImageRequest.class, new String[] {"pa55word-1"}),
        Arguments.of("registry-scan-request", RegistryScanRequest.class, new String[] {"s3cret"}),
        Arguments.of("cluster-data", ClusterConfig.class, new String[] {}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messagesWithSecrets")
  void toStringHidesCredentials(String name, Class<?> type, String[] secrets) {
    String printed =
        WireJson.read(GoldenMessagesTest.resource("messages/" + name + ".json"), type).toString();

    for (String secret : secrets) {
      assertThat(printed).doesNotContain(secret);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credentialHolders")
  void credentialHoldersMaskEverySecret(Object message, String secret) {
    assertThat(message.toString()).doesNotContain(secret).contains(Redaction.MASK);
  }

  static Stream<Arguments> credentialHolders() {
    return Stream.of(
        Arguments.of(
            new RegistryCredentials("user", "hunter2", null, null, "r.io", null, null), "hunter2"),
        Arguments.of(
            new RegistryCredentials("user", null, "dXNlcjpodW50ZXIy", null, "r.io", null, null),
            "dXNlcjpodW50ZXIy"),
        Arguments.of(
            new RegistryCredentials(null, null, null, null, "r.io", "idtok-123", null),
            "idtok-123"),
        Arguments.of(
            new RegistryCredentials(null, null, null, null, "r.io", null, "regtok-456"),
            "regtok-456"),
        Arguments.of(new RegistryInfo.AuthMethod("user", "hunter2", "private"), "hunter2"),
        Arguments.of(
            new RegistryInfo(
                "r.io/p", null, "tok-789", 1, null, null, null, true, false, null, null),
            "tok-789"),
        Arguments.of(
            WireJson.convert(
                Map.of("accessKey", "ak-secret-1", "submit", true), PostScanRequest.class),
            "ak-secret-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandsWithSecretArgs")
  void commandsPrintOnlyTheirArgumentKeys(Command command) {
    assertThat(command.toString()).doesNotContain("hunter2").contains("registryInfo-v1");
  }

  static Stream<Command> commandsWithSecretArgs() {
    return Stream.of(
        Command.of(CommandName.SCAN_REGISTRY)
            .withArgs(
                Map.of(
                    CommandArgs.REGISTRY_INFO,
                    Map.of("authMethod", Map.of("username", "u", "password", "hunter2")))));
  }
}
