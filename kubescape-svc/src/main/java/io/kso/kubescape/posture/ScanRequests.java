package io.kso.kubescape.posture;

import io.kso.common.message.PostScanRequest;
import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.FrameworkSpec;
import io.kso.kubescape.port.NamespaceFilter;
import io.kso.kubescape.posture.PostureServiceException.Reason;
import io.kso.kubescape.scan.PostureException;
import io.kso.kubescape.scan.ScanConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns the original's {@code PostScanRequest} into a {@link ScanRequest}: the target (framework or
 * control names, checked against the bundle), namespaces, exceptions and submission, each falling
 * back to the service's defaults as the original does.
 */
public final class ScanRequests {
  private final Supplier<Bundle> bundles;
  private final ScanDefaults defaults;

  public ScanRequests(Supplier<Bundle> bundles, ScanDefaults defaults) {
    this.bundles = bundles;
    this.defaults = defaults;
  }

  public ScanRequest from(PostScanRequest request) {
    ScanRequest.Builder out = ScanRequest.builder();
    target(bundles.get(), request, out);
    List<String> include = split(request.includeNamespaces());
    List<String> exclude = split(request.excludedNamespaces());
    boolean named = !include.isEmpty() || !exclude.isEmpty();
    out.namespaces(
        named
            ? new NamespaceFilter(include, exclude)
            : new NamespaceFilter(defaults.includeNamespaces(), defaults.excludeNamespaces()));
    out.scanObject(scanObject(request.scanObject()));
    out.exceptions(exceptions(request.exceptions()));
    boolean submit = request.submit() != null ? request.submit() : defaults.submit();
    boolean keepLocal = Boolean.TRUE.equals(request.keepLocal()) || defaults.keepLocal();
    out.submit(submit && !keepLocal);
    String account = request.account();
    out.account(account == null || account.isBlank() ? defaults.account() : account.strip());
    return out.build();
  }

  /**
   * {@code targetType} Framework (or none) selects frameworks, {@code all} or an empty name
   * selecting every one; Control selects controls by ID or name. Any other type scans every
   * framework, as the original does.
   */
  private static void target(Bundle bundle, PostScanRequest request, ScanRequest.Builder out) {
    String type =
        request.targetType() == null ? "" : request.targetType().strip().toLowerCase(Locale.ROOT);
    List<String> names = request.targetNames() == null ? List.of() : request.targetNames();
    if (type.equals("control")) {
      out.controls(controls(bundle, names));
    } else if (type.isEmpty() || type.equals("framework")) {
      out.frameworks(frameworks(bundle, names));
    }
  }

  private static List<String> frameworks(Bundle bundle, List<String> names) {
    if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank() || isAll(n))) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      FrameworkSpec f = bundle.framework(name.strip());
      if (f == null) {
        unknown.add(name);
      } else if (!out.contains(f.name())) {
        out.add(f.name());
      }
    }
    if (!unknown.isEmpty()) {
      throw new PostureServiceException(
          Reason.BAD_REQUEST,
          "targetNames: unknown framework(s) "
              + unknown
              + "; known frameworks: "
              + new TreeSet<>(bundle.frameworks().keySet()));
    }
    return out;
  }

  private static boolean isAll(String name) {
    return name.strip().equalsIgnoreCase("all");
  }

  private static List<String> controls(Bundle bundle, List<String> names) {
    List<String> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      String id = controlId(bundle, name == null ? "" : name.strip());
      if (id == null) {
        unknown.add(name);
      } else if (!out.contains(id)) {
        out.add(id);
      }
    }
    if (!unknown.isEmpty() || out.isEmpty()) {
      throw new PostureServiceException(
          Reason.BAD_REQUEST,
          (out.isEmpty() && unknown.isEmpty()
                  ? "targetNames: a Control scan names at least one control"
                  : "targetNames: unknown control(s) " + unknown)
              + "; known controls: "
              + new TreeSet<>(bundle.controls().keySet()));
    }
    return out;
  }

  private static String controlId(Bundle bundle, String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (bundle.controls().containsKey(upper)) {
      return upper;
    }
    return bundle.controls().values().stream()
        .filter(c -> c.name().equalsIgnoreCase(name))
        .map(ControlSpec::id)
        .findFirst()
        .orElse(null);
  }

  /** The original joins the lists with commas; entries may hold several names themselves. */
  private static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        for (String part : v == null ? new String[0] : v.split(",")) {
          if (!part.isBlank() && !out.contains(part.strip())) {
            out.add(part.strip());
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> scanObject(Map<String, Object> object) {
    if (object == null || object.isEmpty()) {
      return null;
    }
    Object metadata = object.get("metadata");
    boolean named =
        metadata instanceof Map<?, ?> m
            && m.get("name") instanceof String n
            && !n.isBlank()
            && object.get("kind") instanceof String k
            && !k.isBlank();
    if (!named) {
      throw new PostureServiceException(
          Reason.BAD_REQUEST, "scanObject: an object needs kind and metadata.name");
    }
    return object;
  }

  private static List<PostureException> exceptions(List<Map<String, Object>> policies) {
    if (policies == null || policies.isEmpty()) {
      return List.of();
    }
    try {
      return ScanConfigReader.exceptions(policies);
    } catch (RuntimeException e) {
      throw new PostureServiceException(Reason.BAD_REQUEST, "exceptions: " + e.getMessage());
    }
  }
}
