package io.kso.kubevuln;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param scanConcurrency how many images are scanned at once
 */
@Validated
@ConfigurationProperties("ks.kubevuln")
public record KubevulnProperties(@DefaultValue("1") @Min(1) int scanConcurrency) {}
