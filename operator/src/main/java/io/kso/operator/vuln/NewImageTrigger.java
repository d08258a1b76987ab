package io.kso.operator.vuln;

import io.fabric8.kubernetes.api.model.Pod;
import io.kso.common.k8s.Wlid;
import io.kso.common.message.Command;
import io.kso.common.message.WireJson;
import io.kso.operator.port.ClusterResources;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides when a pod brings an image the operator has not scanned yet: a running pod whose running
 * containers report an image digest never seen before gives a {@code scan} of its workload. Pods
 * present when watching starts only teach the trigger their digests. Memory is bounded: past {@code
 * capacity} digests the oldest are forgotten (and would be scanned again, which kubevuln's SBOM
 * cache by digest makes cheap).
 */
public final class NewImageTrigger {
  private final WorkloadOwners owners;
  private final String clusterName;
  private final int capacity;
  private final Set<String> seen = new LinkedHashSet<>();

  public NewImageTrigger(ClusterResources cluster, String clusterName, int capacity) {
    this.owners = new WorkloadOwners(cluster);
    this.clusterName = clusterName;
    this.capacity = capacity;
  }

  /** A pod that was already running: its digests are known, nothing is scanned. */
  public synchronized void seed(Pod pod) {
    remember(runningDigests(pod));
  }

  /** A pod was added or changed: a {@code scan} of its workload if it runs a new digest. */
  public synchronized Optional<Command> changed(Pod pod) {
    List<String> digests = runningDigests(pod);
    List<String> fresh = digests.stream().filter(d -> !seen.contains(d)).toList();
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    WorkloadOwners.Owner owner = owners.topOwner(pod);
    if ("CronJob".equals(owner.kind())) {
      return Optional.empty();
    }
    remember(fresh);
    String wlid =
        Wlid.of(clusterName, pod.getMetadata().getNamespace(), owner.kind(), owner.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commandName", "scan");
    body.put("wlid", wlid);
    return Optional.of(WireJson.convert(body, Command.class));
  }

  /** The scan of this pod's images could not be queued: let a later change try again. */
  public synchronized void forget(Pod pod) {
    runningDigests(pod).forEach(seen::remove);
  }

  synchronized int known() {
    return seen.size();
  }

  private void remember(List<String> digests) {
    for (String digest : digests) {
      seen.remove(digest);
      seen.add(digest);
      if (seen.size() > capacity) {
        seen.remove(seen.iterator().next());
      }
    }
  }

  private static List<String> runningDigests(Pod pod) {
    return ImageScanPlanner.runningContainers(pod).stream()
        .map(s -> ImageScanPlanner.digestReference(s.getImageID(), s.getImage()))
        .toList();
  }
}
