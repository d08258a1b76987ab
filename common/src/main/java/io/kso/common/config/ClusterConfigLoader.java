package io.kso.common.config;

import io.kso.common.message.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;

/** Reads {@code clusterData.json} and checks the keys a service cannot run without. */
public final class ClusterConfigLoader {
  private ClusterConfigLoader() {}

  /** A key the caller requires, with the accessor that reads it. */
  public record Required(String key, Function<ClusterConfig, String> accessor) {}

  public static final Required CLUSTER_NAME =
      new Required("clusterName", ClusterConfig::clusterName);
  public static final Required ACCOUNT_ID = new Required("accountID", ClusterConfig::accountId);

  public static ClusterConfig load(Path path, Required... required) {
    ClusterConfig config = parse(path);
    List<String> missing = new ArrayList<>();
    for (Required r : required) {
      String value = r.accessor().apply(config);
      if (value == null || value.isBlank()) {
        missing.add(r.key());
      }
    }
    if (!missing.isEmpty()) {
      throw new ClusterConfigException(
          "cluster configuration " + path + " lacks required key(s) " + missing);
    }
    return config;
  }

  private static ClusterConfig parse(Path path) {
    try {
      return WireJson.read(Files.readAllBytes(path), ClusterConfig.class);
    } catch (NoSuchFileException e) {
      throw new ClusterConfigException(
          "cluster configuration not found at "
              + path
              + " (mount the ks-cloud-config ConfigMap there, or set CONFIG to its path)",
          e);
    } catch (IOException e) {
      throw new ClusterConfigException("cannot read cluster configuration " + path + ": " + e, e);
    } catch (JacksonException e) {
      throw new ClusterConfigException(
          "cluster configuration " + path + " is not valid: " + WireJson.describe(e), e);
    }
  }
}
