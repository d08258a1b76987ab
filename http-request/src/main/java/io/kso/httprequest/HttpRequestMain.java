package io.kso.httprequest;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The client every scheduled CronJob pod runs to call the operator, e.g. {@code -method=post
 * -host=operator:4002 -path=v1/triggerAction -path-body=/home/ks/request-body.json}. Exit codes are
 * those of {@link ExitCode}.
 */
public final class HttpRequestMain {
  private HttpRequestMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Parses {@code args}, sends the request, and returns the exit code; never calls exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags = new Flags();
    CommandLine cli = flags.commandLine();
    RequestSpec spec;
    try {
      cli.parseArgs(Flags.singleDash(cli, args));
      if (cli.isUsageHelpRequested()) {
        cli.usage(out);
        return ExitCode.OK.code();
      }
      spec = flags.toSpec();
    } catch (ParameterException | IllegalArgumentException e) {
      err.println("http-request: " + firstLine(e.getMessage()));
      cli.usage(err);
      return ExitCode.USAGE.code();
    }
    try {
      new HttpRequestRunner(out).execute(spec);
      return ExitCode.OK.code();
    } catch (HttpRequestException e) {
      err.println("http-request: " + e.getMessage());
      return e.exitCode().code();
    } catch (RuntimeException e) {
      e.printStackTrace(err);
      return ExitCode.INTERNAL.code();
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "bad arguments" : message.strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline).strip();
  }
}
