package io.kso.kubescape;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param resultsDir where scan results wait to be fetched ({@code KS_RESULTS_DIR})
 */
@Validated
@ConfigurationProperties("ks.kubescape")
public record KubescapeProperties(@NotNull Path resultsDir) {}
