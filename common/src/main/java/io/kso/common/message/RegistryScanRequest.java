package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Operator to kubevuln, {@code POST /v1/scanRegistryImage}: one image of a registry scan. {@code
 * args} carries {@code registryName}, {@code repository}, {@code tag}, {@code useHTTP}, {@code
 * skipTLSVerify} and {@code sensor}. Credentials are never printed by {@link #toString()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegistryScanRequest(
    @JsonProperty("imageTag") String imageTag,
    @JsonProperty("jobID") String jobId,
    @JsonProperty("parentJobID") String parentJobId,
    @JsonProperty("session") SessionChain session,
    @JsonProperty("credentialsList") List<RegistryCredentials> credentialsList,
    @JsonProperty("args") Map<String, Object> args) {

  public RegistryScanRequest {
    credentialsList = credentialsList == null ? List.of() : List.copyOf(credentialsList);
    args = args == null ? Map.of() : Map.copyOf(args);
  }

  @Override
  public String toString() {
    return "RegistryScanRequest[imageTag=%s, jobID=%s, parentJobID=%s, credentials=%d entries]"
        .formatted(imageTag, jobId, parentJobId, credentialsList.size());
  }
}
