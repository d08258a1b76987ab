package io.kso.kubescape.engine;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes helpers rules may call besides standard CEL (documented in
 * docs/config-scanning.md). Lookups of other objects read the inventory of the scan being evaluated
 * on this thread.
 */
final class RuleFunctions {
  private static final ThreadLocal<Inventory> CURRENT = new ThreadLocal<>();

  private RuleFunctions() {}

  static void bind(Inventory inventory) {
    CURRENT.set(inventory);
  }

  static void unbind() {
    CURRENT.remove();
  }

  private static Inventory inventory() {
    Inventory i = CURRENT.get();
    return i == null ? new Inventory(List.of()) : i;
  }

  static List<CelFunctionDecl> declarations() {
    var dyn = SimpleType.DYN;
    var str = SimpleType.STRING;
    var listDyn = ListType.create(dyn);
    return List.of(
        fn("objectsOfKind", global("objectsOfKind_s", listDyn, str)),
        fn("objectsOfKind", global("objectsOfKind_s_s", listDyn, str, str)),
        fn("selects", global("selects_dyn_dyn", SimpleType.BOOL, dyn, dyn)),
        fn("podSpecOf", global("podSpecOf_dyn", dyn, dyn)),
        fn("podPathOf", global("podPathOf_dyn", str, dyn)),
        fn("podLabelsOf", global("podLabelsOf_dyn", dyn, dyn)),
        fn("versionCompare", global("versionCompare_s_s", SimpleType.INT, str, str)),
        fn("quantity", global("quantity_dyn", SimpleType.DOUBLE, dyn)),
        fn("cmdFlags", global("cmdFlags_dyn", dyn, dyn)),
        fn("take", global("take_list_int", listDyn, listDyn, SimpleType.INT)),
        fn("base64Text", global("base64Text_s", str, str)),
        fn("cpComponent", global("cpComponent_dyn", str, dyn)),
        fn("cpItems", global("cpItems_dyn", listDyn, dyn)),
        fn("cpFlag", global("cpFlag_dyn_s", listDyn, dyn, str)),
        fn("cpAppendPath", global("cpAppendPath_dyn_int", str, dyn, SimpleType.INT)),
        fn("cpListPath", global("cpListPath_dyn", str, dyn)),
        fn(
            "permissionsAllow",
            global("permissionsAllow_int_int", SimpleType.BOOL, SimpleType.INT, SimpleType.INT)),
        fn("parseYaml", global("parseYaml_s", dyn, str)),
        fn("rbacGrants", global("rbacGrants_dyn4", listDyn, dyn, dyn, dyn, dyn)),
        fn("matchesAny", global("matchesAny_s_dyn", SimpleType.BOOL, str, dyn)),
        fn("workloadsIn", global("workloadsIn_s", listDyn, str)),
        fn("serviceAccountBindings", global("serviceAccountBindings_s_s", listDyn, str, str)),
        fn("objectsNear", global("objectsNear_s_s", listDyn, str, str)),
        fn("merge", global("merge_dyn_dyn", dyn, dyn, dyn)),
        fn("servicesSelecting", global("servicesSelecting_s_dyn", listDyn, str, dyn)),
        fn("serviceAccountsOf", global("serviceAccountsOf_dyn", listDyn, dyn)),
        fn(
            "containsAnyIgnoreCase",
            global("containsAnyIgnoreCase_s_dyn", SimpleType.BOOL, str, dyn)),
        fn("containsAny", global("containsAny_s_dyn", SimpleType.BOOL, str, dyn)),
        fn(
            "networkPoliciesSelecting",
            global("networkPoliciesSelecting_s_dyn", listDyn, str, dyn)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("objectsOfKind_s", String.class, k -> inventory().ofKind(k)),
        CelFunctionBinding.from(
            "objectsOfKind_s_s", String.class, String.class, (k, ns) -> inventory().ofKind(k, ns)),
        CelFunctionBinding.from("selects_dyn_dyn", Object.class, Object.class, Selectors::selects),
        CelFunctionBinding.from("podSpecOf_dyn", Object.class, RuleFunctions::podSpecOf),
        CelFunctionBinding.from("podPathOf_dyn", Object.class, RuleFunctions::podPathOf),
        CelFunctionBinding.from("podLabelsOf_dyn", Object.class, RuleFunctions::podLabelsOf),
        CelFunctionBinding.from(
            "versionCompare_s_s", String.class, String.class, RuleFunctions::versionCompare),
        CelFunctionBinding.from("quantity_dyn", Object.class, Quantities::parse),
        CelFunctionBinding.from("cmdFlags_dyn", Object.class, RuleFunctions::cmdFlags),
        CelFunctionBinding.from(
            "take_list_int",
            List.class,
            Long.class,
            (l, n) -> l.size() <= n ? l : l.subList(0, (int) (long) n)),
        CelFunctionBinding.from("base64Text_s", String.class, RuleFunctions::base64Text),
        CelFunctionBinding.from("cpComponent_dyn", Object.class, ControlPlane::component),
        CelFunctionBinding.from(
            "cpItems_dyn", Object.class, o -> List.copyOf(ControlPlane.items(o))),
        CelFunctionBinding.from("cpFlag_dyn_s", Object.class, String.class, ControlPlane::flag),
        CelFunctionBinding.from(
            "cpAppendPath_dyn_int", Object.class, Long.class, ControlPlane::appendPath),
        CelFunctionBinding.from("cpListPath_dyn", Object.class, ControlPlane::listPath),
        CelFunctionBinding.from(
            "permissionsAllow_int_int",
            Long.class,
            Long.class,
            (allowed, actual) -> (actual & ~allowed) == 0),
        CelFunctionBinding.from("parseYaml_s", String.class, RuleFunctions::parseYaml),
        CelFunctionBinding.from(
            "rbacGrants_dyn4",
            List.of(Object.class, Object.class, Object.class, Object.class),
            a -> Rbac.grants(a[0], a[1], a[2], a[3])),
        CelFunctionBinding.from(
            "matchesAny_s_dyn", String.class, Object.class, Patterns::matchesAny),
        CelFunctionBinding.from("workloadsIn_s", String.class, ns -> inventory().workloadsIn(ns)),
        CelFunctionBinding.from(
            "serviceAccountBindings_s_s",
            String.class,
            String.class,
            (ns, name) -> inventory().serviceAccountBindings(ns, name)),
        CelFunctionBinding.from(
            "objectsNear_s_s", String.class, String.class, (k, ns) -> inventory().near(k, ns)),
        CelFunctionBinding.from("merge_dyn_dyn", Object.class, Object.class, RuleFunctions::merge),
        CelFunctionBinding.from(
            "servicesSelecting_s_dyn",
            String.class,
            Object.class,
            (ns, labels) -> servicesSelecting(ns, labels)),
        CelFunctionBinding.from(
            "serviceAccountsOf_dyn", Object.class, o -> inventory().serviceAccountsOf(o)),
        CelFunctionBinding.from(
            "containsAnyIgnoreCase_s_dyn",
            String.class,
            Object.class,
            RuleFunctions::containsAnyIgnoreCase),
        CelFunctionBinding.from(
            "containsAny_s_dyn",
            String.class,
            Object.class,
            (t, w) -> K8s.list(w).stream().anyMatch(x -> t.contains(String.valueOf(x)))),
        CelFunctionBinding.from(
            "networkPoliciesSelecting_s_dyn",
            String.class,
            Object.class,
            (ns, labels) -> networkPoliciesSelecting(ns, labels)));
  }

  private static CelFunctionDecl fn(String name, CelOverloadDecl o) {
    return CelFunctionDecl.newFunctionDeclaration(name, o);
  }

  private static CelOverloadDecl global(
      String id, dev.cel.common.types.CelType result, dev.cel.common.types.CelType... params) {
    return CelOverloadDecl.newGlobalOverload(id, result, params);
  }

  static Object podSpecOf(Object o) {
    Map<String, Object> m = K8s.map(o);
    String p = K8s.podSpecPath(m);
    Object spec = p == null ? null : K8s.at(m, p);
    return spec instanceof Map<?, ?> ? spec : Map.of();
  }

  static String podPathOf(Object o) {
    String p = K8s.podSpecPath(K8s.map(o));
    return p == null ? "" : p;
  }

  static Object podLabelsOf(Object o) {
    Map<String, Object> m = K8s.map(o);
    String p = K8s.podSpecPath(m);
    if (p == null) {
      return Map.of();
    }
    String meta = p.substring(0, p.length() - "spec".length()) + "metadata.labels";
    Object labels = K8s.at(m, meta);
    return labels instanceof Map<?, ?> ? labels : Map.of();
  }

  /**
   * {@code --flag=value} and {@code --flag value} arguments of a command list, as a map of flag
   * (with its dashes) to {@code {value, index}}; the last occurrence wins.
   */
  static Object cmdFlags(Object cmd) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    List<Object> args = K8s.list(cmd);
    for (int i = 0; i < args.size(); i++) {
      String a = K8s.str(args.get(i));
      if (!a.startsWith("-")) {
        continue;
      }
      int eq = a.indexOf('=');
      String flag = eq < 0 ? a : a.substring(0, eq);
      String value = eq < 0 ? "" : a.substring(eq + 1);
      out.put(flag, Map.of("value", value, "index", (long) i));
    }
    return out;
  }

  /**
   * Services of the namespace (a missing namespace and "default" being the same) whose selector
   * entries all appear in the labels, as Kubescape joins services to pods (an empty selector joins
   * every pod).
   */
  static List<Object> servicesSelecting(String ns, Object labels) {
    Map<String, Object> l = K8s.map(labels);
    List<Object> out = new ArrayList<>();
    for (Object s : inventory().near("Service", ns)) {
      Map<String, Object> sel = K8s.map(K8s.map(K8s.map(s).get("spec")).get("selector"));
      boolean all = true;
      for (Map.Entry<String, Object> e : sel.entrySet()) {
        if (!java.util.Objects.equals(e.getValue(), l.get(e.getKey()))) {
          all = false;
          break;
        }
      }
      if (all) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The network policies that select pods with these labels: NetworkPolicies of the namespace by
   * podSelector, CiliumNetworkPolicies of the namespace and CiliumClusterwideNetworkPolicies by the
   * endpointSelector of spec or of any of specs.
   */
  static List<Object> networkPoliciesSelecting(String ns, Object labels) {
    List<Object> out = new ArrayList<>();
    for (Object p : inventory().ofKind("NetworkPolicy", ns)) {
      Object sel = K8s.map(K8s.map(p).get("spec")).get("podSelector");
      if (Selectors.selects(sel == null ? Map.of() : sel, labels)) {
        out.add(p);
      }
    }
    List<Object> cilium = new ArrayList<>(inventory().ofKind("CiliumNetworkPolicy", ns));
    cilium.addAll(inventory().ofKind("CiliumClusterwideNetworkPolicy"));
    for (Object p : cilium) {
      Map<String, Object> m = K8s.map(p);
      List<Object> specs = new ArrayList<>(K8s.list(m.get("specs")));
      if (m.get("spec") != null) {
        specs.add(m.get("spec"));
      }
      for (Object spec : specs) {
        Object sel = K8s.map(spec).get("endpointSelector");
        if (sel != null && Selectors.selects(sel, labels)) {
          out.add(p);
          break;
        }
      }
    }
    return out;
  }

  /** True when the text contains any of the words, ignoring ASCII case. */
  static boolean containsAnyIgnoreCase(String text, Object words) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    for (Object w : K8s.list(words)) {
      if (t.contains(String.valueOf(w).toLowerCase(java.util.Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The two maps' entries, the second's winning. */
  static Object merge(Object a, Object b) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(K8s.map(a));
    out.putAll(K8s.map(b));
    return out;
  }

  /** A YAML or JSON document as a value; an empty map when it does not parse. */
  static Object parseYaml(String text) {
    try {
      Object doc = io.kso.kubescape.input.YamlDocuments.parseFirst(text);
      return doc == null ? Map.of() : Values.toCel(doc);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** The text a base64 string encodes, or "" when it is not base64 (or not text). */
  static String base64Text(String s) {
    try {
      byte[] b = java.util.Base64.getDecoder().decode(s.trim());
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(b))
          .toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return "";
    }
  }

  /** Compares dotted numeric versions, ignoring a leading {@code v} and any suffix after - or +. */
  static long versionCompare(String a, String b) {
    List<Long> x = versionParts(a);
    List<Long> y = versionParts(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      long p = i < x.size() ? x.get(i) : 0;
      long q = i < y.size() ? y.get(i) : 0;
      if (p != q) {
        return p < q ? -1 : 1;
      }
    }
    return 0;
  }

  private static List<Long> versionParts(String v) {
    String s = v.startsWith("v") || v.startsWith("V") ? v.substring(1) : v;
    int cut = s.length();
    for (char c : new char[] {'-', '+'}) {
      int i = s.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    List<Long> parts = new ArrayList<>();
    for (String p : s.substring(0, cut).split("\\.")) {
      String digits = p.replaceAll("[^0-9].*$", "");
      parts.add(digits.isEmpty() ? 0 : Long.parseLong(digits));
    }
    return parts;
  }
}
