package io.kso.kubescape.adapter.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.common.concurrent.Daemons;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.port.ClusterObjects;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.ClusterUnavailableException;
import io.kso.kubescape.port.NamespaceFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the cluster through the API server with the service's fabric8 client (its service account
 * or {@code KUBECONFIG}), for a posture scan.
 *
 * <p><b>How Kubescape does it</b> (kubescape/kubescape {@code core/pkg/resourcehandler}): each
 * rule's {@code match} names API groups, versions and kinds; {@code k8sresourcesutils.go} turns
 * them into {@code group/version/resource} triplets through k8s-interface's resource map, which
 * {@code InitializeMapResources} fills from discovery ({@code ServerPreferredResources}, skipping
 * {@code metrics.k8s.io}), falling back to a built-in mock table, and {@code k8sresources.go} lists
 * each triplet with the dynamic client. Kinds not served by an API server come from elsewhere
 * ({@code MapResourceToApiGroup*}): host data ({@code hostdata.kubescape.cloud}: KubeletInfo,
 * ControlPlaneInfo, CNIInfo, KubeProxyInfo...) from the host-scanner DaemonSet, cloud data
 * (ClusterDescribe, DescribeRepositories, ListEntitiesForPolicies, PolicyVersion) from the GKE, EKS
 * and AKS APIs, APIServerInfo from {@code /version}, ImageVulnerabilities from the image scanner,
 * and RBAC subjects joined from bindings. Namespaces are field selectors ({@code
 * fieldselector.go}): one list per included namespace with {@code metadata.namespace==ns}, or one
 * list with {@code metadata.namespace!=ns,...} per excluded ones; Namespace objects themselves are
 * selected by {@code metadata.name}.
 *
 * <p><b>Here</b>: kind names (as bundle rules declare them) resolve through {@link ApiDiscovery}
 * or, without discovery, {@link KindTable}; the non-API kinds above are reported in {@code
 * unreadable} with their source. Kinds are listed in parallel ({@link
 * ClusterReadOptions#parallelism()} requests at once), paged, as JSON streamed into engine
 * Resources ({@link KindLister}). With included namespaces, namespaced kinds are listed in each of
 * them, which also works with namespace-scoped RBAC (Kubescape lists cluster-wide with a field
 * selector); excluded namespaces are dropped as the pages are read. 403, 404, expired continue
 * tokens (restarted once), 5xx and timeouts make a kind unreadable; when no request at all gets an
 * answer from the server, {@link ClusterUnavailableException}.
 */
public final class Fabric8ClusterObjects implements ClusterObjects {
  private final ApiRequests api;
  private final ApiDiscovery discovery;
  private final KindLister lister;
  private final ThreadPoolExecutor pool;

  private record ListTask(String kind, ApiResource resource, String namespace) {
    String what() {
      return resource.plural() + (namespace == null ? "" : " in namespace " + namespace);
    }
  }

  private record Outcome(ListTask task, List<Resource> resources, ApiFailure failure) {}

  private record Version(String gitVersion, ApiFailure failure) {}

  public Fabric8ClusterObjects(KubernetesClient client, ClusterReadOptions options) {
    int n = options.parallelism();
    this.pool =
        new ThreadPoolExecutor(
            n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Daemons.named("cluster-read"));
    pool.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor watchdog =
        new ScheduledThreadPoolExecutor(1, Daemons.named("cluster-read-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true);
    watchdog.setKeepAliveTime(30, TimeUnit.SECONDS);
    watchdog.allowCoreThreadTimeOut(true);
    this.api = new ApiRequests(client, options, watchdog);
    this.discovery = new ApiDiscovery(api, pool);
    this.lister = new KindLister(api, options.pageSize());
  }

  @Override
  public ClusterRead read(Set<String> kinds, NamespaceFilter namespaces) {
    Map<String, String> unreadable = new TreeMap<>();
    Set<String> apiKinds = new TreeSet<>();
    for (String kind : kinds) {
      KindTable.notApiKind(kind)
          .ifPresentOrElse(why -> unreadable.put(kind, why), () -> apiKinds.add(kind));
    }
    Version version = version();
    ApiDiscovery.Resolution resolution =
        apiKinds.isEmpty()
            ? new ApiDiscovery.Resolution(Map.of(), Map.of(), false, null)
            : discovery.resolve(apiKinds);
    if (unreachable(version.failure()) && !resolution.reached()) {
      throw unavailable(version.failure());
    }
    unreadable.putAll(resolution.unresolved());
    List<Outcome> outcomes = run(plan(resolution.resolved(), namespaces), namespaces);
    if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> unreachable(o.failure()))) {
      throw unavailable(outcomes.get(0).failure());
    }
    List<Resource> resources = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.failure() == null) {
        resources.addAll(o.resources());
      } else {
        String reason = o.task().what() + ": " + o.failure().getMessage();
        unreadable.merge(o.task().kind(), reason, (a, b) -> a + "; " + b);
      }
    }
    return new ClusterRead(resources, unreadable, version.gitVersion());
  }

  private Version version() {
    try {
      return new Version(ApiJson.str(api.get("/version", ApiJson::readMap), "gitVersion"), null);
    } catch (ApiFailure f) {
      return new Version("", f);
    }
  }

  private static List<ListTask> plan(Map<String, ApiResource> resolved, NamespaceFilter filter) {
    List<ListTask> tasks = new ArrayList<>();
    new TreeMap<>(resolved)
        .forEach(
            (kind, resource) -> {
              if (resource.namespaced() && !filter.include().isEmpty()) {
                filter.include().forEach(ns -> tasks.add(new ListTask(kind, resource, ns)));
              } else {
                tasks.add(new ListTask(kind, resource, null));
              }
            });
    return tasks;
  }

  private List<Outcome> run(List<ListTask> tasks, NamespaceFilter filter) {
    List<Future<Outcome>> futures = new ArrayList<>();
    for (ListTask task : tasks) {
      futures.add(pool.submit(() -> listed(task, filter)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true));
      throw new ClusterUnavailableException("reading the cluster was interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw new IllegalStateException("listing failed unexpectedly", e.getCause());
    }
    return outcomes;
  }

  private Outcome listed(ListTask task, NamespaceFilter filter) {
    try {
      return new Outcome(task, lister.list(task.resource(), task.namespace(), filter), null);
    } catch (ApiFailure f) {
      return new Outcome(task, List.of(), f);
    }
  }

  private static boolean unreachable(ApiFailure failure) {
    return failure != null && failure.unreachable();
  }

  private ClusterUnavailableException unavailable(ApiFailure failure) {
    return new ClusterUnavailableException(
        "the API server at " + api.base() + " cannot be reached: " + failure.getMessage(), failure);
  }
}
