package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScanRequestsTest {
  private static Bundle bundle;

  @BeforeAll
  static void load() {
    bundle = BundleLoader.embedded();
  }

  private static ScanRequest map(String json, ScanDefaults defaults) {
    return new ScanRequests(() -> bundle, defaults)
        .from(WireJson.read(json, PostScanRequest.class));
  }

  private static ScanRequest map(String json) {
    return map(json, new ScanDefaults(false, false, List.of(), List.of(), "acc"));
  }

  @Test
  void frameworkNamesAreMatchedCaseInsensitivelyAndSpelledAsTheBundleDoes() {
    ScanRequest r =
        map("{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\",\"mitre\",\"NSA\"]}");
    assertThat(r.frameworks()).containsExactly("NSA", "MITRE");
    assertThat(r.controls()).isEmpty();
  }

  @Test
  void allOrAnEmptyNameOrNoTargetScansEveryFramework() {
    assertThat(map("{\"targetType\":\"framework\",\"targetNames\":[\"nsa\",\"all\"]}").frameworks())
        .isEmpty();
    assertThat(map("{\"targetType\":\"framework\",\"targetNames\":[\"\"]}").frameworks()).isEmpty();
    assertThat(map("{}").frameworks()).isEmpty();
    assertThat(map("{\"targetType\":\"somethingElse\",\"targetNames\":[\"x\"]}").frameworks())
        .isEmpty();
  }

  @Test
  void unknownFrameworksAreRefusedNamingTheFieldAndTheKnownOnes() {
    assertThatThrownBy(
            () -> map("{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\",\"nope\"]}"))
        .isInstanceOfSatisfying(
            PostureServiceException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(PostureServiceException.Reason.BAD_REQUEST);
              assertThat(e.getMessage())
                  .startsWith("targetNames: unknown framework(s) [nope]")
                  .contains("known frameworks: [")
                  .contains("NSA");
            });
  }

  @Test
  void controlsByIdOrNameAndUnknownOnesRefused() {
    String name = bundle.controls().get("C-0057").name();
    ScanRequest r =
        map("{\"targetType\":\"Control\",\"targetNames\":[\"c-0017\",\"" + name + "\"]}");
    assertThat(r.controls()).containsExactly("C-0017", "C-0057");
    assertThatThrownBy(() -> map("{\"targetType\":\"control\",\"targetNames\":[\"C-9999\"]}"))
        .hasMessageStartingWith("targetNames: unknown control(s) [C-9999]");
  }

  @Test
  void namespacesAreSplitAtCommasAndDefaultToTheServiceSettings() {
    ScanRequest named =
        map("{\"includeNamespaces\":[\"a,b\",\"c\"],\"excludedNamespaces\":[\"kube-system\"]}");
    assertThat(named.namespaces().include()).containsExactly("a", "b", "c");
    assertThat(named.namespaces().exclude()).containsExactly("kube-system");
    ScanRequest defaulted =
        map("{}", new ScanDefaults(false, false, List.of(), List.of("kube-system", "kso"), ""));
    assertThat(defaulted.namespaces().exclude()).containsExactly("kube-system", "kso");
    assertThat(defaulted.wholeCluster()).isFalse();
  }

  @Test
  void submitFollowsTheRequestThenTheDefaultAndKeepLocalWins() {
    ScanDefaults submitting = new ScanDefaults(true, false, List.of(), List.of(), "");
    assertThat(map("{}", submitting).submit()).isTrue();
    assertThat(map("{\"submit\":false}", submitting).submit()).isFalse();
    assertThat(map("{\"submit\":true,\"keepLocal\":true}", submitting).submit()).isFalse();
    ScanDefaults local = new ScanDefaults(true, true, List.of(), List.of(), "");
    assertThat(map("{\"submit\":true}", local).submit()).isFalse();
  }

  @Test
  void theAccountComesFromTheRequestElseTheDefault() {
    assertThat(map("{}").account()).isEqualTo("acc");
    assertThat(map("{\"account\":\"other\"}").account()).isEqualTo("other");
  }

  @Test
  void inlineExceptionsAreParsed() {
    ScanRequest r =
        map(
            "{\"exceptions\":[{\"name\":\"ignore-kube-system\",\"resources\":[{\"attributes\":"
                + "{\"namespace\":\"kube-system\"}}],\"posturePolicies\":[{\"controlID\":\"C-0057\"}]}]}");
    assertThat(r.exceptions()).hasSize(1);
    assertThat(r.exceptions().get(0).name()).isEqualTo("ignore-kube-system");
  }

  @Test
  void aScanObjectNeedsAKindAndAName() {
    assertThat(
            map("{\"scanObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"n\"}}}")
                .scanObject())
        .containsEntry("kind", "Pod");
    assertThatThrownBy(() -> map("{\"scanObject\":{\"kind\":\"Pod\"}}"))
        .hasMessage("scanObject: an object needs kind and metadata.name");
  }

  @Test
  void equalRequestsAreEqual() {
    String json = "{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\"]}";
    assertThat(map(json)).isEqualTo(map(json)).hasSameHashCodeAs(map(json));
  }
}
