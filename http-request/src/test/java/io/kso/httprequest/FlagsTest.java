package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.httprequest.RequestSpec.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class FlagsTest {
  private static RequestSpec parse(String... args) {
    Flags flags = new Flags();
    CommandLine cli = flags.commandLine();
    cli.parseArgs(Flags.singleDash(cli, args));
    return flags.toSpec();
  }

  @Test
  void readsTheCronJobArguments() {
    RequestSpec spec =
        parse(
            "-method=post",
            "-scheme=http",
            "-host=operator:4002",
            "-path=v1/triggerAction",
            "-headers=\"Content-Type:application/json\"",
            "-path-body=/home/ks/request-body.json");

    assertThat(spec.method()).isEqualTo(Method.POST);
    assertThat(spec.uri()).isEqualTo(URI.create("http://operator:4002/v1/triggerAction"));
    assertThat(spec.headers()).containsExactly(new Header("Content-Type", "application/json"));
    assertThat(spec.bodyFile()).isEqualTo(Path.of("/home/ks/request-body.json"));
    assertThat(spec.outputFile()).isNull();
    assertThat(spec.transport())
        .isEqualTo(
            new RequestSpec.Transport(Duration.ofSeconds(30), 3, Duration.ofMillis(500), false));
  }

  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of((Object) new String[] {"-method=get", "-host=h:1", "-path=a"}),
        Arguments.of((Object) new String[] {"-method", "get", "-host", "h:1", "-path", "a"}),
        Arguments.of((Object) new String[] {"--method=get", "--host=h:1", "--path=a"}),
        Arguments.of((Object) new String[] {"--method", "get", "--host", "h:1", "--path", "/a"}),
        Arguments.of((Object) new String[] {"-method=GET", "-host=h:9", "-host=h:1", "-path=a"}));
  }

  @ParameterizedTest
  @MethodSource("spellings")
  void acceptsEveryGoFlagSpelling(String[] args) {
    RequestSpec spec = parse(args);

    assertThat(spec.method()).isEqualTo(Method.GET);
    assertThat(spec.uri()).isEqualTo(URI.create("http://h:1/a"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-skip-ssl-verify|true",
        "-skip-ssl-verify=true|true",
        "--skip-ssl-verify|true",
        "-skip-ssl-verify=false|false",
        "-retries=3|false"
      })
  void readsTheBooleanFlagTheGoWay(String flag, boolean insecure) {
    RequestSpec spec = parse("-method=get", "-host=h", flag);

    assertThat(spec.transport().insecureTls()).isEqualTo(insecure);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|http://h:1/",
        "/|http://h:1/",
        "v1/x|http://h:1/v1/x",
        "/v1/x|http://h:1/v1/x",
        "v1/x?a=1&b=2|http://h:1/v1/x?a=1&b=2",
        "'a b'|http://h:1/a%20b"
      })
  void buildsTheUrlWithOrWithoutALeadingSlash(String path, String url) {
    assertThat(parse("-method=get", "-host=h:1", "-path=" + path).uri()).hasToString(url);
  }

  @Test
  void readsHttpsTimeoutsAndRetries() {
    RequestSpec spec =
        parse(
            "-method=get",
            "-scheme=HTTPS",
            "-host=[::1]:8443",
            "-timeout=1m30s",
            "-retries=0",
            "-retry-backoff=2s",
            "-path-output=/data/services.json");

    assertThat(spec.uri()).hasToString("https://[::1]:8443/");
    assertThat(spec.transport().timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(spec.transport().retries()).isZero();
    assertThat(spec.transport().retryBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(spec.outputFile()).isEqualTo(Path.of("/data/services.json"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-scheme=ftp|-scheme must be http or https, got 'ftp'",
        "-host=a/b|-host must be host[:port], got 'a/b'",
        "-host=|-host must be host[:port], got ''",
        "-timeout=30 s|-timeout: bad duration '30 s'",
        "-timeout=0s|timeout must be positive",
        "-retries=11|retries must be 0..10, got 11",
        "-retries=-1|retries must be 0..10, got -1",
        "-headers=Content-Type|-headers: bad header 'Content-Type', want Key:Value",
        "-headers=:v|-headers: bad header ':v', want Key:Value"
      })
  void rejectsBadValues(String flag, String message) {
    assertThatThrownBy(() -> parse("-method=get", "-host=h", flag))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-host=h:1|Missing required option: '-method=METHOD'",
        "-method=post|Missing required option: '-host=HOST[:PORT]'",
        "-method=fetch -host=h|Invalid value for option '-method'",
        "-method=get -host=h -bogus=1|Unknown option: '-bogus=1'",
        "-method=get -host=h extra|Unmatched argument at index 2: 'extra'",
        "-method=get -host=h -retries=many|Invalid value for option '-retries'",
        "-method=get -host=h -scheme=gopher|-scheme must be http or https"
      })
  void usageErrorsExitTwoWithOneLineThenTheUsage(String args, String message) {
    Cli cli = Cli.runExactly(args.split(" "));

    assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE.code()).isEqualTo(2);
    assertThat(cli.reason()).startsWith("http-request: ").contains(message);
    assertThat(cli.err().lines().skip(1).findFirst())
        .hasValueSatisfying(line -> assertThat(line).startsWith("Usage: http-request"));
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aHeaderTheJdkRefusesIsAUsageError() {
    Cli cli = Cli.runExactly("-method=get", "-host=127.0.0.1:1", "-headers=Host:evil");

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.reason()).contains("-headers: restricted header name: \"Host\"");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    Cli cli = Cli.runExactly("-help");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out())
        .startsWith("Usage: http-request")
        .contains("-path-body=FILE", "Exit codes");
  }
}
