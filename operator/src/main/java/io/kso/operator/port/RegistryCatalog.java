package io.kso.operator.port;

import io.kso.operator.registry.RegistryTarget;
import java.util.List;

/** A registry's catalog, as the distribution API serves it ({@code /v2/_catalog}, tags/list). */
public interface RegistryCatalog {
  /** Succeeds when the registry answers {@code /v2/} with the target's credentials. */
  void checkAccess(RegistryTarget target);

  /** Every repository the credentials may list, in the registry's order. */
  List<String> repositories(RegistryTarget target);

  /** The tags of one repository (its full name, project included). */
  List<String> tags(RegistryTarget target, String repository);
}
