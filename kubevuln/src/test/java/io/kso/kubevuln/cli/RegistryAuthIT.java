package io.kso.kubevuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.testing.CliRun;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import io.kso.kubevuln.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry behind htpasswd basic auth: the right credentials work, wrong ones say so. */
class RegistryAuthIT {
  private static final String USER = "scanner";
  private static final String PASSWORD = "s3cret-Pa55word";

  @TempDir static Path temp;
  static TestRegistry registry;
  static String ref;

  @BeforeAll
  static void startRegistry() {
    registry = TestRegistry.start(temp, USER, PASSWORD);
    ref =
        registry.push(
            TestImage.of(
                new TestLayer()
                    .file("lib/apk/db/installed", "P:busybox\nV:1.36.1-r15\nA:x86_64\n\n")),
            "private/app",
            "1");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void passwordFromStdinWorks() {
    CliRun run =
        CliRun.withStdin(
            PASSWORD + "\n",
            "sbom",
            ref,
            "--insecure-registry",
            "--username",
            USER,
            "--password-stdin");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pkg:apk/alpine/busybox@1.36.1-r15");
    assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
  }

  @Test
  void dockerConfigJsonWorks() throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Path config =
        Files.writeString(
            temp.resolve("config.json"),
            "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    CliRun run =
        CliRun.of("sbom", ref, "--insecure-registry", "--registry-config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("busybox");
  }

  @Test
  void wrongPasswordIsAClearErrorThatDoesNotEchoIt() {
    String wrong = "not-the-Pa55word";
    CliRun run =
        CliRun.withStdin(
            wrong, "sbom", ref, "--insecure-registry", "--username", USER, "--password-stdin");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("refused access")
        .contains("check the credentials")
        .doesNotContain(wrong)
        .doesNotContain(PASSWORD);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noCredentialsIsAClearError() {
    CliRun run = CliRun.of("sbom", ref, "--insecure-registry");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("requires authentication and no credentials were given");
  }
}
