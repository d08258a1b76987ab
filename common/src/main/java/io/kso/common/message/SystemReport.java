package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A job status report ("sysreport"), posted to {@code {eventReceiverRestURL}/k8s/sysreport}. {@code
 * status} is one of {@code started}, {@code success}, {@code failure}, {@code warning}, {@code
 * done}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SystemReport(
    @JsonProperty("customerGUID") String customerGuid,
    @JsonProperty("reporter") String reporter,
    @JsonProperty("target") String target,
    @JsonProperty("status") String status,
    @JsonProperty("action") String action,
    @JsonProperty("errors") List<String> errors,
    @JsonProperty("actionID") String actionId,
    @JsonProperty("numSeq") int numSeq,
    @JsonProperty("jobID") String jobId,
    @JsonProperty("parentAction") String parentId,
    @JsonProperty("details") String details,
    @JsonProperty("timestamp") Instant timestamp) {

  public static final String PATH = "/k8s/sysreport";

  public SystemReport {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
