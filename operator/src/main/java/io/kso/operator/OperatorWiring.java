package io.kso.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.common.config.ClusterConfig;
import io.kso.operator.adapter.http.HttpPostureScanner;
import io.kso.operator.adapter.k8s.ConfigMapScheduleTemplates;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.adapter.web.TriggerActionRoutes;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.CommandValidator;
import io.kso.operator.port.ClusterResources;
import io.kso.operator.posture.KubescapeScanHandler;
import io.kso.operator.schedule.ScheduleCommandHandler;
import io.kso.operator.schedule.ScheduleService;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class OperatorWiring {

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

  @Bean
  KubescapeScanHandler kubescapeScanHandler(ClusterConfig config, OperatorProperties props) {
    String url =
        ClusterConfig.url(config.kubescapeUrl())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "clusterData has no kubescapeURL: posture scans cannot be started"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new KubescapeScanHandler(
        new HttpPostureScanner(http, url, Duration.ofSeconds(30)),
        new KubescapeScanHandler.Options(
            props.triggerSecurityFramework(), props.statusPollInterval(), props.followScansFor()),
        duration -> Thread.sleep(duration.toMillis()));
  }

  @Bean(destroyMethod = "close")
  CommandDispatcher commandDispatcher(List<CommandHandler> handlers, OperatorProperties props) {
    return new CommandDispatcher(handlers, props.workerConcurrency(), props.queueCapacity());
  }

  @Bean
  RouterFunction<ServerResponse> triggerActionRoutes(CommandDispatcher dispatcher) {
    return new TriggerActionRoutes(new CommandValidator(), dispatcher).routes();
  }
}
