package io.kso.kubescape.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.bundle.RuleSpec;
import io.kso.kubescape.bundle.RuleSpec.Preparation;
import io.kso.kubescape.bundle.RuleSpec.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleKindsTest {
  static RuleSpec rule(List<String> kinds, Preparation prepare, String failures) {
    return new RuleSpec("r", "", kinds, prepare, Scope.EACH, Map.of(), failures, List.of());
  }

  @Test
  void aRuleNeedsTheKindsItSeesAndThoseItLooksUpByName() {
    RuleSpec r =
        new RuleSpec(
            "r",
            "",
            List.of("Deployment"),
            Preparation.NONE,
            Scope.EACH,
            Map.of("svc", "objectsOfKind('Service', object.metadata.namespace)"),
            "objectsOfKind( \"NetworkPolicy\").exists(p, true) ? [] : []",
            List.of());

    assertThat(RuleKinds.needed(r)).containsExactly("Deployment", "NetworkPolicy", "Service");
  }

  @Test
  void aPreparedRuleNeedsWhatItIsPreparedFrom() {
    assertThat(RuleKinds.needed(rule(List.of("User", "Group"), Preparation.RBAC_SUBJECTS, "[]")))
        .containsExactly("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
    assertThat(RuleKinds.needed(rule(List.of("Pod"), Preparation.APISERVER_POD, "[]")))
        .containsExactly("Pod");
  }

  @Test
  void aRuleWithoutKindsNeedsEveryKind() {
    RuleSpec any = rule(List.of(), Preparation.NONE, "[]");

    assertThat(RuleKinds.needed(any)).isNull();
    assertThat(RuleKinds.unreadable(any, Map.of("Node", "nodes: forbidden (403)")))
        .containsExactly(Map.entry("Node", "nodes: forbidden (403)"));
  }

  @Test
  void everyRuleOfTheBundleNamesTheKindsItSees() {
    assertThat(BundleLoader.embedded().rules().values())
        .allSatisfy(r -> assertThat(RuleKinds.needed(r)).as(r.name()).isNotEmpty());
  }
}
