package io.kso.kubescape.adapter.k8s;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about kind names without asking the API server: where the well-known Kubernetes
 * kinds (and the CRDs regolibrary's rules match) are listed, used when API discovery cannot be had;
 * and the kinds Kubescape's rules match that no API server serves.
 *
 * <p>The group/versions follow the {@code match} entries of regolibrary's rules and the Kubernetes
 * API reference (v1.30). Kubescape's own fallback, k8s-interface's {@code
 * ResourceGroupMappingMock}, is older (CronJob in batch/v1beta1, Ingress in extensions).
 */
final class KindTable {
  private static final Map<String, ApiResource> API = new HashMap<>();
  private static final Map<String, String> NOT_API = new HashMap<>();

  static {
    core(true, "Pod", "Service", "ServiceAccount", "ConfigMap", "Secret", "PodTemplate");
    core(true, "ReplicationController", "PersistentVolumeClaim", "LimitRange", "ResourceQuota");
    core(true, "Event");
    core(false, "Namespace", "Node", "PersistentVolume", "ComponentStatus");
    api("", "v1", "endpoints", "Endpoints", true);
    group("apps", "v1", true, "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet");
    group("apps", "v1", true, "ControllerRevision");
    group("batch", "v1", true, "Job", "CronJob");
    group("autoscaling", "v2", true, "HorizontalPodAutoscaler");
    group("policy", "v1", true, "PodDisruptionBudget");
    group("policy", "v1beta1", false, "PodSecurityPolicy");
    group("rbac.authorization.k8s.io", "v1", true, "Role", "RoleBinding");
    group("rbac.authorization.k8s.io", "v1", false, "ClusterRole", "ClusterRoleBinding");
    group("networking.k8s.io", "v1", true, "NetworkPolicy", "Ingress");
    group("networking.k8s.io", "v1", false, "IngressClass");
    group(
        "admissionregistration.k8s.io",
        "v1",
        false,
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding");
    group("storage.k8s.io", "v1", false, "StorageClass", "CSIDriver", "CSINode");
    group("storage.k8s.io", "v1", false, "VolumeAttachment");
    group("storage.k8s.io", "v1", true, "CSIStorageCapacity");
    group("coordination.k8s.io", "v1", true, "Lease");
    group("discovery.k8s.io", "v1", true, "EndpointSlice");
    group("certificates.k8s.io", "v1", false, "CertificateSigningRequest");
    group("apiextensions.k8s.io", "v1", false, "CustomResourceDefinition");
    group("apiregistration.k8s.io", "v1", false, "APIService");
    group("scheduling.k8s.io", "v1", false, "PriorityClass");
    group("node.k8s.io", "v1", false, "RuntimeClass");
    group("flowcontrol.apiserver.k8s.io", "v1", false, "FlowSchema");
    group("flowcontrol.apiserver.k8s.io", "v1", false, "PriorityLevelConfiguration");
    group("gateway.networking.k8s.io", "v1", false, "GatewayClass");
    group("gateway.networking.k8s.io", "v1", true, "Gateway", "HTTPRoute", "GRPCRoute");
    group("gateway.networking.k8s.io", "v1beta1", true, "ReferenceGrant");
    group("gateway.networking.k8s.io", "v1alpha2", true, "TCPRoute", "UDPRoute", "TLSRoute");
    group("networking.istio.io", "v1beta1", true, "VirtualService");
    group("cilium.io", "v2", true, "CiliumNetworkPolicy");
    group("cilium.io", "v2", false, "CiliumClusterwideNetworkPolicy");
    group("extensions.agents.x-k8s.io", "v1beta1", true, "SandboxTemplate");

    notApi(
        "host scanner data",
        "KubeletInfo",
        "KubeletConfiguration",
        "KubeletCommandLine",
        "KubeProxyInfo",
        "ControlPlaneInfo",
        "CloudProviderInfo",
        "CNIInfo",
        "OsReleaseFile",
        "KernelVersion",
        "LinuxSecurityHardeningStatus",
        "OpenPortsList",
        "LinuxKernelVariables");
    notApi(
        "cloud provider data",
        "ClusterDescribe",
        "DescribeRepositories",
        "ListEntitiesForPolicies",
        "PolicyVersion");
    notApi("built from /version: see serverVersion", "APIServerInfo");
    notApi("image vulnerability scan results", "ImageVulnerabilities");
    notApi("RBAC subject: rules see subjects prepared from bindings", "User", "Group");
  }

  private KindTable() {}

  /** Where this kind is listed on a cluster of today's Kubernetes, if it is a well-known kind. */
  static Optional<ApiResource> wellKnown(String kind) {
    return Optional.ofNullable(API.get(kind));
  }

  /** Why this kind is not read from the API server, if it is a kind no API server serves. */
  static Optional<String> notApiKind(String kind) {
    return Optional.ofNullable(NOT_API.get(kind.toLowerCase(Locale.ROOT)))
        .map(why -> kind + ": not an API server kind (" + why + ")");
  }

  static List<ApiResource> all() {
    return List.copyOf(API.values());
  }

  private static void core(boolean namespaced, String... kinds) {
    for (String kind : kinds) {
      api("", "v1", plural(kind), kind, namespaced);
    }
  }

  private static void group(String group, String version, boolean namespaced, String... kinds) {
    for (String kind : kinds) {
      api(group, version, plural(kind), kind, namespaced);
    }
  }

  private static void api(
      String group, String version, String plural, String kind, boolean namespaced) {
    API.put(kind, new ApiResource(group, version, plural, kind, namespaced));
  }

  private static void notApi(String why, String... kinds) {
    for (String kind : kinds) {
      NOT_API.put(kind.toLowerCase(Locale.ROOT), why);
    }
  }

  /** The plural of the kinds in this table, as their API resources name them. */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s")) {
      return lower + "es";
    }
    return lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }
}
