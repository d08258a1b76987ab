package io.kso.kollector;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param namespace the namespace whose pods and workloads are reported ({@code NAMESPACE})
 * @param waitBeforeReport delay before the first report ({@code WAIT_BEFORE_REPORT}, seconds)
 */
@Validated
@ConfigurationProperties("ks.kollector")
public record KollectorProperties(
    @DefaultValue("default") @NotBlank String namespace,
    @DefaultValue("0s") Duration waitBeforeReport) {}
