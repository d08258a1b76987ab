package io.kso.kubescape.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceFilterTest {
  @Test
  void allAdmitsEveryNamespace() {
    assertThat(NamespaceFilter.all().admits("kube-system")).isTrue();
    assertThat(NamespaceFilter.all().admits("")).isTrue();
  }

  @Test
  void excludedNamespacesAreNotAdmitted() {
    NamespaceFilter filter = new NamespaceFilter(null, List.of("kube-system", "kubescape"));

    assertThat(filter.admits("kube-system")).isFalse();
    assertThat(filter.admits("shop")).isTrue();
  }

  @Test
  void includedNamespacesAreTheOnlyOnesAdmittedAndExcludesAreThenIgnoredAsKubescapeDoes() {
    NamespaceFilter filter = new NamespaceFilter(List.of("kube-system"), List.of("kube-system"));

    assertThat(filter.admits("kube-system")).isTrue();
    assertThat(filter.admits("shop")).isFalse();
  }

  @Test
  void namesAreTrimmedAndBlanksAndDuplicatesDropped() {
    NamespaceFilter filter = new NamespaceFilter(Arrays.asList(" a ", "", null, "a", "b"), null);

    assertThat(filter.include()).containsExactly("a", "b");
    assertThat(filter.exclude()).isEmpty();
  }
}
