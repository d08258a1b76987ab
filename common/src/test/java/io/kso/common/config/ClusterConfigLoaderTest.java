package io.kso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void readsTheChartRenderingWithBooleansGivenAsStrings() throws IOException {
    Path file =
        write(
            "{\"clusterName\":\"c1\",\"accountID\":\"a1\",\"triggerNewImageScan\":\"true\","
                + "\"nodeAgent\":\"false\",\"storage\":true,\"keepLocal\":\"True\",\"maxImageSize\":5368709120,"
                + "\"gatewayWebsocketURL\":\"gateway:8001\",\"someFutureKey\":[1,2]}");

    ClusterConfig config =
        ClusterConfigLoader.load(
            file, ClusterConfigLoader.CLUSTER_NAME, ClusterConfigLoader.ACCOUNT_ID);

    assertThat(config.clusterName()).isEqualTo("c1");
    assertThat(config.triggerNewImageScan()).isTrue();
    assertThat(config.nodeAgent()).isFalse();
    assertThat(config.storage()).isTrue();
    assertThat(config.isKeepLocal()).isTrue();
    assertThat(config.maxImageSize()).isEqualTo(5_368_709_120L);
    assertThat(ClusterConfig.url(config.gatewayWebsocketUrl())).contains("gateway:8001");
    assertThat(ClusterConfig.url(config.kubevulnUrl())).isEmpty();
  }

  @Test
  void namesTheMissingRequiredKeys() throws IOException {
    Path file = write("{\"clusterName\":\" \"}");

    assertThatThrownBy(
            () ->
                ClusterConfigLoader.load(
                    file, ClusterConfigLoader.CLUSTER_NAME, ClusterConfigLoader.ACCOUNT_ID))
        .isInstanceOf(ClusterConfigException.class)
        .hasMessageContaining("[clusterName, accountID]");
  }

  @Test
  void saysWhereTheFileWasExpected() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> ClusterConfigLoader.load(missing))
        .isInstanceOf(ClusterConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("CONFIG");
  }

  @Test
  void namesTheFieldOfAMalformedValue() throws IOException {
    Path file = write("{\"clusterName\":\"c1\",\n\"maxImageSize\":\"huge\"}");

    assertThatThrownBy(() -> ClusterConfigLoader.load(file))
        .isInstanceOf(ClusterConfigException.class)
        .hasMessageContaining("maxImageSize");
  }

  @Test
  void refusesAFileThatIsNotJson() throws IOException {
    Path file = write("clusterName: c1\n");

    assertThatThrownBy(() -> ClusterConfigLoader.load(file))
        .isInstanceOf(ClusterConfigException.class)
        .hasMessageContaining("is not valid");
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("clusterData.json"), json);
  }
}
