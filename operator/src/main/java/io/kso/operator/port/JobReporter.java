package io.kso.operator.port;

import io.kso.common.message.SystemReport;
import java.util.List;

/** The event receiver: where job status and registry findings go, when one is configured. */
public interface JobReporter {
  /** Best effort: a report that cannot be delivered is logged, never thrown. */
  void report(SystemReport report);

  /**
   * The repositories a registry connectivity test found ({@code POST /k8s/registryRepositories}).
   * Best effort, like {@link #report}.
   */
  default void repositories(
      String jobId, String customerGuid, String registryName, List<String> repositories) {}
}
