package io.kso.kubescape.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic cluster of about N objects with a realistic mix: per application a Deployment, its
 * ReplicaSet and two Pods, a Service, a ConfigMap, a ServiceAccount, a Role and RoleBinding and a
 * NetworkPolicy; every fifth application is a StatefulSet, CronJob or DaemonSet instead; one
 * namespace per 20 applications with its default ServiceAccount; a few ClusterRoles and bindings.
 * Security settings vary (seeded), so that every control has passing and failing objects.
 */
public final class SyntheticCluster {
  private final Random random;
  private final List<Map<String, Object>> out = new ArrayList<>();

  private SyntheticCluster(long seed) {
    this.random = new Random(seed);
  }

  public static List<Map<String, Object>> generate(int n, long seed) {
    SyntheticCluster c = new SyntheticCluster(seed);
    int app = 0;
    while (c.out.size() < n) {
      String ns = "team-" + (app / 20);
      if (app % 20 == 0) {
        c.namespace(ns);
      }
      c.application(ns, "app-" + app, app % 5);
      if (app % 50 == 0) {
        c.clusterRbac("ops-" + app);
      }
      app++;
    }
    return c.out.subList(0, n);
  }

  private void namespace(String ns) {
    out.add(obj("v1", "Namespace", ns, null, Map.of()));
    Map<String, Object> sa = obj("v1", "ServiceAccount", "default", ns, Map.of());
    if (random.nextBoolean()) {
      sa.put("automountServiceAccountToken", false);
    }
    out.add(sa);
  }

  private void application(String ns, String name, int flavour) {
    Map<String, Object> labels = Map.of("app", name, "app.kubernetes.io/name", name);
    Map<String, Object> podSpec = podSpec(name);
    Map<String, Object> template = Map.of("metadata", Map.of("labels", labels), "spec", podSpec);
    switch (flavour) {
      case 1 ->
          out.add(
              obj(
                  "apps/v1",
                  "StatefulSet",
                  name,
                  ns,
                  Map.of(
                      "spec",
                      Map.of(
                          "replicas",
                          3,
                          "selector",
                          Map.of("matchLabels", labels),
                          "template",
                          template))));
      case 2 ->
          out.add(
              obj(
                  "batch/v1",
                  "CronJob",
                  name,
                  ns,
                  Map.of(
                      "spec",
                      Map.of(
                          "schedule",
                          "*/5 * * * *",
                          "jobTemplate",
                          Map.of("spec", Map.of("template", template))))));
      case 3 ->
          out.add(
              obj(
                  "apps/v1",
                  "DaemonSet",
                  name,
                  ns,
                  Map.of(
                      "spec",
                      Map.of("selector", Map.of("matchLabels", labels), "template", template))));
      default -> {
        out.add(
            obj(
                "apps/v1",
                "Deployment",
                name,
                ns,
                Map.of(
                    "spec",
                    Map.of(
                        "replicas",
                        1 + random.nextInt(4),
                        "selector",
                        Map.of("matchLabels", labels),
                        "template",
                        template))));
        out.add(
            obj(
                "apps/v1",
                "ReplicaSet",
                name + "-5d8f",
                ns,
                Map.of(
                    "spec",
                    Map.of("selector", Map.of("matchLabels", labels), "template", template))));
        for (int i = 0; i < 2; i++) {
          Map<String, Object> pod =
              obj("v1", "Pod", name + "-5d8f-" + i, ns, Map.of("spec", podSpec));
          meta(pod).put("labels", labels);
          meta(pod)
              .put(
                  "ownerReferences", List.of(Map.of("kind", "ReplicaSet", "name", name + "-5d8f")));
          out.add(pod);
        }
      }
    }
    out.add(
        obj(
            "v1",
            "Service",
            name,
            ns,
            Map.of(
                "spec",
                Map.of(
                    "type",
                    random.nextInt(10) == 0 ? "LoadBalancer" : "ClusterIP",
                    "selector",
                    Map.of("app", name),
                    "ports",
                    List.of(Map.of("port", 80, "targetPort", 8080))))));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("LOG_LEVEL", "info");
    if (random.nextInt(8) == 0) {
      data.put("db_password", "hunter2");
    }
    out.add(obj("v1", "ConfigMap", name + "-config", ns, Map.of("data", data)));
    out.add(obj("v1", "ServiceAccount", name, ns, Map.of()));
    List<Object> verbs = random.nextInt(6) == 0 ? List.of("*") : List.of("get", "list", "watch");
    out.add(
        obj(
            "rbac.authorization.k8s.io/v1",
            "Role",
            name,
            ns,
            Map.of(
                "rules",
                List.of(
                    Map.of(
                        "apiGroups",
                        List.of(""),
                        "resources",
                        List.of("configmaps", "secrets"),
                        "verbs",
                        verbs)))));
    out.add(
        obj(
            "rbac.authorization.k8s.io/v1",
            "RoleBinding",
            name,
            ns,
            Map.of(
                "roleRef",
                    Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
                "subjects",
                    List.of(Map.of("kind", "ServiceAccount", "name", name, "namespace", ns)))));
    if (random.nextInt(3) > 0) {
      out.add(
          obj(
              "networking.k8s.io/v1",
              "NetworkPolicy",
              name,
              ns,
              Map.of(
                  "spec",
                  Map.of(
                      "podSelector", Map.of("matchLabels", labels),
                      "policyTypes", List.of("Ingress", "Egress")))));
    }
  }

  private Map<String, Object> podSpec(String name) {
    Map<String, Object> sc = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      sc.put("runAsNonRoot", true);
      sc.put("runAsUser", 10001);
      sc.put("allowPrivilegeEscalation", false);
      sc.put("readOnlyRootFilesystem", true);
      sc.put("capabilities", Map.of("drop", List.of("ALL")));
    } else if (random.nextInt(5) == 0) {
      sc.put("privileged", true);
      sc.put("capabilities", Map.of("add", List.of("NET_ADMIN")));
    }
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", name);
    container.put(
        "image",
        random.nextInt(4) == 0
            ? "nginx:latest"
            : "registry.example.com/" + name + ":1.4." + random.nextInt(9));
    container.put("securityContext", sc);
    if (random.nextInt(3) > 0) {
      container.put(
          "resources",
          Map.of(
              "requests", Map.of("cpu", "100m", "memory", "128Mi"),
              "limits", Map.of("cpu", "500m", "memory", "512Mi")));
    }
    container.put("env", List.of(Map.of("name", "MODE", "value", "production")));
    container.put("ports", List.of(Map.of("containerPort", 8080)));
    if (random.nextBoolean()) {
      container.put("livenessProbe", Map.of("httpGet", Map.of("path", "/healthz", "port", 8080)));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("serviceAccountName", name);
    spec.put("containers", List.of(container));
    if (random.nextInt(20) == 0) {
      spec.put("hostNetwork", true);
      spec.put(
          "volumes",
          List.of(Map.of("name", "host", "hostPath", Map.of("path", "/var/run/docker.sock"))));
    }
    return spec;
  }

  private void clusterRbac(String name) {
    out.add(
        obj(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            name,
            null,
            Map.of(
                "rules",
                List.of(
                    Map.of(
                        "apiGroups",
                        List.of("*"),
                        "resources",
                        List.of("*"),
                        "verbs",
                        List.of("*"))))));
    out.add(
        obj(
            "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding",
            name,
            null,
            Map.of(
                "roleRef",
                    Map.of(
                        "apiGroup",
                        "rbac.authorization.k8s.io",
                        "kind",
                        "ClusterRole",
                        "name",
                        name),
                "subjects",
                    List.of(
                        Map.of(
                            "kind",
                            "Group",
                            "name",
                            name,
                            "apiGroup",
                            "rbac.authorization.k8s.io")))));
  }

  private static Map<String, Object> obj(
      String apiVersion, String kind, String name, String ns, Map<String, Object> rest) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    o.put("metadata", meta);
    o.putAll(rest);
    return o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> o) {
    return (Map<String, Object>) o.get("metadata");
  }
}
