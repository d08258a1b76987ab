package io.kso.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Workloads as the cluster holds them: a Deployment with its ReplicaSet, and running pods. */
public final class Workloads {
  private Workloads() {}

  public static void deployment(
      KubernetesClient client, String ns, String name, String depUid, String rsUid) {
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withUid(depUid)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("nginx:1.25")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .apps()
        .replicaSets()
        .inNamespace(ns)
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name + "-6d4cf56db6")
                .withUid(rsUid)
                .addNewOwnerReference()
                .withKind("Deployment")
                .withName(name)
                .withUid(depUid)
                .withController(true)
                .withApiVersion("apps/v1")
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();
  }

  public static void pod(
      KubernetesClient client,
      String ns,
      String name,
      String ownerUid,
      String ownerKind,
      String ownerName,
      Map<String, String> labels,
      String container,
      String image,
      String imageId,
      String serviceAccount) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata();
    if (ownerKind != null) {
      pod.editMetadata()
          .addNewOwnerReference()
          .withKind(ownerKind)
          .withName(ownerName)
          .withUid(ownerUid)
          .withController(true)
          .withApiVersion("v1")
          .endOwnerReference()
          .endMetadata();
    }
    Pod built =
        pod.withNewSpec()
            .withServiceAccountName(serviceAccount)
            .addNewContainer()
            .withName(container)
            .withImage(image)
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .addNewContainerStatus()
            .withName(container)
            .withImage(image)
            .withImageID(imageId)
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    client.pods().inNamespace(ns).resource(built).create();
  }
}
