package io.kso.kubescape;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * kubescape-svc's settings; application.properties maps the original's environment variables
 * ({@code KS_SUBMIT}, {@code KS_EXCLUDE_NAMESPACES}, ...) onto them.
 */
@Validated
@ConfigurationProperties("ks.kubescape")
public record KubescapeProperties(
    @DefaultValue Results results,
    @DefaultValue Queue queue,
    @DefaultValue Metrics metrics,
    @DefaultValue Submission submission,
    @DefaultValue Artifacts artifacts,
    @DefaultValue Namespaces namespaces,
    @DefaultValue Identity identity,
    @DefaultValue Collection collection) {

  /**
   * @param dir the results volume ({@code KS_RESULTS_DIR})
   * @param keep how many newest reports are kept ({@code KS_RESULTS_KEEP})
   */
  public record Results(Path dir, @DefaultValue("20") int keep) {
    public Results {
      dir =
          dir == null ? Path.of(System.getProperty("java.io.tmpdir"), "kubescape", "results") : dir;
      if (keep < 1) {
        throw new IllegalArgumentException("ks.kubescape.results.keep must be at least 1");
      }
    }
  }

  /**
   * @param size scans that may wait behind the running one ({@code KS_QUEUE_SIZE})
   * @param maxBody the largest request body accepted
   */
  public record Queue(@DefaultValue("8") int size, @DefaultValue("4MB") DataSize maxBody) {
    public Queue {
      if (size < 1) {
        throw new IllegalArgumentException("ks.kubescape.queue.size must be at least 1");
      }
    }
  }

  /**
   * @param maxAge how old a scan {@code /v1/metrics} serves may be ({@code KS_METRICS_MAX_AGE})
   * @param frameworks the frameworks a metrics scan covers
   */
  public record Metrics(
      @DefaultValue("10m") Duration maxAge,
      @DefaultValue({"AllControls", "NSA", "MITRE"}) List<String> frameworks) {}

  /**
   * @param submit submit reports when a request does not say ({@code KS_SUBMIT})
   * @param keepLocal never submit ({@code KS_KEEP_LOCAL})
   * @param attempts attempts per report chunk before giving up
   */
  public record Submission(
      @DefaultValue("false") boolean submit,
      @DefaultValue("false") boolean keepLocal,
      @DefaultValue("3") int attempts,
      @DefaultValue("30s") Duration timeout) {}

  /**
   * @param download download the bundle ({@code KS_DOWNLOAD_ARTIFACTS}) from {@code url}, refused
   *     unless its SHA-256 is {@code sha256}; otherwise the embedded bundle
   */
  public record Artifacts(@DefaultValue("false") boolean download, String url, String sha256) {}

  /** Defaults for scans that name no namespaces ({@code KS_INCLUDE/EXCLUDE_NAMESPACES}). */
  public record Namespaces(List<String> include, List<String> exclude) {
    public Namespaces {
      include = include == null ? List.of() : List.copyOf(include);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
  }

  /**
   * @param account the account ID when a request has none ({@code KS_ACCOUNT})
   * @param clusterName the cluster's name ({@code CLUSTER_NAME})
   * @param configFile the {@code kubescape-config} ConfigMap's {@code config.json}
   */
  public record Identity(String account, String clusterName, Path configFile) {}

  /**
   * @param pageSize objects per list request
   * @param parallelism kinds listed at once
   */
  public record Collection(
      @DefaultValue("500") int pageSize,
      @DefaultValue("4") int parallelism,
      @DefaultValue("30s") Duration requestTimeout) {}
}
