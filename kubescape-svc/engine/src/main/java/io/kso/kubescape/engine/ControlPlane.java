package io.kso.kubescape.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line flags of control-plane pods (kube-apiserver, kube-controller-manager,
 * kube-scheduler, etcd). kubeadm puts the flags in {@code command}; RKE2 and k3s keep {@code
 * command} to the binary and pass the flags in {@code args}: both are read, and paths point into
 * the list that holds them.
 */
final class ControlPlane {
  private static final String CONTAINER = "spec.containers[0]";

  private ControlPlane() {}

  /**
   * The component a static pod runs: a v1 Pod in kube-system with one container whose command
   * starts with the binary; "" otherwise.
   */
  static String component(Object o) {
    Map<String, Object> pod = K8s.map(o);
    if (!"Pod".equals(K8s.kind(pod))
        || !"v1".equals(K8s.apiVersion(pod))
        || !"kube-system".equals(K8s.namespace(pod))) {
      return "";
    }
    List<Object> containers = K8s.list(K8s.map(pod.get("spec")).get("containers"));
    if (containers.size() != 1) {
      return "";
    }
    List<Object> command = K8s.list(K8s.map(containers.get(0)).get("command"));
    if (command.isEmpty()) {
      return "";
    }
    String bin = K8s.str(command.get(0));
    for (String c :
        List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd")) {
      if (bin.endsWith(c)) {
        return c;
      }
    }
    return "";
  }

  /** command then args of the first container, each with its path. */
  static List<Map<String, Object>> items(Object o) {
    Map<String, Object> c = container(o);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String list : List.of("command", "args")) {
      List<Object> items = K8s.list(c.get(list));
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", K8s.str(items.get(i)));
        m.put("path", CONTAINER + "." + list + "[" + i + "]");
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Every occurrence of {@code --flag=value} (or a bare {@code --flag}) in the command and args:
   * {@code {path, item, value, fixed}}, {@code fixed} being the item without that flag (and its
   * separating space).
   */
  static List<Object> flag(Object o, String flag) {
    Pattern p = Pattern.compile(" ?" + Pattern.quote(flag) + "(?:=(.+?))?(?: |$)");
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> it : items(o)) {
      String item = (String) it.get("item");
      Matcher m = p.matcher(item);
      if (m.find()) {
        Map<String, Object> r = new LinkedHashMap<>(it);
        r.put("value", m.group(1) == null ? "" : m.group(1));
        r.put("fixed", item.replace(m.group(0), ""));
        out.add(r);
      }
    }
    return out;
  }

  /** Where the n-th (from 0) flag appended to the list holding the flags would go. */
  static String appendPath(Object o, long n) {
    Map<String, Object> c = container(o);
    List<Object> args = K8s.list(c.get("args"));
    if (c.containsKey("args")) {
      return CONTAINER + ".args[" + (args.size() + n) + "]";
    }
    return CONTAINER + ".command[" + (K8s.list(c.get("command")).size() + n) + "]";
  }

  /** The list holding the flags: {@code spec.containers[0].args} when present, else command. */
  static String listPath(Object o) {
    return CONTAINER + (container(o).containsKey("args") ? ".args" : ".command");
  }

  private static Map<String, Object> container(Object o) {
    List<Object> cs = K8s.list(K8s.map(K8s.map(o).get("spec")).get("containers"));
    return cs.isEmpty() ? Map.of() : K8s.map(cs.get(0));
  }
}
