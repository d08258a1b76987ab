package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiResourceTest {
  private static final ApiResource PODS = new ApiResource("", "v1", "pods", "Pod", true);
  private static final ApiResource ROLES =
      new ApiResource("rbac.authorization.k8s.io", "v1", "roles", "Role", true);

  @Test
  void corePathsStartWithApiAndGroupPathsWithApis() {
    assertThat(PODS.listPath(null, 500, null)).isEqualTo("/api/v1/pods?limit=500");
    assertThat(ROLES.listPath("shop", 10, null))
        .isEqualTo("/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles?limit=10");
  }

  @Test
  void continueTokensAreUrlEncoded() {
    assertThat(PODS.listPath(null, 500, "eyJ2Ijoi+/=="))
        .isEqualTo("/api/v1/pods?limit=500&continue=eyJ2Ijoi%2B%2F%3D%3D");
  }
}
