package io.kso.kubescape.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleFiles;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.input.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kind the scan could not read (the service account may not list it, the server does not serve
 * it) skips every control that needs it, with the reason, instead of passing it over no objects;
 * controls on other kinds are evaluated as ever.
 */
class UnreadableKindsTest {
  static final Path SAMPLES = Path.of("src/test/resources/samples");
  static final Scanner SCANNER = new Scanner(BundleLoader.embedded());

  /**
   * A privileged Deployment (C-0057 fails it) and a binding to a cluster-admin-like role (C-0035).
   */
  static List<Resource> resources() {
    List<Resource> all = new ArrayList<>();
    for (String file : List.of("insecure-deployment.yaml", "nested/rbac-list.json")) {
      Inputs in = ManifestReader.readFile(SAMPLES.resolve(file));
      assertThat(in.errors()).isEmpty();
      all.addAll(in.resources());
    }
    return all;
  }

  static ControlResult control(ScanReport r, String id) {
    return r.controls().stream().filter(c -> c.control().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void forbiddenPodsSkipThePrivilegedContainerControlAndNotTheRbacOnes() {
    ScanOptions both = ScanOptions.builder().controls(List.of("C-0057", "C-0035")).build();
    ScanReport readable = SCANNER.scan(resources(), both);
    assertThat(control(readable, "C-0057").status()).isEqualTo(Status.FAILED);
    assertThat(control(readable, "C-0035").status()).isEqualTo(Status.FAILED);

    ScanReport r =
        SCANNER.scan(
            resources(), both.toBuilder().unreadableKind("Pod", "pods: forbidden (403)").build());

    ControlResult privileged = control(r, "C-0057");
    assertThat(privileged.status()).isEqualTo(Status.SKIPPED);
    assertThat(privileged.skipReason())
        .isEqualTo("objects it needs could not be read: Pod (pods: forbidden (403))");
    assertThat(privileged.size()).isZero();
    ControlResult admins = control(r, "C-0035");
    assertThat(admins.status()).isEqualTo(Status.FAILED);
    assertThat(admins.skipReason()).isEmpty();
    assertThat(admins.scores()).isEqualTo(control(readable, "C-0035").scores());
    // the skipped control takes no part in the scores: they are the RBAC control's alone
    assertThat(r.scanned()).isTrue();
    assertThat(r.complianceScore()).isCloseTo(admins.scores().compliance(), within(1e-9));
    assertThat(r.riskScore()).isCloseTo(admins.scores().risk(), within(1e-9));
  }

  @Test
  void anUnreadableBindingKindSkipsTheRulesPreparedFromBindings() {
    ScanReport r =
        SCANNER.scan(
            resources(),
            ScanOptions.builder()
                .controls(List.of("C-0057", "C-0035"))
                .unreadableKind("ClusterRoleBinding", "clusterrolebindings: forbidden (403)")
                .build());

    assertThat(control(r, "C-0035").status()).isEqualTo(Status.SKIPPED);
    assertThat(control(r, "C-0035").skipReason())
        .contains("ClusterRoleBinding (clusterrolebindings: forbidden (403))");
    assertThat(control(r, "C-0057").status()).isEqualTo(Status.FAILED);
  }

  @Test
  void everyUnreadableKindANeededOneIsNamedAndOthersAreNot() {
    ScanReport r =
        SCANNER.scan(
            resources(),
            ScanOptions.builder()
                .controls(List.of("C-0057"))
                .unreadableKinds(
                    Map.of(
                        "Pod", "pods: forbidden (403)",
                        "CronJob", "the server could not find the requested resource (404)",
                        "NetworkPolicy", "networkpolicies: forbidden (403)"))
                .build());

    assertThat(control(r, "C-0057").skipReason())
        .isEqualTo(
            "objects it needs could not be read: CronJob (the server could not find the requested"
                + " resource (404)); Pod (pods: forbidden (403))");
    // the only selected control was skipped: nothing was scanned, no score
    assertThat(r.scanned()).isFalse();
    assertThat(r.status()).isEqualTo(Status.SKIPPED);
  }

  @Test
  void aRuleWithoutKindsSeesEveryKindSoAnyUnreadableKindSkipsIt() {
    Bundle custom =
        BundleLoader.load(
            List.of(
                BundleFiles.embedded(),
                Map.of(
                    "bundle.yaml", "version: t\n",
                    "rules/any-object-named-x.yaml",
                        "name: any-object-named-x\nfailures: object.metadata.name == 'x'\n",
                    "rules/configmap-needs-secret.yaml",
                        "name: configmap-needs-secret\nkinds: [ConfigMap]\n"
                            + "failures: size(objectsOfKind('Secret')) == 0\n",
                    "controls/X-0001.yaml",
                        "id: X-0001\nname: Any kind\nbaseScore: 1\nrules: [any-object-named-x]\n",
                    "controls/X-0002.yaml",
                        "id: X-0002\nname: Looks up\nbaseScore: 1\nrules: [configmap-needs-secret]\n")));
    ScanOptions options =
        ScanOptions.builder()
            .controls(List.of("X-0001", "X-0002", "C-0035"))
            .unreadableKind("Secret", "secrets: forbidden (403)")
            .build();

    ScanReport r = new Scanner(custom).scan(resources(), options);

    assertThat(control(r, "X-0001").skipReason()).contains("Secret (secrets: forbidden (403))");
    assertThat(control(r, "X-0002").skipReason()).contains("Secret (secrets: forbidden (403))");
    assertThat(control(r, "C-0035").status()).isEqualTo(Status.FAILED);
  }

  @Test
  void theFourArgumentOptionsReadEveryKind() {
    ScanOptions old = new ScanOptions(List.of(), List.of("C-0057"), Map.of(), List.of());

    assertThat(old.unreadableKinds()).isEmpty();
    assertThat(old).isEqualTo(ScanOptions.builder().controls(List.of("C-0057")).build());
    assertThat(control(SCANNER.scan(resources(), old), "C-0057").status()).isEqualTo(Status.FAILED);
  }
}
