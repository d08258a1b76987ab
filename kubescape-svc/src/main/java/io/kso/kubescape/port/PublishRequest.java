package io.kso.kubescape.port;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A stored posture report to deliver, and who it belongs to.
 *
 * @param reportFile the PostureReport v2 JSON of the scan, as the JSON report writer stores it
 *     ({@code generationTime}, {@code summaryDetails}, {@code resources}, {@code results}, ...)
 * @param reportId the report's GUID ({@code reportGUID}); Kubescape uses the scan's ID
 * @param jobId the operator job the scan belongs to ({@code jobID}); empty when none
 * @param customerGuid the account ({@code customerGUID}), a UUID
 * @param clusterName the cluster the report is about ({@code clusterName})
 * @param contextName the kube context ({@code contextName}); the cluster name when not given, as
 *     Kubescape sends
 */
public record PublishRequest(
    Path reportFile,
    String reportId,
    String jobId,
    String customerGuid,
    String clusterName,
    String contextName) {

  public PublishRequest {
    Objects.requireNonNull(reportFile, "reportFile");
    reportId = required(reportId, "reportId");
    customerGuid = required(customerGuid, "customerGuid");
    clusterName = required(clusterName, "clusterName");
    jobId = jobId == null ? "" : jobId;
    contextName = contextName == null || contextName.isBlank() ? clusterName : contextName;
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a request; {@code jobId} and {@code contextName} may be left out. */
  public static final class Builder {
    private Path reportFile;
    private String reportId;
    private String jobId;
    private String customerGuid;
    private String clusterName;
    private String contextName;

    private Builder() {}

    public Builder reportFile(Path reportFile) {
      this.reportFile = reportFile;
      return this;
    }

    public Builder reportId(String reportId) {
      this.reportId = reportId;
      return this;
    }

    public Builder jobId(String jobId) {
      this.jobId = jobId;
      return this;
    }

    public Builder customerGuid(String customerGuid) {
      this.customerGuid = customerGuid;
      return this;
    }

    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    public Builder contextName(String contextName) {
      this.contextName = contextName;
      return this;
    }

    public PublishRequest build() {
      return new PublishRequest(
          reportFile, reportId, jobId, customerGuid, clusterName, contextName);
    }
  }
}
