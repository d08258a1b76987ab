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

  /**
   * The chain of a sub-action: the job's own parent (if any), the job, and the sub-action, rooted
   * at the first of them.
   */
  public static SessionChain ofSubAction(
      String jobParent, String job, String subAction, Instant at, String action) {
    List<String> chain = new java.util.ArrayList<>();
    if (jobParent != null && !jobParent.isEmpty()) {
      chain.add(jobParent);
    }
    chain.add(job);
    chain.add(subAction);
    return new SessionChain(chain, at, chain.get(0), action);
  }
}
