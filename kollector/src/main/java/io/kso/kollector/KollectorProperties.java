package io.kso.kollector;

import io.kso.common.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param namespace the namespace whose pods and workloads are reported ({@code NAMESPACE})
 * @param waitBeforeReport delay before the first report ({@code WAIT_BEFORE_REPORT}, seconds)
 */
@ConfigurationProperties("ks.kollector")
public record KollectorProperties(
    @DefaultValue("default") String namespace, @DefaultValue("0s") Duration waitBeforeReport) {
  public KollectorProperties {
    Settings.notBlank(namespace, "ks.kollector.namespace");
  }
}
