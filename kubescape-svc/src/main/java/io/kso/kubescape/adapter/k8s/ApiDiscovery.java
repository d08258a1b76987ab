package io.kso.kubescape.adapter.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Resolves kind names to the API resources that list them, as {@code kubectl api-resources} and
 * client-go's {@code ServerPreferredResources} do: the core group first, then the groups in the
 * order {@code /apis} gives them (built-in groups before CRDs), each group's preferred version
 * first. A kind the built-in table knows is only looked for in its own group (a CRD of the same
 * kind name elsewhere does not shadow it). When discovery cannot be had (the fabric8 mock server
 * answers {@code /api/v1} with an empty list) the table answers alone.
 */
final class ApiDiscovery {
  /** Group versions Kubescape's discovery skips (k8s-interface's ignoreGroups). */
  private static final Set<String> IGNORED_GROUPS = Set.of("metrics.k8s.io");

  /**
   * @param resolved kind → where it is listed
   * @param unresolved kind → why it is not read
   * @param reached whether the API server answered at all
   * @param failure the first failure, if any
   */
  record Resolution(
      Map<String, ApiResource> resolved,
      Map<String, String> unresolved,
      boolean reached,
      ApiFailure failure) {}

  private record Group(String name, List<String> versions) {}

  private record Served(Map<String, ApiResource> byKind, ApiFailure failure) {}

  private final ApiRequests api;
  private final ExecutorService pool;

  ApiDiscovery(ApiRequests api, ExecutorService pool) {
    this.api = api;
    this.pool = pool;
  }

  Resolution resolve(Set<String> kinds) {
    Served core = served("", "v1");
    if (core.failure() != null) {
      return fromTable(kinds, "API discovery failed: " + core.failure().getMessage(), core);
    }
    if (core.byKind().isEmpty()) {
      return fromTable(kinds, "API discovery is not served", core);
    }
    Map<String, ApiResource> resolved = new LinkedHashMap<>();
    Set<String> rest = new LinkedHashSet<>();
    for (String kind : kinds) {
      Optional.ofNullable(core.byKind().get(kind))
          .ifPresentOrElse(r -> resolved.put(kind, r), () -> rest.add(kind));
    }
    if (rest.isEmpty()) {
      return new Resolution(resolved, Map.of(), true, null);
    }
    try {
      List<Group> groups = groups();
      return inGroups(rest, groups, resolved);
    } catch (ApiFailure f) {
      Resolution table = fromTable(rest, "API group discovery failed: " + f.getMessage(), core);
      resolved.putAll(table.resolved());
      return new Resolution(resolved, table.unresolved(), true, f);
    }
  }

  private Resolution inGroups(
      Set<String> kinds, List<Group> groups, Map<String, ApiResource> resolved) {
    Map<String, Served> preferred = fetch(kinds, groups, true, Map.of());
    Set<String> missing = new LinkedHashSet<>();
    kinds.stream().filter(k -> find(k, groups, preferred) == null).forEach(missing::add);
    Map<String, Served> fetched =
        missing.isEmpty() ? preferred : fetch(missing, groups, false, preferred);
    Map<String, String> unresolved = new LinkedHashMap<>();
    ApiFailure firstFailure = null;
    for (String kind : kinds) {
      ApiResource found = find(kind, groups, fetched);
      List<String> failed = failedVersions(kind, groups, fetched);
      if (found == null && !failed.isEmpty()) {
        found = KindTable.wellKnown(kind).orElse(null);
        firstFailure = firstFailure != null ? firstFailure : fetched.get(failed.get(0)).failure();
      }
      if (found != null) {
        resolved.put(kind, found);
      } else {
        unresolved.put(kind, notServed(kind, failed, fetched));
      }
    }
    return new Resolution(resolved, unresolved, true, firstFailure);
  }

  private static String notServed(String kind, List<String> failed, Map<String, Served> fetched) {
    if (failed.isEmpty()) {
      return kind + ": not served by this API server (not in API discovery)";
    }
    String gv = failed.get(0);
    return kind + ": API discovery of " + gv + " failed: " + fetched.get(gv).failure().getMessage();
  }

  /** Fetches the preferred (or else the other) versions of the groups these kinds may be in. */
  private Map<String, Served> fetch(
      Set<String> kinds, List<Group> groups, boolean preferred, Map<String, Served> done) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String kind : kinds) {
      for (Group g : candidates(kind, groups)) {
        List<String> versions = preferred ? g.versions().subList(0, 1) : g.versions();
        versions.forEach(v -> wanted.add(g.name() + "/" + v));
      }
    }
    wanted.removeAll(done.keySet());
    Map<String, Future<Served>> futures = new LinkedHashMap<>();
    for (String gv : wanted) {
      int slash = gv.lastIndexOf('/');
      Callable<Served> task = () -> served(gv.substring(0, slash), gv.substring(slash + 1));
      futures.put(gv, pool.submit(task));
    }
    Map<String, Served> out = new LinkedHashMap<>(done);
    futures.forEach((gv, f) -> out.put(gv, join(f)));
    return out;
  }

  private static ApiResource find(String kind, List<Group> groups, Map<String, Served> fetched) {
    for (Group g : candidates(kind, groups)) {
      for (String v : g.versions()) {
        Served s = fetched.get(g.name() + "/" + v);
        if (s != null && s.byKind().containsKey(kind)) {
          return s.byKind().get(kind);
        }
      }
    }
    return null;
  }

  private static List<String> failedVersions(
      String kind, List<Group> groups, Map<String, Served> fetched) {
    List<String> failed = new ArrayList<>();
    for (Group g : candidates(kind, groups)) {
      for (String v : g.versions()) {
        Served s = fetched.get(g.name() + "/" + v);
        if (s != null && s.failure() != null) {
          failed.add(g.name() + "/" + v);
        }
      }
    }
    return failed;
  }

  private static List<Group> candidates(String kind, List<Group> groups) {
    Optional<String> group = KindTable.wellKnown(kind).map(ApiResource::group);
    return groups.stream()
        .filter(g -> group.map(g.name()::equals).orElse(!IGNORED_GROUPS.contains(g.name())))
        .toList();
  }

  private Resolution fromTable(Set<String> kinds, String why, Served core) {
    Map<String, ApiResource> resolved = new LinkedHashMap<>();
    Map<String, String> unresolved = new LinkedHashMap<>();
    for (String kind : kinds) {
      KindTable.wellKnown(kind)
          .ifPresentOrElse(
              r -> resolved.put(kind, r),
              () -> unresolved.put(kind, kind + ": not a well-known kind, and " + why));
    }
    ApiFailure failure = core.failure();
    return new Resolution(resolved, unresolved, failure == null || !failure.unreachable(), failure);
  }

  private List<Group> groups() throws ApiFailure {
    Map<String, Object> list = api.get("/apis", ApiJson::readMap);
    List<Group> groups = new ArrayList<>();
    for (Map<String, Object> g : ApiJson.maps(list.get("groups"))) {
      String preferred = ApiJson.str(ApiJson.map(g.get("preferredVersion")), "version");
      List<String> versions = new ArrayList<>();
      if (!preferred.isEmpty()) {
        versions.add(preferred);
      }
      for (Map<String, Object> v : ApiJson.maps(g.get("versions"))) {
        String version = ApiJson.str(v, "version");
        if (!version.isEmpty() && !versions.contains(version)) {
          versions.add(version);
        }
      }
      if (!versions.isEmpty()) {
        groups.add(new Group(ApiJson.str(g, "name"), List.copyOf(versions)));
      }
    }
    return groups;
  }

  /** The listable resources of one group version, by kind (subresources left out). */
  private Served served(String group, String version) {
    String path = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    try {
      Map<String, Object> list = api.get(path, ApiJson::readMap);
      Map<String, ApiResource> byKind = new LinkedHashMap<>();
      if ("APIResourceList".equals(ApiJson.str(list, "kind"))) {
        for (Map<String, Object> r : ApiJson.maps(list.get("resources"))) {
          String name = ApiJson.str(r, "name");
          if (!name.contains("/") && verbs(r).contains("list")) {
            byKind.putIfAbsent(
                ApiJson.str(r, "kind"),
                new ApiResource(group, version, name, ApiJson.str(r, "kind"), namespaced(r)));
          }
        }
      }
      return new Served(byKind, null);
    } catch (ApiFailure f) {
      return new Served(Map.of(), f);
    }
  }

  private static List<?> verbs(Map<String, Object> resource) {
    return resource.get("verbs") instanceof List<?> l ? l : List.of();
  }

  private static boolean namespaced(Map<String, Object> resource) {
    return Boolean.TRUE.equals(resource.get("namespaced"));
  }

  private static Served join(Future<Served> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return new Served(Map.of(), ApiFailure.unreachable(String.valueOf(e.getCause()), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Served(Map.of(), ApiFailure.unreachable("interrupted", e));
    }
  }
}
