package io.kso.kubescape.scan;

import io.kso.kubescape.engine.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource of a scan (inputs, prepared RBAC subjects, objects findings point at) with a dense
 * index, so that per-control sets are bit sets rather than maps of IDs.
 *
 * <p>The scanner fills the table on one thread; afterwards it is only read, from any thread.
 * Objects are looked up by identity first: a finding usually names the very object a rule
 * evaluated, so most lookups need no resource ID at all.
 */
public final class ResourceTable {
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<Object, Integer> byObject = new IdentityHashMap<>();

  /** The index of the resource, adding it (first one of an ID wins). */
  public int add(Resource r) {
    Integer known = byObject.get(r.object());
    if (known != null) {
      return known;
    }
    Integer i = index.get(r.id());
    if (i == null) {
      resources.add(r);
      i = resources.size() - 1;
      index.put(r.id(), i);
    }
    byObject.put(r.object(), i);
    return i;
  }

  /** The index of an object a finding reports, adding it when the table does not hold it yet. */
  public int add(Map<String, Object> object, boolean external) {
    Integer known = byObject.get(object);
    return known != null ? known : add(new Resource(object, "", external));
  }

  public int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  public Resource get(int i) {
    return resources.get(i);
  }

  public int size() {
    return resources.size();
  }

  public List<Resource> all() {
    return Collections.unmodifiableList(resources);
  }
}
