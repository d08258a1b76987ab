package io.kso.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the API server would reject, or what would leave a workload broken, found in a render
 * without a cluster. Each method returns the problems it found, one line each.
 */
final class ObjectChecks {
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private ObjectChecks() {}

  /** Every problem of every object of the render. */
  static List<String> problems(Rendered rendered) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata object : rendered.objects()) {
      String id = object.getKind() + " " + object.getMetadata().getName();
      unknownFields(object, id, problems, new IdentityHashMap<>());
      names(object, id, problems);
    }
    for (Deployment d : rendered.all(Deployment.class)) {
      String id = "Deployment " + d.getMetadata().getName();
      selectorMatches(
          d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), id, problems);
      pod(d.getSpec().getTemplate().getSpec(), id, problems);
    }
    for (StatefulSet s : rendered.all(StatefulSet.class)) {
      String id = "StatefulSet " + s.getMetadata().getName();
      selectorMatches(
          s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate(), id, problems);
      pod(s.getSpec().getTemplate().getSpec(), id, problems);
      if (rendered.find(Service.class, s.getSpec().getServiceName()).isEmpty()) {
        problems.add(id + ": no governing Service " + s.getSpec().getServiceName());
      }
    }
    rendered
        .all(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class)
        .forEach(
            c ->
                pod(
                    c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(),
                    "CronJob " + c.getMetadata().getName(),
                    problems));
    for (Service service : rendered.all(Service.class)) {
      servicePortsResolve(service, rendered, problems);
    }
    return problems;
  }

  /**
   * fabric8 keeps fields its model does not know in additionalProperties: a typo or a misplaced
   * key.
   */
  private static void unknownFields(
      Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", problems, seen);
      }
      return;
    }
    Class<?> type = value.getClass();
    if (!type.getPackageName().startsWith("io.fabric8.kubernetes.api.model")
        || value instanceof GenericKubernetesResource
        || value instanceof Quantity
        || value instanceof IntOrString) {
      return;
    }
    for (Method getter : type.getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown fields " + extra.keySet());
        }
      } else {
        unknownFields(child, path + "." + getter.getName().substring(3), problems, seen);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(getter.toString(), e);
    }
  }

  private static void names(HasMetadata object, String id, List<String> problems) {
    String name = object.getMetadata().getName();
    if (name == null || name.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
      problems.add(id + ": invalid name");
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels != null) {
      labels.forEach(
          (key, value) -> {
            if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
              problems.add(id + ": invalid value of label " + key + ": " + value);
            }
          });
    }
  }

  private static void selectorMatches(
      Map<String, String> selector, PodTemplateSpec template, String id, List<String> problems) {
    Map<String, String> labels = template.getMetadata().getLabels();
    selector.forEach(
        (k, v) -> {
          if (!v.equals(labels.get(k))) {
            problems.add(id + ": selector " + k + "=" + v + " does not match its pod template");
          }
        });
  }

  /** Containers, their ports and probes, and the volumes their mounts name. */
  private static void pod(PodSpec pod, String id, List<String> problems) {
    Set<String> volumes =
        pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
    if (volumes.size() != pod.getVolumes().size()) {
      problems.add(id + ": duplicate volume names");
    }
    for (Container c : pod.getContainers()) {
      String cid = id + " container " + c.getName();
      if (c.getImage() == null || c.getImage().isBlank()) {
        problems.add(cid + ": no image");
      }
      if (!DNS_1123_LABEL.matcher(c.getName()).matches()) {
        problems.add(cid + ": invalid container name");
      }
      c.getVolumeMounts().stream()
          .filter(m -> !volumes.contains(m.getName()))
          .forEach(m -> problems.add(cid + ": mount of unknown volume " + m.getName()));
      Set<String> portNames =
          c.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
      for (ContainerPort port : c.getPorts()) {
        if (port.getName() != null && port.getName().length() > 15) {
          problems.add(cid + ": port name longer than 15: " + port.getName());
        }
      }
      for (Probe probe :
          java.util.stream.Stream.of(
                  c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())
              .filter(p -> p != null && p.getHttpGet() != null)
              .toList()) {
        HTTPGetAction get = probe.getHttpGet();
        if (get.getPort().getStrVal() != null && !portNames.contains(get.getPort().getStrVal())) {
          problems.add(cid + ": probe on unknown port " + get.getPort().getStrVal());
        }
      }
    }
  }

  /** A Service's named target ports must exist on the pods it selects. */
  private static void servicePortsResolve(
      Service service, Rendered rendered, List<String> problems) {
    String id = "Service " + service.getMetadata().getName();
    Map<String, String> selector = service.getSpec().getSelector();
    List<PodTemplateSpec> pods =
        rendered.podTemplates().stream()
            .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .toList();
    if (pods.isEmpty()) {
      problems.add(id + ": selects no pod");
      return;
    }
    Set<String> names =
        pods.stream()
            .flatMap(t -> t.getSpec().getContainers().stream())
            .flatMap(c -> c.getPorts().stream())
            .map(ContainerPort::getName)
            .collect(Collectors.toSet());
    service.getSpec().getPorts().stream()
        .map(p -> p.getTargetPort().getStrVal())
        .filter(name -> name != null && !names.contains(name))
        .forEach(name -> problems.add(id + ": target port " + name + " not on its pods"));
  }
}
