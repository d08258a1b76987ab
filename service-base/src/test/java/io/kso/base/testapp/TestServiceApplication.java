package io.kso.base.testapp;

import io.kso.base.kubernetes.KubernetesAutoConfiguration;
import io.kso.common.job.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** A minimal service on top of service-base, with one route that logs inside a job. */
/** Kubernetes is left out here; KubernetesApiCheckTest covers it. */
@SpringBootApplication(exclude = KubernetesAutoConfiguration.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(TestProperties.class)
public class TestServiceApplication {
  private static final Logger log = LoggerFactory.getLogger(TestServiceApplication.class);

  @Bean
  RouterFunction<ServerResponse> jobRoute() {
    return RouterFunctions.route()
        .POST(
            "/v1/job/{id}",
            request -> {
              try (JobContext job = JobContext.open(request.pathVariable("id"), "parent-3")) {
                log.info("handling job");
                try (JobContext child = JobContext.child()) {
                  log.info("handling sub-action");
                }
              }
              return ServerResponse.ok().bodyValue("ok");
            })
        .build();
  }
}
