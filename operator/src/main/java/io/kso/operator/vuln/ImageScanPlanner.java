package io.kso.operator.vuln;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kso.common.k8s.Wlid;
import io.kso.common.message.Command;
import io.kso.common.message.CommandArgs;
import io.kso.common.message.PortalDesignator;
import io.kso.operator.port.ClusterResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@code scan} command's scope (a wlid, a wildWlid or designators, and optional pod labels)
 * into the images running there: one target per image digest, however many pods run it.
 */
public class ImageScanPlanner {
  private static final String DOCKER_PULLABLE = "docker-pullable://";

  private final ClusterResources cluster;
  private final String clusterName;
  private final WorkloadOwners owners;
  private final PullSecrets pullSecrets;

  public ImageScanPlanner(ClusterResources cluster, String clusterName) {
    this.cluster = cluster;
    this.clusterName = clusterName;
    this.owners = new WorkloadOwners(cluster);
    this.pullSecrets = new PullSecrets(cluster);
  }

  public List<ImageTarget> plan(Command command) {
    Map<String, String> labels = labels(command);
    Optional<Wlid.Parts> single =
        Wlid.parse(command.wlid())
            .filter(p -> command.wildWlid() == null && command.designators().isEmpty());
    Map<String, ImageTarget> byDigest = new LinkedHashMap<>();
    for (String namespace : namespaces(command, single)) {
      for (Pod pod : cluster.list(Pod.class, namespace, labels)) {
        List<ContainerStatus> running = runningContainers(pod);
        if (running.isEmpty()) {
          continue;
        }
        WorkloadOwners.Owner owner = owners.topOwner(pod);
        if ("CronJob".equals(owner.kind())) {
          continue;
        }
        String wlid =
            Wlid.of(clusterName, pod.getMetadata().getNamespace(), owner.kind(), owner.name());
        if (single.isPresent() && !single.get().equals(Wlid.parse(wlid).orElseThrow())) {
          continue;
        }
        for (ImageTarget target : targets(pod, running, wlid)) {
          byDigest.putIfAbsent(target.imageHash(), target);
        }
      }
    }
    return List.copyOf(byDigest.values());
  }

  private List<ImageTarget> targets(Pod pod, List<ContainerStatus> running, String wlid) {
    List<ImageTarget> out = new ArrayList<>();
    for (ContainerStatus status : running) {
      String image = specImage(pod, status.getName()).orElse(status.getImage());
      out.add(
          new ImageTarget(
              wlid,
              status.getName(),
              image,
              digestReference(status.getImageID(), image),
              pullSecrets.forImage(pod, image)));
    }
    return out;
  }

  /**
   * The containers whose images can be scanned: running, in a running pod, with the image ID the
   * runtime resolved.
   */
  static List<ContainerStatus> runningContainers(Pod pod) {
    if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
      return List.of();
    }
    List<ContainerStatus> out = new ArrayList<>();
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      boolean running = status.getState() != null && status.getState().getRunning() != null;
      String imageId = status.getImageID();
      if (running && imageId != null && !imageId.isBlank()) {
        out.add(status);
      }
    }
    return out;
  }

  /** {@code repo@sha256:…} as the runtime reports it, with prefixes removed and the repo added. */
  static String digestReference(String imageId, String image) {
    String id =
        imageId.startsWith(DOCKER_PULLABLE) ? imageId.substring(DOCKER_PULLABLE.length()) : imageId;
    if (id.startsWith("sha256:")) {
      int tag = image.lastIndexOf(':');
      String repo = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
      return repo + "@" + id;
    }
    return id;
  }

  private static Optional<String> specImage(Pod pod, String container) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container))
        .map(Container::getImage)
        .findFirst();
  }

  /** {@code null} stands for every namespace. */
  private static List<String> namespaces(Command command, Optional<Wlid.Parts> single) {
    if (single.isPresent()) {
      return java.util.Collections.singletonList(single.get().namespace());
    }
    if (!command.designators().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (PortalDesignator d : command.designators()) {
        String ns = d.attributes().get(PortalDesignator.ATTRIBUTE_NAMESPACE);
        if (ns == null || ns.isBlank()) {
          return java.util.Collections.singletonList(null);
        }
        out.add(ns);
      }
      return out;
    }
    return java.util.Collections.singletonList(Wlid.namespace(command.wildWlid()).orElse(null));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Command command) {
    Object labels = command.args().get(CommandArgs.LABELS);
    if (!(labels instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
