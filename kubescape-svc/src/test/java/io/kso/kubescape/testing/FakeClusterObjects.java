package io.kso.kubescape.testing;

import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.ManifestReader;
import io.kso.kubescape.port.ClusterObjects;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.ClusterUnavailableException;
import io.kso.kubescape.port.NamespaceFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster held in memory: kinds can be made unreadable, the whole server unreachable. */
public final class FakeClusterObjects implements ClusterObjects {
  private final List<Resource> resources = new CopyOnWriteArrayList<>();
  private final Map<String, String> unreadable = new ConcurrentHashMap<>();
  private final List<Set<String>> asked = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  public FakeClusterObjects add(String yaml) {
    resources.addAll(ManifestReader.readText(yaml, "cluster").resources());
    return this;
  }

  public FakeClusterObjects forbid(String kind, String reason) {
    unreadable.put(kind, reason);
    return this;
  }

  public FakeClusterObjects down(boolean value) {
    down = value;
    return this;
  }

  /** The kind sets of every read so far. */
  public List<Set<String>> asked() {
    return asked;
  }

  @Override
  public ClusterRead read(Set<String> kinds, NamespaceFilter namespaces) {
    asked.add(Set.copyOf(kinds));
    if (down) {
      throw new ClusterUnavailableException("connection refused: 127.0.0.1:1", null);
    }
    List<Resource> out =
        resources.stream()
            .filter(r -> kinds.contains(r.kind()) && !unreadable.containsKey(r.kind()))
            .filter(r -> r.namespace().isEmpty() || included(namespaces, r.namespace()))
            .toList();
    Map<String, String> missing = new ConcurrentHashMap<>();
    unreadable.forEach(
        (kind, reason) -> {
          if (kinds.contains(kind)) {
            missing.put(kind, reason);
          }
        });
    return new ClusterRead(out, missing, "v1.30.0");
  }

  private static boolean included(NamespaceFilter f, String namespace) {
    return (f.include().isEmpty() || f.include().contains(namespace))
        && !f.exclude().contains(namespace);
  }
}
