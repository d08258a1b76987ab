package io.kso.kubescape.adapter.files;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kso.common.message.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;

/**
 * The {@code config.json} of the {@code kubescape-config} ConfigMap, as the original reads it from
 * {@code ~/.kubescape/config.json}: the account, the cluster's name and the report URL. A missing
 * file is an empty configuration; one that does not parse stops the start with its path.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KubescapeConfigFile(
    @JsonProperty("accountID") String accountId,
    @JsonProperty("clusterName") String clusterName,
    @JsonProperty("cloudReportURL") String cloudReportUrl) {

  public static KubescapeConfigFile read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return new KubescapeConfigFile(null, null, null);
    }
    try {
      KubescapeConfigFile parsed =
          WireJson.read(Files.readAllBytes(file), KubescapeConfigFile.class);
      return parsed == null ? new KubescapeConfigFile(null, null, null) : parsed;
    } catch (IOException e) {
      throw new IllegalStateException(file + " cannot be read: " + e.getMessage(), e);
    } catch (JacksonException e) {
      throw new IllegalStateException(file + " is not a config.json: " + WireJson.describe(e), e);
    }
  }
}
