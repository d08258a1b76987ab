package io.kso.operator.vuln;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kso.operator.port.ClusterResources;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the top-level workload of an object: Pod → ReplicaSet → Deployment, Pod → Job → CronJob…
 */
final class WorkloadOwners {
  /** An owner by kind and name. */
  record Owner(String kind, String name) {}

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "ReplicaSet", ReplicaSet.class,
          "Deployment", Deployment.class,
          "StatefulSet", StatefulSet.class,
          "DaemonSet", DaemonSet.class,
          "Job", Job.class,
          "CronJob", CronJob.class,
          "ReplicationController", ReplicationController.class);

  private final ClusterResources cluster;

  WorkloadOwners(ClusterResources cluster) {
    this.cluster = cluster;
  }

  Owner topOwner(HasMetadata object) {
    HasMetadata current = object;
    for (int depth = 0; depth < 5; depth++) {
      Optional<OwnerReference> controller =
          current.getMetadata().getOwnerReferences().stream()
              .filter(r -> Boolean.TRUE.equals(r.getController()))
              .findFirst();
      if (controller.isEmpty()) {
        break;
      }
      OwnerReference ref = controller.get();
      Class<? extends HasMetadata> kind = KINDS.get(ref.getKind());
      Optional<? extends HasMetadata> owner =
          kind == null
              ? Optional.empty()
              : cluster.get(kind, object.getMetadata().getNamespace(), ref.getName());
      if (owner.isEmpty()) {
        return new Owner(ref.getKind(), ref.getName());
      }
      current = owner.get();
    }
    return new Owner(current.getKind(), current.getMetadata().getName());
  }
}
