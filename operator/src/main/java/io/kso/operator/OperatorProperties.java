package io.kso.operator;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param namespace where the operator creates its CronJobs and ConfigMaps ({@code NAMESPACE})
 * @param workerConcurrency how many commands run at once ({@code WORKER_CONCURRENCY})
 * @param triggerSecurityFramework add the {@code security} framework to framework scans ({@code
 *     TRIGGER_SECURITY_FRAMEWORK})
 * @param cleanupDelay how often the pod-to-workload map is rebuilt ({@code CLEANUP_DELAY})
 */
@Validated
@ConfigurationProperties("ks.operator")
public record OperatorProperties(
    @DefaultValue("default") @NotBlank String namespace,
    @DefaultValue("3") @Min(1) int workerConcurrency,
    @DefaultValue("true") boolean triggerSecurityFramework,
    @DefaultValue("10m") Duration cleanupDelay) {}
