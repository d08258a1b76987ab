package io.kso.kubevuln;

import io.kso.common.config.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param scanConcurrency how many images are scanned at once
 */
@ConfigurationProperties("ks.kubevuln")
public record KubevulnProperties(@DefaultValue("1") int scanConcurrency) {
  public KubevulnProperties {
    Settings.atLeast(scanConcurrency, 1, "ks.kubevuln.scan-concurrency");
  }
}
