package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Where a command sits in a job tree: its own id, its parent's id and the last action number. Go
 * always serialised this struct, with the zero time {@code 0001-01-01T00:00:00Z} when unset; we do
 * the same so round-tripped bodies match.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobTracking(
    @JsonProperty("jobID") String jobId,
    @JsonProperty("parentAction") String parentId,
    @JsonProperty("numSeq") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int numSeq,
    @JsonProperty("timestamp") @JsonInclude(JsonInclude.Include.ALWAYS) Instant timestamp) {

  /** Go's zero {@code time.Time}. */
  public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  public static final JobTracking NONE = new JobTracking(null, null, 0, null);

  public JobTracking {
    timestamp = timestamp == null ? GO_ZERO_TIME : timestamp;
  }

  public boolean hasJobId() {
    return jobId != null && !jobId.isEmpty();
  }
}
