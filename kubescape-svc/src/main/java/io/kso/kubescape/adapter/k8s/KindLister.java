package io.kso.kubescape.adapter.k8s;

import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.port.NamespaceFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the objects of one API resource (across namespaces, or in one), page by page with {@code
 * limit} and {@code continue}. Each page is streamed straight into engine Resources: its items are
 * parsed one at a time, stripped of {@code metadata.managedFields}, filtered by namespace and
 * converted, so neither the page's text nor a model list of it is ever held.
 */
final class KindLister {
  static final String SOURCE = "cluster";

  private final ApiRequests api;
  private final int pageSize;

  KindLister(ApiRequests api, int pageSize) {
    this.api = api;
    this.pageSize = pageSize;
  }

  /**
   * Every object, or the failure. A listing whose continue token expired (410 Gone, the server's
   * snapshot compacted away) starts again from the first page, once.
   */
  List<Resource> list(ApiResource resource, String namespace, NamespaceFilter filter)
      throws ApiFailure {
    try {
      return listOnce(resource, namespace, filter);
    } catch (ApiFailure f) {
      if (f.code() != 410) {
        throw f;
      }
    }
    try {
      return listOnce(resource, namespace, filter);
    } catch (ApiFailure f) {
      throw f.code() == 410 ? ApiFailure.expiredAgain() : f;
    }
  }

  private List<Resource> listOnce(ApiResource resource, String namespace, NamespaceFilter filter)
      throws ApiFailure {
    List<Resource> out = new ArrayList<>();
    String token = null;
    do {
      String previous = token;
      token =
          api.get(
              resource.listPath(namespace, pageSize, token),
              body -> ApiJson.readListPage(body, item -> add(item, resource, filter, out)));
      if (token != null && token.equals(previous)) {
        throw ApiFailure.malformed("the same continue token twice", null);
      }
    } while (token != null);
    return out;
  }

  private static void add(
      Map<String, Object> item, ApiResource resource, NamespaceFilter filter, List<Resource> out) {
    Map<String, Object> metadata = ApiJson.map(item.get("metadata"));
    if (!admitted(resource, metadata, filter)) {
      return;
    }
    if (metadata.containsKey("managedFields")) {
      metadata.remove("managedFields");
    }
    // Items of built-in lists carry no kind and apiVersion: the list does.
    item.putIfAbsent("apiVersion", resource.apiVersion());
    item.putIfAbsent("kind", resource.kind());
    out.add(Resource.of(Values.toCelMap(item), SOURCE));
  }

  private static boolean admitted(
      ApiResource resource, Map<String, Object> metadata, NamespaceFilter filter) {
    if (resource.namespaced()) {
      return filter.admits(ApiJson.str(metadata, "namespace"));
    }
    boolean namespaceObject = resource.group().isEmpty() && "namespaces".equals(resource.plural());
    return !namespaceObject || filter.admits(ApiJson.str(metadata, "name"));
  }
}
