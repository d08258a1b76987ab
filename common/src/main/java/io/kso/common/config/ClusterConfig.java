package io.kso.common.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The cluster configuration: the {@code clusterData} key of the URLs ConfigMap {@code
 * ks-cloud-config}, mounted at {@code /etc/config/clusterData.json}. In-cluster service URLs are
 * {@code host:port} without a scheme; cloud URLs carry one. Booleans may arrive as strings ({@code
 * "false"}), as the chart writes some of them that way. Unknown keys are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterConfig(
    @JsonProperty("clusterName") String clusterName,
    @JsonProperty("accountID") String accountId,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("gatewayWebsocketURL") String gatewayWebsocketUrl,
    @JsonProperty("gatewayRestURL") String gatewayRestUrl,
    @JsonProperty("vulnScanURL") String vulnScanUrl,
    @JsonProperty("kubevulnURL") String kubevulnUrl,
    @JsonProperty("kubescapeURL") String kubescapeUrl,
    @JsonProperty("eventReceiverRestURL") String eventReceiverRestUrl,
    @JsonProperty("eventReceiverWebsocketURL") String eventReceiverWebsocketUrl,
    @JsonProperty("rootGatewayURL") String rootGatewayUrl,
    @JsonProperty("backendOpenAPI") String backendOpenApi,
    @JsonProperty("listingURL") String listingUrl,
    @JsonProperty("triggerNewImageScan") Boolean triggerNewImageScan,
    @JsonProperty("storage") Boolean storage,
    @JsonProperty("nodeAgent") Boolean nodeAgent,
    @JsonProperty("keepLocal") Boolean keepLocal,
    @JsonProperty("relevantImageVulnerabilitiesEnabled")
        Boolean relevantImageVulnerabilitiesEnabled,
    @JsonProperty("relevantImageVulnerabilitiesConfiguration")
        String relevantImageVulnerabilitiesConfiguration,
    @JsonProperty("imageVulnerabilitiesScanningEnabled")
        Boolean imageVulnerabilitiesScanningEnabled,
    @JsonProperty("postureScanEnabled") Boolean postureScanEnabled,
    @JsonProperty("otelCollector") Boolean otelCollector,
    @JsonProperty("maxImageSize") Long maxImageSize,
    @JsonProperty("scanTimeout") String scanTimeout,
    @JsonProperty("scanConcurrency") Integer scanConcurrency,
    @JsonProperty("clusterProvider") String clusterProvider) {

  /** Where the chart mounts the file; the {@code CONFIG} environment variable overrides it. */
  public static final String DEFAULT_PATH = "/etc/config/clusterData.json";

  /** An optional URL: empty when the key is missing or blank. */
  public static Optional<String> url(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @JsonIgnore
  public boolean isKeepLocal() {
    return Boolean.TRUE.equals(keepLocal);
  }

  @JsonIgnore
  public boolean isTriggerNewImageScan() {
    return Boolean.TRUE.equals(triggerNewImageScan);
  }
}
