package io.kso.operator;

import io.kso.common.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param namespace where the operator creates its CronJobs and ConfigMaps ({@code NAMESPACE})
 * @param workerConcurrency how many commands run at once ({@code WORKER_CONCURRENCY})
 * @param triggerSecurityFramework add the {@code security} framework to framework scans ({@code
 *     TRIGGER_SECURITY_FRAMEWORK})
 * @param cleanupDelay how often the pod-to-workload map is rebuilt ({@code CLEANUP_DELAY})
 * @param queueCapacity how many accepted commands may wait for a worker; beyond it, 503
 * @param statusPollInterval how often a running posture scan's status is asked for
 * @param followScansFor how long a posture scan is followed before the job fails as still busy
 * @param gatewayPing how often the gateway link is pinged
 * @param kubescapeBusyRetries how often a call kubescape-svc answers 503 with {@code Retry-After}
 *     (its queue is full) is made again before the job fails
 * @param kubescapeMaxRetryAfter the longest {@code Retry-After} of kubescape-svc that is honoured
 * @param startupScan the posture scan of the whole cluster once kubescape-svc is ready
 */
@ConfigurationProperties("ks.operator")
public record OperatorProperties(
    @DefaultValue("default") String namespace,
    @DefaultValue("3") int workerConcurrency,
    @DefaultValue("true") boolean triggerSecurityFramework,
    @DefaultValue("10m") Duration cleanupDelay,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("40s") Duration statusPollInterval,
    @DefaultValue("2h") Duration followScansFor,
    @DefaultValue("30s") Duration gatewayPing,
    @DefaultValue("5") int kubescapeBusyRetries,
    @DefaultValue("5m") Duration kubescapeMaxRetryAfter,
    @DefaultValue StartupScan startupScan) {
  public OperatorProperties {
    Settings.notBlank(namespace, "ks.operator.namespace");
    Settings.atLeast(workerConcurrency, 1, "ks.operator.worker-concurrency");
    Settings.atLeast(queueCapacity, 1, "ks.operator.queue-capacity");
    Settings.atLeast(kubescapeBusyRetries, 0, "ks.operator.kubescape-busy-retries");
    positive(statusPollInterval, "ks.operator.status-poll-interval");
  }

  /**
   * @param enabled run the scan ({@code STARTUP_POSTURE_SCAN}, on as in the original)
   * @param readyPollInterval how often {@code HEAD /readyz} is sent until kubescape-svc answers
   * @param waitFor how long to wait for kubescape-svc; {@code 0} waits as long as the operator runs
   */
  public record StartupScan(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1s") Duration readyPollInterval,
      @DefaultValue("0s") Duration waitFor) {
    public StartupScan {
      positive(readyPollInterval, "ks.operator.startup-scan.ready-poll-interval");
      if (waitFor.isNegative()) {
        throw new IllegalArgumentException(
            "ks.operator.startup-scan.wait-for must not be negative");
      }
    }
  }

  private static void positive(Duration value, String property) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be positive, was " + value);
    }
  }
}
