package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The chain of job ids that led to an image scan, root first. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SessionChain(
    @JsonProperty("jobIDs") List<String> jobIds,
    @JsonProperty("timestamp") Instant timestamp,
    @JsonProperty("rootJobID") String rootJobId,
    @JsonProperty("action") String action) {
  public SessionChain {
    jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
  }
}
