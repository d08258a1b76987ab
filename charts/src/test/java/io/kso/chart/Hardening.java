package io.kso.chart;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The hardening every pod of the suite must have: what a render breaks of it, one line each. */
final class Hardening {
  /** The services, by workload name: they run a JVM and serve probes. */
  static final List<String> SERVICES =
      List.of("gateway", "operator", "kubevuln", "kubescape", "kollector");

  static final List<String> CRONJOB_TEMPLATES =
      List.of(
          "kubescape-cronjob-template",
          "kubevuln-cronjob-template",
          "registry-scan-cronjob-template");

  private Hardening() {}

  /** Every pod template of the render, including the CronJobs inside the template ConfigMaps. */
  static Map<String, PodTemplateSpec> pods(Rendered rendered) {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    rendered
        .all(Deployment.class)
        .forEach(
            d -> pods.put("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
    rendered
        .all(StatefulSet.class)
        .forEach(
            s -> pods.put("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate()));
    List<CronJob> cronJobs = new ArrayList<>(rendered.all(CronJob.class));
    for (String template : CRONJOB_TEMPLATES) {
      if (rendered.find(ConfigMap.class, template).isPresent()) {
        cronJobs.add(rendered.cronJobTemplate(template));
      }
    }
    cronJobs.forEach(
        c ->
            pods.put(
                "CronJob "
                    + c.getMetadata().getName()
                    + (pods.containsKey("CronJob " + c.getMetadata().getName())
                        ? " (template)"
                        : ""),
                c.getSpec().getJobTemplate().getSpec().getTemplate()));
    return pods;
  }

  static List<String> problems(Rendered rendered) {
    List<String> problems = new ArrayList<>();
    pods(rendered).forEach((id, pod) -> checkPod(problems, id, pod.getSpec()));
    for (String service : SERVICES) {
      if (rendered.find(Deployment.class, service).isPresent()
          || rendered.find(StatefulSet.class, service).isPresent()) {
        checkService(problems, service, rendered.podTemplate(service).getSpec());
      }
    }
    return problems;
  }

  private static void checkPod(List<String> problems, String id, PodSpec pod) {
    expect(problems, id + " pod runAsNonRoot", pod.getSecurityContext().getRunAsNonRoot(), true);
    expect(
        problems,
        id + " pod seccomp",
        pod.getSecurityContext().getSeccompProfile().getType(),
        "RuntimeDefault");
    expect(problems, id + " hostNetwork", Boolean.TRUE.equals(pod.getHostNetwork()), false);
    expect(problems, id + " hostPID", Boolean.TRUE.equals(pod.getHostPID()), false);
    expect(problems, id + " hostIPC", Boolean.TRUE.equals(pod.getHostIPC()), false);
    for (Container c : pod.getContainers()) {
      String cid = id + " container " + c.getName();
      SecurityContext sc = c.getSecurityContext();
      if (sc == null) {
        problems.add(cid + ": no securityContext");
        continue;
      }
      expect(problems, cid + " runAsNonRoot", sc.getRunAsNonRoot(), true);
      expect(problems, cid + " runAsUser", sc.getRunAsUser(), 65532L);
      expect(problems, cid + " readOnlyRootFilesystem", sc.getReadOnlyRootFilesystem(), true);
      expect(problems, cid + " allowPrivilegeEscalation", sc.getAllowPrivilegeEscalation(), false);
      expect(problems, cid + " privileged", sc.getPrivileged(), false);
      expect(
          problems, cid + " capabilities dropped", sc.getCapabilities().getDrop(), List.of("ALL"));
      expect(problems, cid + " capabilities added", sc.getCapabilities().getAdd(), List.of());
      expect(problems, cid + " seccomp", sc.getSeccompProfile().getType(), "RuntimeDefault");
      expect(
          problems,
          cid + " requests",
          c.getResources().getRequests().keySet().containsAll(Set.of("cpu", "memory")),
          true);
      expect(
          problems,
          cid + " limits",
          c.getResources().getLimits().keySet().containsAll(Set.of("cpu", "memory")),
          true);
    }
  }

  private static void checkService(List<String> problems, String id, PodSpec pod) {
    Container c = pod.getContainers().get(0);
    expect(problems, id + " liveness probe", c.getLivenessProbe() != null, true);
    expect(problems, id + " readiness probe", c.getReadinessProbe() != null, true);
    expect(problems, id + " startup probe", c.getStartupProbe() != null, true);
    List<String> mounts = c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    expect(
        problems,
        id + " mounts /tmp and /etc/config",
        mounts.containsAll(List.of("/tmp", "/etc/config")),
        true);
    expect(
        problems,
        id + " /tmp is an emptyDir",
        pod.getVolumes().stream()
            .anyMatch(v -> v.getName().equals("tmp") && v.getEmptyDir() != null),
        true);
    String options =
        c.getEnv().stream()
            .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse("");
    expect(
        problems,
        id + " JVM sizes its heap from the container limit",
        options.contains("-XX:MaxRAMPercentage=") && !options.contains("-Xmx"),
        true);
  }

  private static void expect(List<String> problems, String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      problems.add(what + ": expected " + expected + " but was " + actual);
    }
  }
}
