package io.kso.kubescape.testing;

/** Small clusters for posture service tests. */
public final class Samples {
  private Samples() {}

  /** A privileged pod in {@code shop}, a hardened one in {@code prod}, and a namespace each. */
  public static final String CLUSTER =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: prod}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: root-shell, namespace: shop}
      spec:
        containers:
          - name: shell
            image: debian:12
            securityContext: {privileged: true}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: hardened, namespace: prod}
      spec:
        automountServiceAccountToken: false
        securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
        containers:
          - name: app
            image: registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            securityContext:
              privileged: false
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: {drop: [ALL]}
            resources:
              limits: {cpu: 100m, memory: 64Mi}
              requests: {cpu: 100m, memory: 64Mi}
      """;
}
