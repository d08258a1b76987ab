package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodSecurityPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KindTableTest {
  static Stream<Class<? extends HasMetadata>> modelled() {
    return Stream.of(
        Pod.class,
        Namespace.class,
        Endpoints.class,
        Deployment.class,
        HorizontalPodAutoscaler.class,
        PodSecurityPolicy.class,
        ClusterRoleBinding.class,
        NetworkPolicy.class,
        Ingress.class,
        ValidatingAdmissionPolicyBinding.class,
        StorageClass.class,
        CSIStorageCapacity.class,
        Lease.class,
        EndpointSlice.class,
        HTTPRoute.class);
  }

  @ParameterizedTest
  @MethodSource("modelled")
  void wellKnownKindsAreWhereFabric8sModelSaysTheyAre(Class<? extends HasMetadata> type) {
    String kind = HasMetadata.getKind(type);

    ApiResource resource = KindTable.wellKnown(kind).orElseThrow();

    assertThat(resource.apiVersion()).isEqualTo(HasMetadata.getApiVersion(type));
    assertThat(resource.plural()).isEqualTo(HasMetadata.getPlural(type));
    assertThat(resource.namespaced()).isEqualTo(Namespaced.class.isAssignableFrom(type));
  }

  @ParameterizedTest
  @ValueSource(strings = {"KubeletInfo", "ControlPlaneInfo", "CNIInfo", "cloudProviderInfo"})
  void hostScannerKindsAreNotApiKinds(String kind) {
    assertThat(KindTable.notApiKind(kind))
        .hasValue(kind + ": not an API server kind (host scanner data)");
    assertThat(KindTable.wellKnown(kind)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ClusterDescribe", "ListEntitiesForPolicies", "PolicyVersion"})
  void cloudKindsAreNotApiKinds(String kind) {
    assertThat(KindTable.notApiKind(kind)).get().asString().contains("cloud provider data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pod", "ServiceAccount", "Lease", "SandboxTemplate", "VirtualService"})
  void apiKindsAreNotMistakenForOthers(String kind) {
    assertThat(KindTable.notApiKind(kind)).isEmpty();
    assertThat(KindTable.wellKnown(kind)).isPresent();
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void everyWellKnownKindHasAPluralAndAVersion(ApiResource resource) {
    assertThat(resource.plural()).matches("[a-z]+").endsWith("s");
    assertThat(resource.version()).matches("v\\d+((alpha|beta)\\d+)?");
  }

  static List<ApiResource> everyKind() {
    return KindTable.all();
  }
}
