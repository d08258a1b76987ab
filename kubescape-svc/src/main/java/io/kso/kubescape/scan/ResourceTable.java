package io.kso.kubescape.scan;

import io.kso.kubescape.engine.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource of a scan (inputs, prepared RBAC subjects, objects findings point at) with a dense
 * index, so that per-control sets are bit sets rather than maps of IDs.
 */
public final class ResourceTable {
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();

  /** The index of the resource, adding it (first one of an ID wins). */
  public synchronized int add(Resource r) {
    Integer i = index.get(r.id());
    if (i != null) {
      return i;
    }
    resources.add(r);
    index.put(r.id(), resources.size() - 1);
    return resources.size() - 1;
  }

  public synchronized int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  public synchronized Resource get(int i) {
    return resources.get(i);
  }

  public synchronized int size() {
    return resources.size();
  }

  public synchronized List<Resource> all() {
    return Collections.unmodifiableList(new ArrayList<>(resources));
  }
}
