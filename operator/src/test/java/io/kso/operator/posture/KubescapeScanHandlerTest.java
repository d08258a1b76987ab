package io.kso.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.common.message.Command;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.PostureScanner;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubescapeScanHandlerTest {
  private final FakeScanner scanner = new FakeScanner();
  private final List<Duration> pauses = new ArrayList<>();

  @Test
  void followsTheScanUntilItIsNoLongerBusy() {
    scanner.states.add(new PostureScanner.ScanState("s1", true, ""));
    scanner.states.add(new PostureScanner.ScanState("s1", true, ""));
    scanner.states.add(new PostureScanner.ScanState("", false, ""));

    handler(true, Duration.ofHours(1))
        .handle(
            command(
                "{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\"]}}}"));

    assertThat(scanner.started)
        .singleElement()
        .extracting(PostScanRequest::targetNames)
        .isEqualTo(List.of("nsa", "security"));
    assertThat(scanner.polled).containsExactly("s1", "s1");
    assertThat(pauses).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(40));
  }

  @Test
  void stopsFollowingAfterTheLimit() {
    scanner.states.add(new PostureScanner.ScanState("s1", true, ""));

    handler(false, Duration.ZERO)
        .handle(command("{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{}}}"));

    assertThat(scanner.polled).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} security={2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Framework | nsa,mitre    | true  | nsa,mitre,security",
        "framework | nsa          | true  | nsa,security",
        "Framework | all          | true  | all",
        "Framework | security,nsa | true  | security,nsa",
        "Control   | C-0001       | true  | C-0001",
        "Framework | nsa          | false | nsa",
      })
  void addsTheSecurityFrameworkToFrameworkScans(
      String type, String names, boolean on, String expected) {
    PostScanRequest request =
        WireJson.convert(
            java.util.Map.of("targetType", type, "targetNames", List.of(names.split(","))),
            PostScanRequest.class);

    assertThat(handler(on, Duration.ZERO).withSecurityFramework(request).targetNames())
        .containsExactly(expected.split(","));
  }

  private KubescapeScanHandler handler(boolean security, Duration followFor) {
    return new KubescapeScanHandler(
        scanner,
        new KubescapeScanHandler.Options(security, Duration.ofSeconds(40), followFor),
        pauses::add);
  }

  private static Command command(String json) {
    return WireJson.read(json, Command.class);
  }

  private static final class FakeScanner implements PostureScanner {
    final Deque<ScanState> states = new ArrayDeque<>();
    final List<PostScanRequest> started = new ArrayList<>();
    final List<String> polled = new ArrayList<>();

    @Override
    public ScanState start(PostScanRequest request) {
      started.add(request);
      return states.poll();
    }

    @Override
    public ScanState status(String scanId) {
      polled.add(scanId);
      return states.poll();
    }
  }
}
