package io.kso.common.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WlidTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "wlid://cluster-minikube/namespace-systest-ns, systest-ns",
        "wlid://cluster-c1/namespace-default/deployment-nginx, default",
        "wlid://cluster-minikube, null",
        "wlid://cluster-c1/namespace-, null",
        "sid://whatever, null",
        "null, null",
      })
  void findsTheNamespaceOfAWlid(String wlid, String namespace) {
    assertThat(Wlid.namespace(wlid).orElse(null)).isEqualTo(namespace);
  }

  @org.junit.jupiter.api.Test
  void buildsAndParsesWorkloadIds() {
    String wlid = Wlid.of("c1", "default", "Deployment", "nginx");

    assertThat(wlid).isEqualTo("wlid://cluster-c1/namespace-default/deployment-nginx");
    assertThat(Wlid.parse(wlid)).contains(new Wlid.Parts("c1", "default", "deployment", "nginx"));
    assertThat(Wlid.parse("wlid://cluster-c1/namespace-default/Deployment-my-app"))
        .contains(new Wlid.Parts("c1", "default", "deployment", "my-app"));
    assertThat(Wlid.parse("wlid://cluster-c1/namespace-default")).isEmpty();
    assertThat(Wlid.of("c1", "ns", "Stateful-Set", "db")).endsWith("/statefulset-db");
  }
}
