package io.kso.operator.vuln;

import io.kso.common.job.JobContext;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.RegistryCredentials;
import io.kso.common.message.ScanImageRequest;
import io.kso.common.message.SessionChain;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.port.ImageScanner;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scan}: every image running in the command's scope is sent once to kubevuln, each as a
 * sub-action of the command's job.
 */
public final class ImageScanHandler implements CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(ImageScanHandler.class);

  private final ImageScanPlanner planner;
  private final ImageScanner scanner;
  private final Clock clock;

  public ImageScanHandler(ImageScanPlanner planner, ImageScanner scanner, Clock clock) {
    this.planner = planner;
    this.scanner = scanner;
    this.clock = clock;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(CommandName.SCAN);
  }

  @Override
  public void handle(Command command) {
    List<ImageTarget> targets = planner.plan(command);
    log.atInfo()
        .addKeyValue("images", targets.size())
        .addKeyValue("scope", command.id())
        .log("images to scan");
    String parent = command.jobTracking().jobId();
    for (ImageTarget target : targets) {
      try (JobContext child = JobContext.child()) {
        scanner.scanImage(request(command, target, parent, child.jobId()));
        log.atInfo()
            .addKeyValue("image", target.imageTag())
            .addKeyValue("wlid", target.wlid())
            .log("image scan requested");
      }
    }
  }

  private ScanImageRequest request(
      Command command, ImageTarget target, String parent, String jobId) {
    SessionChain session =
        SessionChain.ofSubAction(
            command.jobTracking().parentId(),
            parent,
            jobId,
            clock.instant(),
            CommandName.SCAN.wireName());
    List<RegistryCredentials> credentials = target.credentials();
    return new ScanImageRequest(
        target.imageTag(),
        target.imageHash(),
        target.wlid(),
        target.containerName(),
        false,
        command.jobTracking().numSeq(),
        null,
        jobId,
        parent,
        session,
        credentials,
        credentials.isEmpty() ? null : credentials.get(0),
        Map.of());
  }
}
