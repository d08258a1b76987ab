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
 * @param followScansFor how long a posture scan is followed before the job stops waiting
 * @param gatewayPing how often the gateway link is pinged
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
    @DefaultValue("30s") Duration gatewayPing) {
  public OperatorProperties {
    Settings.notBlank(namespace, "ks.operator.namespace");
    Settings.atLeast(workerConcurrency, 1, "ks.operator.worker-concurrency");
    Settings.atLeast(queueCapacity, 1, "ks.operator.queue-capacity");
  }
}
