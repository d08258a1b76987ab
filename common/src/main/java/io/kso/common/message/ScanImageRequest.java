package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Operator to kubevuln, {@code POST /v1/scanImage} and {@code /v1/generateSBOM} (the original
 * {@code WebsocketScanCommand}). {@code credentials} is the deprecated single form of {@code
 * credentialsList}; neither is printed by {@link #toString()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScanImageRequest(
    @JsonProperty("imageTag") String imageTag,
    @JsonProperty("imageHash") String imageHash,
    @JsonProperty("wlid") String wlid,
    @JsonProperty("containerName") String containerName,
    @JsonProperty("isScanned") @JsonInclude(JsonInclude.Include.ALWAYS) boolean scanned,
    @JsonProperty("actionIDN") @JsonInclude(JsonInclude.Include.ALWAYS) int actionNumber,
    @JsonProperty("instanceID") String instanceId,
    @JsonProperty("jobID") String jobId,
    @JsonProperty("parentJobID") String parentJobId,
    @JsonProperty("session") SessionChain session,
    @JsonProperty("credentialsList") List<RegistryCredentials> credentialsList,
    @JsonProperty("credentials") RegistryCredentials credentials,
    @JsonProperty("args") Map<String, Object> args) {

  public ScanImageRequest {
    credentialsList = credentialsList == null ? List.of() : List.copyOf(credentialsList);
    args = args == null ? Map.of() : Map.copyOf(args);
  }

  @Override
  public String toString() {
    return ("ScanImageRequest[imageTag=%s, imageHash=%s, wlid=%s, containerName=%s, jobID=%s,"
            + " parentJobID=%s, credentials=%d entries]")
        .formatted(
            imageTag, imageHash, wlid, containerName, jobId, parentJobId, credentialsList.size());
  }
}
