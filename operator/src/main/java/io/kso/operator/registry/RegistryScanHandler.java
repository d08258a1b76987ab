package io.kso.operator.registry;

import io.kso.common.job.JobContext;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.RegistryCredentials;
import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.SessionChain;
import io.kso.operator.command.CommandArguments;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.port.ImageScanner;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scanRegistry}: the images a registry holds (see {@link RegistryImages}) are each sent to
 * kubevuln as a sub-action of the command's job.
 */
public final class RegistryScanHandler implements CommandHandler {
  static final String SESSION_ACTION = "vulnerability-scan";
  private static final Logger log = LoggerFactory.getLogger(RegistryScanHandler.class);

  private final RegistrySettings settings;
  private final RegistryImages images;
  private final ImageScanner scanner;
  private final String clusterName;
  private final Clock clock;

  public RegistryScanHandler(
      RegistrySettings settings,
      RegistryImages images,
      ImageScanner scanner,
      String clusterName,
      Clock clock) {
    this.settings = settings;
    this.images = images;
    this.scanner = scanner;
    this.clusterName = clusterName;
    this.clock = clock;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(CommandName.SCAN_REGISTRY);
  }

  @Override
  public void handle(Command command) {
    RegistryTarget target =
        settings.resolve(new CommandArguments(command).registryInfo().orElseThrow());
    List<RegistryImages.Image> chosen = images.images(target);
    log.atInfo()
        .addKeyValue("registry", target.registryName())
        .addKeyValue("images", chosen.size())
        .log("registry images to scan");
    String parent = command.jobTracking().jobId();
    for (RegistryImages.Image image : chosen) {
      try (JobContext child = JobContext.child()) {
        scanner.scanRegistryImage(request(command, target, image, parent, child.jobId()));
        log.atInfo()
            .addKeyValue("image", image.repository() + ":" + image.tag())
            .log("registry image scan requested");
      }
    }
  }

  private RegistryScanRequest request(
      Command command,
      RegistryTarget target,
      RegistryImages.Image image,
      String parent,
      String jobId) {
    SessionChain session =
        SessionChain.ofSubAction(
            command.jobTracking().parentId(), parent, jobId, clock.instant(), SESSION_ACTION);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("registryName", target.registryName());
    args.put("repository", relative(target, image.repository()));
    args.put("tag", image.tag());
    args.put("useHTTP", !target.https());
    args.put("skipTLSVerify", target.skipTlsVerify());
    args.put("sensor", clusterName);
    return new RegistryScanRequest(
        target.host() + "/" + image.repository() + ":" + image.tag(),
        jobId,
        parent,
        session,
        credentials(target),
        args);
  }

  private static String relative(RegistryTarget target, String repository) {
    return target.project().isEmpty()
        ? repository
        : repository.substring(target.project().length() + 1);
  }

  private static List<RegistryCredentials> credentials(RegistryTarget target) {
    if (!target.hasCredentials() && (target.token() == null || target.token().isEmpty())) {
      return List.of();
    }
    return List.of(
        new RegistryCredentials(
            target.username(), target.password(), null, null, target.host(), null, target.token()));
  }
}
