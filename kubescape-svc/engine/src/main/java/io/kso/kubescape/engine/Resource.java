package io.kso.kubescape.engine;

import java.util.Map;

/**
 * One object handed to the engine: a Kubernetes object, or an object the engine prepared (an RBAC
 * subject joined with its binding and role). {@code source} names where it came from (a file and
 * line, a chart, a cluster) for reports.
 */
public final class Resource {
  private final Map<String, Object> object;
  private final String source;
  private final boolean external;
  private final String id;
  private final String kind;

  /**
   * @param object the object in CEL's value model (see {@link Values})
   * @param external true when the object is not a Kubernetes API object (RBAC subject, host data)
   */
  public Resource(Map<String, Object> object, String source, boolean external) {
    this.object = object;
    this.source = source;
    this.external = external;
    this.id = idOf(object);
    this.kind = K8s.kind(object);
  }

  public static Resource of(Map<String, Object> object, String source) {
    return new Resource(object, source, false);
  }

  public Map<String, Object> object() {
    return object;
  }

  public String source() {
    return source;
  }

  public boolean external() {
    return external;
  }

  public String kind() {
    return kind;
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
    return id;
  }

  public static String idOf(Map<String, Object> object) {
    String api = K8s.apiVersion(object);
    int slash = api.indexOf('/');
    String group = slash >= 0 ? api.substring(0, slash) : "";
    String version = slash >= 0 ? api.substring(slash + 1) : api;
    return String.join(
        "/", group, version, K8s.namespace(object), K8s.kind(object), K8s.name(object));
  }

  @Override
  public String toString() {
    return id;
  }
}
