package io.kso.kubescape.posture;

import io.kso.kubescape.port.NamespaceFilter;
import io.kso.kubescape.scan.PostureException;
import java.util.List;
import java.util.Map;

/**
 * A posture scan to run, with the service's defaults applied. Two equal requests scan the same
 * thing, so a request equal to one queued or running joins it.
 *
 * @param frameworks framework names as the bundle spells them (empty with empty controls: all)
 * @param controls control IDs
 * @param scanObject one object to scan instead of the cluster, or null
 * @param submit whether the report goes to the event receiver
 * @param account the account ID reported with the results
 */
public record ScanRequest(
    List<String> frameworks,
    List<String> controls,
    NamespaceFilter namespaces,
    Map<String, Object> scanObject,
    List<PostureException> exceptions,
    boolean submit,
    String account) {

  public ScanRequest {
    frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    controls = controls == null ? List.of() : List.copyOf(controls);
    namespaces = namespaces == null ? NamespaceFilter.all() : namespaces;
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    account = account == null ? "" : account;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether this request scans the whole cluster (no namespace or single-object limit). */
  public boolean wholeCluster() {
    return scanObject == null && namespaces.include().isEmpty() && namespaces.exclude().isEmpty();
  }

  /** Builds a {@link ScanRequest}; unset fields take the record's defaults. */
  public static final class Builder {
    private List<String> frameworks;
    private List<String> controls;
    private NamespaceFilter namespaces;
    private Map<String, Object> scanObject;
    private List<PostureException> exceptions;
    private boolean submit;
    private String account;

    public Builder frameworks(List<String> value) {
      frameworks = value;
      return this;
    }

    public Builder controls(List<String> value) {
      controls = value;
      return this;
    }

    public Builder namespaces(NamespaceFilter value) {
      namespaces = value;
      return this;
    }

    public Builder scanObject(Map<String, Object> value) {
      scanObject = value;
      return this;
    }

    public Builder exceptions(List<PostureException> value) {
      exceptions = value;
      return this;
    }

    public Builder submit(boolean value) {
      submit = value;
      return this;
    }

    public Builder account(String value) {
      account = value;
      return this;
    }

    public ScanRequest build() {
      return new ScanRequest(
          frameworks, controls, namespaces, scanObject, exceptions, submit, account);
    }
  }
}
