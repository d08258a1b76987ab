package io.kso.kubescape;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.common.config.ClusterConfig;
import io.kso.kubescape.adapter.files.FileResultStore;
import io.kso.kubescape.adapter.files.KubescapeConfigFile;
import io.kso.kubescape.adapter.http.EventReceiverOptions;
import io.kso.kubescape.adapter.http.EventReceiverReportPublisher;
import io.kso.kubescape.adapter.k8s.ClusterReadOptions;
import io.kso.kubescape.adapter.k8s.Fabric8ClusterObjects;
import io.kso.kubescape.adapter.web.PostureRoutes;
import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleDownloader;
import io.kso.kubescape.bundle.BundleFiles;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.port.ClusterObjects;
import io.kso.kubescape.port.PublishRequest;
import io.kso.kubescape.port.ReportPublisher;
import io.kso.kubescape.port.ResultStore;
import io.kso.kubescape.posture.MetricsCache;
import io.kso.kubescape.posture.Once;
import io.kso.kubescape.posture.PostureReportChunks;
import io.kso.kubescape.posture.PostureScan;
import io.kso.kubescape.posture.PostureScans;
import io.kso.kubescape.posture.PrometheusText;
import io.kso.kubescape.posture.ScanDefaults;
import io.kso.kubescape.posture.ScanIdentity;
import io.kso.kubescape.posture.ScanRequest;
import io.kso.kubescape.posture.ScanRequests;
import io.kso.kubescape.posture.Submission;
import io.kso.kubescape.scan.Scanner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Builds kubescape-svc's posture service from its adapters and settings. */
@Configuration(proxyBeanMethods = false)
class KubescapeWiring {
  private static final Logger log = LoggerFactory.getLogger(KubescapeWiring.class);

  /** The engine, built for the first scan: an idle service does not hold the bundle. */
  @Bean
  Once<Scanner> scanner(KubescapeProperties props) {
    KubescapeProperties.Artifacts artifacts = props.artifacts();
    return new Once<>(
        () -> {
          List<Map<String, String>> layers = new ArrayList<>();
          layers.add(BundleFiles.embedded());
          if (artifacts.download() && notBlank(artifacts.url())) {
            layers.add(BundleDownloader.download(URI.create(artifacts.url()), artifacts.sha256()));
          }
          Bundle bundle = BundleLoader.load(layers);
          return new Scanner(bundle, new RuleCompiler());
        });
  }

  @Bean
  KubescapeConfigFile kubescapeConfigFile(KubescapeProperties props) {
    return KubescapeConfigFile.read(props.identity().configFile());
  }

  @Bean
  ResultStore resultStore(KubescapeProperties props) {
    return new FileResultStore(props.results().dir(), props.results().keep());
  }

  @Bean
  ClusterObjects clusterObjects(KubernetesClient client, KubescapeProperties props) {
    KubescapeProperties.Collection c = props.collection();
    return new Fabric8ClusterObjects(
        client,
        new ClusterReadOptions(
            c.pageSize(),
            c.parallelism(),
            c.requestTimeout(),
            ClusterReadOptions.defaults().retries()));
  }

  @Bean(destroyMethod = "close")
  PostureScans postureScans(
      Once<Scanner> scanner,
      ClusterObjects cluster,
      ResultStore results,
      KubescapeProperties props,
      ClusterConfig clusterConfig,
      KubescapeConfigFile configFile) {
    String clusterName =
        first(
            props.identity().clusterName(), configFile.clusterName(), clusterConfig.clusterName());
    PostureScan work =
        new PostureScan(
            scanner,
            cluster,
            results,
            submission(props, clusterConfig, configFile, clusterName),
            new ScanIdentity(clusterName, ""));
    return new PostureScans(work, props.queue().size(), Clock.systemUTC());
  }

  /** Submission needs an event receiver: without one nothing leaves the cluster. */
  private static Submission submission(
      KubescapeProperties props,
      ClusterConfig clusterConfig,
      KubescapeConfigFile configFile,
      String clusterName) {
    Optional<String> url =
        ClusterConfig.url(clusterConfig.eventReceiverRestUrl())
            .or(() -> ClusterConfig.url(configFile.cloudReportUrl()));
    if (url.isEmpty() || props.submission().keepLocal()) {
      log.atInfo()
          .addKeyValue("keepLocal", props.submission().keepLocal())
          .log("posture reports stay in the cluster: no event receiver, or keep-local");
      return Submission.NONE;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    KubescapeProperties.Submission s = props.submission();
    ReportPublisher publisher =
        new EventReceiverReportPublisher(
            http,
            new EventReceiverOptions(
                URI.create(url.get()),
                "",
                PostureReportChunks.KUBESCAPE_MAX_ITEM_BYTES,
                new EventReceiverOptions.Retry(
                    s.attempts(), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                s.timeout()));
    return (scanId, account, report) ->
        publisher.publish(
            PublishRequest.builder()
                .reportFile(report)
                .reportId(scanId)
                .jobId(scanId)
                .customerGuid(account)
                .clusterName(clusterName)
                .contextName(clusterName)
                .build());
  }

  @Bean
  ScanRequests scanRequests(
      Once<Scanner> scanner,
      KubescapeProperties props,
      ClusterConfig clusterConfig,
      KubescapeConfigFile configFile) {
    return new ScanRequests(
        () -> scanner.get().bundle(),
        new ScanDefaults(
            props.submission().submit(),
            props.submission().keepLocal(),
            props.namespaces().include(),
            props.namespaces().exclude(),
            first(props.identity().account(), configFile.accountId(), clusterConfig.accountId())));
  }

  @Bean
  MetricsCache metricsCache(PostureScans scans, KubescapeProperties props) {
    return new MetricsCache(
        scans,
        ScanRequest.builder().frameworks(props.metrics().frameworks()).build(),
        report -> PrometheusText.render(report, PrometheusText.ResourceMetrics.INCLUDE),
        props.metrics().maxAge(),
        Clock.systemUTC());
  }

  @Bean
  RouterFunction<ServerResponse> postureRoutes(
      ScanRequests requests,
      PostureScans scans,
      ResultStore results,
      MetricsCache metrics,
      KubescapeProperties props) {
    return new PostureRoutes(
            requests, scans, results, metrics, (int) props.queue().maxBody().toBytes())
        .routes();
  }

  private static String first(String... values) {
    for (String v : values) {
      if (notBlank(v)) {
        return v.strip();
      }
    }
    return "";
  }

  private static boolean notBlank(String v) {
    return v != null && !v.isBlank();
  }
}
