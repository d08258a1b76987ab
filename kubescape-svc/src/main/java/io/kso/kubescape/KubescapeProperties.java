package io.kso.kubescape;

import io.kso.common.config.Settings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param resultsDir where scan results wait to be fetched ({@code KS_RESULTS_DIR})
 */
@ConfigurationProperties("ks.kubescape")
public record KubescapeProperties(Path resultsDir) {
  public KubescapeProperties {
    Settings.required(resultsDir, "ks.kubescape.results-dir");
  }
}
