package io.kso.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JobContextTest {

  @Test
  void childScopesCarryTheirParentAndRestoreIt() {
    try (JobContext job = JobContext.open("job-1", "root-0")) {
      assertThat(MDC.get(JobContext.JOB_ID)).isEqualTo("job-1");
      assertThat(MDC.get(JobContext.PARENT_ID)).isEqualTo("root-0");

      try (JobContext child = JobContext.child()) {
        assertThat(child.parentId()).isEqualTo("job-1");
        assertThat(child.jobId()).isNotEqualTo("job-1").hasSize(36);
      }

      assertThat(job.jobId()).isEqualTo("job-1");
      assertThat(job.parentId()).isEqualTo("root-0");
    }
    assertThat(MDC.get(JobContext.JOB_ID)).isNull();
    assertThat(MDC.get(JobContext.PARENT_ID)).isNull();
  }

  @Test
  void aMissingJobIdGetsANewOne() {
    try (JobContext job = JobContext.open("", null)) {
      assertThat(job.jobId()).hasSize(36);
      assertThat(job.parentId()).isEmpty();
    }
  }
}
