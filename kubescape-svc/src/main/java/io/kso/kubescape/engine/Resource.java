package io.kso.kubescape.engine;

import java.util.Map;

/**
 * One object handed to the engine: a Kubernetes object, or an object the engine prepared (an RBAC
 * subject joined with its binding and role). {@code source} names where it came from (a file and
 * document, a chart, a cluster) for reports.
 *
 * @param object the object in CEL's value model (see {@link Values})
 * @param external true when the object is not a Kubernetes API object (RBAC subject, host data)
 */
public record Resource(Map<String, Object> object, String source, boolean external) {

  public static Resource of(Map<String, Object> object, String source) {
    return new Resource(object, source, false);
  }

  public String kind() {
    return K8s.kind(object);
  }

  public String name() {
    return K8s.name(object);
  }

  public String namespace() {
    return K8s.namespace(object);
  }

  public String apiVersion() {
    return K8s.apiVersion(object);
  }

  /** Kubescape's resource ID: {@code <group>/<version>/<namespace>/<kind>/<name>}. */
  public String id() {
    String api = apiVersion();
    String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
    String version = api.contains("/") ? api.substring(api.indexOf('/') + 1) : api;
    return String.join("/", group, version, namespace(), kind(), name());
  }
}
