package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What kubescape-svc answers on {@code /v1/scan}, {@code /v1/status} and {@code /v1/results}:
 * {@code type} is one of {@code id}, {@code error}, {@code v1results}, {@code busy}, {@code
 * notBusy}, {@code ready}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KubescapeResponse(
    @JsonProperty("id") String id,
    @JsonProperty("type") String type,
    @JsonProperty("response") @JsonInclude(JsonInclude.Include.NON_NULL) Object response) {

  public static final String TYPE_BUSY = "busy";
  public static final String TYPE_NOT_BUSY = "notBusy";
  public static final String TYPE_ERROR = "error";
  public static final String TYPE_RESULTS = "v1results";

  public KubescapeResponse {
    id = id == null ? "" : id;
  }
}
