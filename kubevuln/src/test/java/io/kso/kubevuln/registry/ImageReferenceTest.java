package io.kso.kubevuln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.kubevuln.image.ImageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
    "nginx, docker.io, library/nginx, latest, ",
    "nginx:1.27, docker.io, library/nginx, 1.27, ",
    "bitnami/redis:7, docker.io, bitnami/redis, 7, ",
    "quay.io/kubescape/kubevuln:v0.3.2, quay.io, kubescape/kubevuln, v0.3.2, ",
    "localhost/app, localhost, app, latest, ",
    "127.0.0.1:5000/team/app:1, 127.0.0.1:5000, team/app, 1, ",
    "ghcr.io/o/a@sha256:0000000000000000000000000000000000000000000000000000000000000000,"
        + " ghcr.io, o/a, , sha256:0000000000000000000000000000000000000000000000000000000000000000"
  })
  void parsesWithDockerDefaults(
      String text, String registry, String repo, String tag, String digest) {
    assertThat(ImageReference.parse(text))
        .isEqualTo(new ImageReference(registry, repo, tag, digest));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "UPPER/case", "a/../b", "app:bad tag", "app@sha256:short", "app:", "/app"})
  void rejectsInvalidReferences(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("not a valid image reference");
  }

  @org.junit.jupiter.api.Test
  void dockerHubIsReachedThroughItsApiHost() {
    assertThat(ImageReference.parse("alpine").apiHost()).isEqualTo("registry-1.docker.io");
  }

  @org.junit.jupiter.api.Test
  void dockerConfigCredentialsMatchHostsInEveryForm() {
    var creds =
        DockerConfigCredentials.parse(
            "{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"dXNlcjpwYXNz\"},"
                + "\"registry.example.com:5000\":{\"username\":\"u\",\"password\":\"p:w\"}}}");
    assertThat(creds.apply("docker.io"))
        .get()
        .extracting(RegistryCredentials::username)
        .isEqualTo("user");
    assertThat(creds.apply("registry.example.com:5000"))
        .get()
        .extracting(RegistryCredentials::password)
        .isEqualTo("p:w");
    assertThat(creds.apply("other.io")).isEmpty();
    assertThat(new RegistryCredentials("u", "secret").toString()).doesNotContain("secret");
  }
}
