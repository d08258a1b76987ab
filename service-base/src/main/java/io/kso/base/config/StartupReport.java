package io.kso.base.config;

import io.kso.common.concurrent.Daemons;
import io.kso.common.config.ClusterConfig;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationContext;

/**
 * Logs, once at startup, the configuration a service runs with: the cluster it belongs to, the
 * peers it will talk to, and its own {@code ks.<service>} settings (records without secrets).
 */
public final class StartupReport implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
  private static final String OWN_PACKAGE = "io.kso.";

  private final ApplicationContext context;
  private final ClusterConfig config;

  public StartupReport(ApplicationContext context, ClusterConfig config) {
    this.context = context;
    this.config = config;
  }

  /**
   * Runners hold back readiness: the report (a scan of the beans and one long log line, ~50 ms of a
   * cold JVM's time) is written on a thread of its own instead.
   */
  @Override
  public void run(ApplicationArguments args) {
    Daemons.start("startup-report", this::report);
  }

  void report() {
    var line =
        log.atInfo()
            .addKeyValue("clusterName", config.clusterName())
            .addKeyValue("namespace", config.namespace())
            .addKeyValue("kubevulnURL", config.kubevulnUrl())
            .addKeyValue("kubescapeURL", config.kubescapeUrl())
            .addKeyValue("gatewayWebsocketURL", config.gatewayWebsocketUrl())
            .addKeyValue("eventReceiverRestURL", config.eventReceiverRestUrl())
            .addKeyValue("aot", AotDetector.useGeneratedArtifacts());
    for (Object settings : ownSettings()) {
      line = line.addKeyValue(settings.getClass().getSimpleName(), settings.toString());
    }
    line.log("service configured");
  }

  private List<Object> ownSettings() {
    return context.getBeansWithAnnotation(ConfigurationProperties.class).values().stream()
        .filter(bean -> bean.getClass().getName().startsWith(OWN_PACKAGE))
        .filter(bean -> !(bean instanceof ServiceBaseProperties))
        .sorted(Comparator.comparing(bean -> bean.getClass().getSimpleName()))
        .toList();
  }
}
