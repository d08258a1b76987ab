package io.kso.kubevuln;

import io.kso.common.config.ClusterConfig;
import io.kso.kubevuln.adapter.health.VulnDataHealthIndicator;
import io.kso.kubevuln.adapter.registry.RegistryImageSboms;
import io.kso.kubevuln.adapter.report.EventReceiverReports;
import io.kso.kubevuln.adapter.report.LocalReports;
import io.kso.kubevuln.adapter.web.ScanRoutes;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.registry.RegistryOptions;
import io.kso.kubevuln.service.DataRefresh;
import io.kso.kubevuln.service.SbomCache;
import io.kso.kubevuln.service.ScanQueue;
import io.kso.kubevuln.service.ScanService;
import io.kso.kubevuln.service.VulnData;
import io.kso.kubevuln.service.port.ScanReports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Builds kubevuln's scan service from its adapters and settings. */
@Configuration(proxyBeanMethods = false)
class KubevulnWiring {
  @Bean(destroyMethod = "close")
  VulnData vulnData(KubevulnProperties props) {
    return new VulnData(props.dataDir().resolve("db"), props.maxDataAge(), Clock.systemUTC());
  }

  @Bean
  LocalReports localReports(KubevulnProperties props) {
    return new LocalReports(props.dataDir().resolve("results"));
  }

  @Bean
  ScanService scanService(
      KubevulnProperties props, ClusterConfig config, VulnData data, LocalReports local) {
    ImageLimits limits =
        config.maxImageSize() != null && config.maxImageSize() > 0
            ? ImageLimits.DEFAULT.withMaxImageSize(config.maxImageSize())
            : ImageLimits.DEFAULT;
    ScanReports reports =
        ClusterConfig.url(config.eventReceiverRestUrl())
            .filter(url -> !config.isKeepLocal())
            .<ScanReports>map(
                url ->
                    new EventReceiverReports(
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                        url,
                        config.accountId(),
                        config.clusterName(),
                        Clock.systemUTC(),
                        Duration.ofSeconds(1)))
            .orElse(local);
    return new ScanService(
        new RegistryImageSboms(limits, RegistryOptions.defaults()),
        new SbomCache(props.dataDir().resolve("sbom"), props.sbomCacheSize()),
        data,
        reports,
        Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  ScanQueue scanQueue(
      ScanService service,
      KubevulnProperties props,
      ClusterConfig config,
      LocalReports local,
      MeterRegistry meters) {
    int concurrency =
        config.scanConcurrency() != null && config.scanConcurrency() > 0
            ? config.scanConcurrency()
            : props.scanConcurrency();
    Duration timeout =
        Optional.ofNullable(config.scanTimeout())
            .filter(s -> !s.isBlank())
            .map(GoDuration::parse)
            .orElse(props.scanTimeout());
    ScanQueue queue =
        new ScanQueue(
            service,
            service.reports(),
            concurrency,
            props.queueDepth(),
            timeout,
            outcome ->
                Counter.builder("kubevuln_scans")
                    .tag("outcome", outcome)
                    .description("Scans by how they ended (refused: the queue was full)")
                    .register(meters)
                    .increment());
    Gauge.builder("kubevuln_scan_queue_waiting", queue, ScanQueue::waiting).register(meters);
    Gauge.builder("kubevuln_scans_running", queue, ScanQueue::running).register(meters);
    return queue;
  }

  @Bean(destroyMethod = "close")
  DataRefresh dataRefresh(
      VulnData data, ScanService service, KubevulnProperties props, MeterRegistry meters) {
    Gauge.builder(
            "kubevuln_vulnerability_data_age_seconds",
            data,
            d -> d.status().map(s -> (double) s.age().toSeconds()).orElse(Double.NaN))
        .description("Age of the vulnerability data")
        .register(meters);
    Gauge.builder(
            "kubevuln_vulnerability_data_stale",
            data,
            d -> d.status().map(s -> s.stale() ? 1.0 : 0.0).orElse(1.0))
        .description("1 when the data is older than the configured limit, or missing")
        .register(meters);
    Gauge.builder(
            "kubevuln_vulnerability_records",
            data,
            d -> d.status().map(s -> (double) s.records()).orElse(0.0))
        .register(meters);
    DataRefresh refresh = new DataRefresh(data, service, props.dataSources(), props.dataRefresh());
    refresh.start();
    return refresh;
  }

  @Bean
  HealthIndicator vulnerabilityDataHealthIndicator(VulnData data) {
    return new VulnDataHealthIndicator(data);
  }

  @Bean
  RouterFunction<ServerResponse> scanRoutes(ScanQueue queue, LocalReports local) {
    return new ScanRoutes(queue, local).routes();
  }
}
