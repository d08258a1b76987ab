package io.kso.operator.registry;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.operator.command.CommandArguments;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.command.JobStatus;
import io.kso.operator.port.RegistryCatalog;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code testRegistryConnectivity}: walks the steps a registry scan would take and reports each to
 * the event receiver ({@code registryInformation}, {@code registryAuthentication}, {@code
 * retrieveRepositories}, {@code retrieveTags}), then posts the repositories it found. The first
 * failing step fails the job with its reason.
 */
public final class RegistryConnectivityHandler implements CommandHandler {
  static final String INFORMATION = "registryInformation";
  static final String AUTHENTICATION = "registryAuthentication";
  static final String REPOSITORIES = "retrieveRepositories";
  static final String TAGS = "retrieveTags";

  private final RegistrySettings settings;
  private final RegistryCatalog catalog;
  private final RegistryImages images;
  private final JobStatus status;

  public RegistryConnectivityHandler(
      RegistrySettings settings, RegistryCatalog catalog, JobStatus status) {
    this.settings = settings;
    this.catalog = catalog;
    this.images = new RegistryImages(catalog);
    this.status = status;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(CommandName.TEST_REGISTRY_CONNECTIVITY);
  }

  @Override
  public void handle(Command command) {
    RegistryTarget target =
        step(
            command,
            INFORMATION,
            () -> settings.resolve(new CommandArguments(command).registryInfo().orElseThrow()));
    step(
        command,
        AUTHENTICATION,
        () -> {
          catalog.checkAccess(target);
          return target;
        });
    List<String> repositories = step(command, REPOSITORIES, () -> images.repositories(target));
    if (!repositories.isEmpty()) {
      step(command, TAGS, () -> catalog.tags(target, repositories.get(0)));
    }
    status.repositories(command, target.registryName(), repositories);
  }

  private <T> T step(Command command, String name, Supplier<T> work) {
    try {
      T result = work.get();
      status.step(command, name, null);
      return result;
    } catch (RuntimeException e) {
      status.step(command, name, e.getMessage());
      throw new RegistryStepException(name, e);
    }
  }

  /** The step that failed, and why. */
  public static final class RegistryStepException extends RuntimeException {
    RegistryStepException(String step, RuntimeException cause) {
      super(step + " failed: " + cause.getMessage(), cause);
    }
  }
}
