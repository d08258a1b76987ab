package io.kso.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.common.config.ClusterConfig;
import io.kso.operator.adapter.http.HttpImageScanner;
import io.kso.operator.adapter.http.HttpJobReporter;
import io.kso.operator.adapter.http.HttpPostureScanner;
import io.kso.operator.adapter.http.UnconfiguredImageScanner;
import io.kso.operator.adapter.http.UnconfiguredPostureScanner;
import io.kso.operator.adapter.k8s.ConfigMapScheduleTemplates;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.adapter.k8s.PodWatch;
import io.kso.operator.adapter.registry.HttpRegistryCatalog;
import io.kso.operator.adapter.web.TriggerActionRoutes;
import io.kso.operator.adapter.ws.GatewayCommandSource;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.CommandValidator;
import io.kso.operator.command.JobStatus;
import io.kso.operator.command.NotificationIntake;
import io.kso.operator.port.ClusterResources;
import io.kso.operator.port.ImageScanner;
import io.kso.operator.port.PostureScanner;
import io.kso.operator.port.RegistryCatalog;
import io.kso.operator.posture.KubescapeScanHandler;
import io.kso.operator.posture.Pause;
import io.kso.operator.posture.StartupPostureScan;
import io.kso.operator.registry.RegistryConnectivityHandler;
import io.kso.operator.registry.RegistryImages;
import io.kso.operator.registry.RegistryScanHandler;
import io.kso.operator.registry.RegistrySettings;
import io.kso.operator.schedule.ScheduleCommandHandler;
import io.kso.operator.schedule.ScheduleService;
import io.kso.operator.vuln.ImageScanHandler;
import io.kso.operator.vuln.ImageScanPlanner;
import io.kso.operator.vuln.NewImageTrigger;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Builds the operator's core from its adapters and settings. */
@Configuration(proxyBeanMethods = false)
class OperatorWiring {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int NEW_IMAGE_MEMORY = 50_000;

  @Bean
  ClusterResources clusterResources(KubernetesClient client) {
    return new Fabric8ClusterResources(client);
  }

  @Bean
  ScheduleCommandHandler scheduleCommandHandler(
      ClusterResources cluster, OperatorProperties props) {
    SecureRandom random = new SecureRandom();
    ScheduleService schedules =
        new ScheduleService(
            cluster,
            new ConfigMapScheduleTemplates(cluster, props.namespace()),
            props.namespace(),
            () -> random.nextLong() & Long.MAX_VALUE);
    return new ScheduleCommandHandler(schedules);
  }

  /**
   * The one HTTP client of the operator's calls to kubescape, kubevuln, registries and the event
   * receiver: each JDK client has its own selector thread, connection pool and TLS set-up.
   */
  @Bean
  HttpClient outgoingHttpClient() {
    return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  @Bean
  PostureScanner postureScanner(ClusterConfig config, HttpClient http) {
    return ClusterConfig.url(config.kubescapeUrl())
        .<PostureScanner>map(url -> new HttpPostureScanner(http, url, Duration.ofSeconds(30)))
        .orElseGet(UnconfiguredPostureScanner::new);
  }

  @Bean
  KubescapeScanHandler kubescapeScanHandler(
      PostureScanner scanner, JobStatus status, OperatorProperties props) {
    return new KubescapeScanHandler(
        scanner,
        status,
        new KubescapeScanHandler.Options(
            props.triggerSecurityFramework(),
            props.statusPollInterval(),
            props.followScansFor(),
            props.kubescapeBusyRetries(),
            props.kubescapeMaxRetryAfter()),
        Pause.sleeping());
  }

  /** The original's start-up action; switched off with {@code STARTUP_POSTURE_SCAN=false}. */
  @Bean(destroyMethod = "close")
  StartupPostureScan startupPostureScan(
      PostureScanner scanner,
      ClusterConfig config,
      OperatorProperties props,
      CommandDispatcher dispatcher) {
    OperatorProperties.StartupScan startup = props.startupScan();
    StartupPostureScan scan =
        new StartupPostureScan(
            ClusterConfig.url(config.kubescapeUrl()).isPresent() ? scanner : null,
            dispatcher::submit,
            config.clusterName(),
            new StartupPostureScan.Options(
                startup.enabled(), startup.readyPollInterval(), startup.waitFor()),
            Pause.sleeping());
    scan.start();
    return scan;
  }

  @Bean
  ImageScanner imageScanner(ClusterConfig config, HttpClient http) {
    return ClusterConfig.url(config.kubevulnUrl())
        .<ImageScanner>map(url -> new HttpImageScanner(http, url, 5, Duration.ofSeconds(5)))
        .orElseGet(UnconfiguredImageScanner::new);
  }

  @Bean
  ImageScanHandler imageScanHandler(
      ClusterResources cluster, ClusterConfig config, ImageScanner scanner) {
    return new ImageScanHandler(
        new ImageScanPlanner(cluster, config.clusterName()), scanner, Clock.systemUTC());
  }

  @Bean
  JobStatus jobStatus(ClusterConfig config, HttpClient http) {
    return ClusterConfig.url(config.eventReceiverRestUrl())
        .filter(url -> !config.isKeepLocal())
        .map(
            url ->
                new JobStatus(
                    new HttpJobReporter(http, url, Duration.ofSeconds(1)),
                    config.accountId(),
                    config.clusterName(),
                    Clock.systemUTC()))
        .orElse(JobStatus.NONE);
  }

  @Bean
  RegistryCatalog registryCatalog(HttpClient http) {
    return new HttpRegistryCatalog(http);
  }

  @Bean
  RegistryScanHandler registryScanHandler(
      ClusterResources cluster,
      RegistryCatalog catalog,
      ImageScanner scanner,
      ClusterConfig config,
      OperatorProperties props) {
    return new RegistryScanHandler(
        new RegistrySettings(cluster, props.namespace()),
        new RegistryImages(catalog),
        scanner,
        config.clusterName(),
        Clock.systemUTC());
  }

  @Bean
  RegistryConnectivityHandler registryConnectivityHandler(
      ClusterResources cluster,
      RegistryCatalog catalog,
      JobStatus status,
      OperatorProperties props) {
    return new RegistryConnectivityHandler(
        new RegistrySettings(cluster, props.namespace()), catalog, status);
  }

  @Bean(destroyMethod = "close")
  CommandDispatcher commandDispatcher(
      List<CommandHandler> handlers, OperatorProperties props, JobStatus status) {
    return new CommandDispatcher(
        handlers, props.workerConcurrency(), props.queueCapacity(), status);
  }

  /** With {@code triggerNewImageScan} in clusterData, every new image that starts is scanned. */
  @Bean(destroyMethod = "close")
  PodWatch newImageWatch(
      KubernetesClient client,
      ClusterResources cluster,
      ClusterConfig config,
      CommandDispatcher dispatcher) {
    PodWatch watch =
        new PodWatch(
            client,
            new NewImageTrigger(cluster, config.clusterName(), NEW_IMAGE_MEMORY),
            dispatcher::submit);
    if (config.isTriggerNewImageScan()) {
      watch.start();
    }
    return watch;
  }

  @Bean
  RouterFunction<ServerResponse> triggerActionRoutes(CommandDispatcher dispatcher) {
    return new TriggerActionRoutes(new CommandValidator(), dispatcher).routes();
  }

  /** When clusterData names a gateway, commands also arrive over its websocket. */
  @Bean
  GatewayCommandSource gatewayCommandSource(
      CommandDispatcher dispatcher, ClusterConfig config, OperatorProperties props) {
    return new GatewayCommandSource(
        ClusterConfig.url(config.gatewayWebsocketUrl())
            .map(url -> GatewayCommandSource.uri(url, config.accountId(), config.clusterName()))
            .orElse(null),
        new NotificationIntake(new CommandValidator(), dispatcher),
        new GatewayCommandSource.Options(
            props.gatewayPing(), Duration.ofSeconds(1), Duration.ofSeconds(30)));
  }
}
