package io.kso.operator.posture;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandArguments;
import io.kso.operator.command.CommandHandler;
import io.kso.operator.port.PostureScanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kubescapeScan} and {@code runKubescapeJob}: starts a posture scan on kubescape-svc and
 * follows it until it is no longer busy (or the follow-up limit is reached).
 */
public final class KubescapeScanHandler implements CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(KubescapeScanHandler.class);
  private static final String SECURITY = "security";

  /** How the handler follows a scan. */
  public record Options(boolean addSecurityFramework, Duration pollInterval, Duration followFor) {}

  /** Waits between polls; a parameter so tests need not wait. */
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final PostureScanner scanner;
  private final Options options;
  private final Pause pause;

  public KubescapeScanHandler(PostureScanner scanner, Options options, Pause pause) {
    this.scanner = scanner;
    this.options = options;
    this.pause = pause;
  }

  @Override
  public Set<CommandName> handles() {
    return EnumSet.of(CommandName.KUBESCAPE_SCAN, CommandName.RUN_KUBESCAPE_JOB);
  }

  @Override
  public void handle(Command command) {
    PostScanRequest request =
        withSecurityFramework(new CommandArguments(command).scanRequest().orElseThrow());
    PostureScanner.ScanState state = scanner.start(request);
    log.atInfo()
        .addKeyValue("scanID", state.id())
        .addKeyValue("targets", request.targetNames())
        .log("posture scan started");
    Instant deadline = Instant.now().plus(options.followFor());
    while (state.busy() && Instant.now().isBefore(deadline)) {
      try {
        pause.sleep(options.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      state = scanner.status(state.id());
      log.atDebug()
          .addKeyValue("scanID", state.id())
          .addKeyValue("busy", state.busy())
          .log("posture scan status");
    }
    log.atInfo()
        .addKeyValue("scanID", state.id())
        .addKeyValue("busy", state.busy())
        .log(
            state.busy()
                ? "posture scan still running; stopped following it"
                : "posture scan finished");
  }

  /** Framework scans also run the {@code security} framework, unless they already cover all. */
  PostScanRequest withSecurityFramework(PostScanRequest request) {
    List<String> names = request.targetNames() == null ? List.of() : request.targetNames();
    boolean framework =
        request.targetType() != null
            && request.targetType().toLowerCase(Locale.ROOT).equals("framework");
    if (!options.addSecurityFramework()
        || !framework
        || names.isEmpty()
        || names.contains("all")
        || names.contains(SECURITY)) {
      return request;
    }
    List<String> extended = new ArrayList<>(names);
    extended.add(SECURITY);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = WireJson.convert(request, Map.class);
    fields.put("targetNames", extended);
    return WireJson.convert(fields, PostScanRequest.class);
  }
}
