package io.kso.kubevuln.cli;

import io.kso.kubevuln.store.ImportResult;
import io.kso.kubevuln.store.OsvImporter;
import io.kso.kubevuln.store.StoreStatus;
import io.kso.kubevuln.store.VulnStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code db import} and {@code db status}: the on-disk vulnerability store. */
@Command(
    name = "db",
    description = "Manage the vulnerability store.",
    mixinStandardHelpOptions = true,
    subcommands = {DbCommand.Import.class, DbCommand.Status.class})
final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "db: name a subcommand: import or status");
  }

  @Command(
      name = "import",
      description =
          "Import OSV records (JSON files with one record or an array, folders of them, osv.dev"
              + " zip archives, or http(s) URLs to those) into a new store and swap it in.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", required = true, description = "store folder")
    Path db;

    @Option(
        names = "--replace",
        description = "start from an empty store instead of the current one")
    boolean replace;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|ZIP|URL")
    List<String> sources;

    @Override
    public Integer call() {
      ImportResult r = new OsvImporter(Clock.systemUTC()).importInto(db, sources, replace);
      spec.commandLine()
          .getOut()
          .printf(
              "imported %d records in %.1f s; the store holds %d records, %.1f MiB (%s)%n",
              r.recordsRead(),
              r.took().toMillis() / 1000.0,
              r.recordsInStore(),
              r.sizeBytes() / 1048576.0,
              r.storeFile());
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Show record counts and the data's age; exit 1 when older than --max-age.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", required = true, description = "store folder")
    Path db;

    @Option(
        names = "--max-age",
        defaultValue = "7d",
        converter = Durations.class,
        description = "data older than this is reported stale (default ${DEFAULT-VALUE})")
    Duration maxAge;

    @Option(names = "--format", defaultValue = "table", description = "table or json")
    OutputFormat format;

    @Override
    public Integer call() {
      StoreStatus s;
      try (VulnStore store = VulnStore.open(db)) {
        s = store.status(maxAge, Clock.systemUTC().instant());
      }
      var out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        out.println(Reports.json(toMap(s)));
      } else {
        out.printf("records:        %d%n", s.records());
        out.printf("store size:     %.1f MiB%n", s.sizeBytes() / 1048576.0);
        out.printf("built at:       %s%n", s.builtAt());
        out.printf("newest record:  %s (%s old)%n", s.newestRecord(), Durations.format(s.age()));
        out.printf("sources:        %s%n", String.join(", ", s.sources()));
        out.println("records by ecosystem:");
        s.recordsByEcosystem().forEach((k, v) -> out.printf("  %-28s %d%n", k, v));
        if (s.stale()) {
          out.printf(
              "STALE: the data is %s old, more than the limit of %s%n",
              Durations.format(s.age()), Durations.format(s.maxAge()));
        }
      }
      out.flush();
      return s.stale() ? KubevulnCli.FINDING : 0;
    }

    static Map<String, Object> toMap(StoreStatus s) {
      var m = new LinkedHashMap<String, Object>();
      m.put("records", s.records());
      m.put("sizeBytes", s.sizeBytes());
      m.put("builtAt", s.builtAt().toString());
      m.put("newestRecord", s.newestRecord().toString());
      m.put("ageSeconds", s.age().toSeconds());
      m.put("maxAgeSeconds", s.maxAge().toSeconds());
      m.put("stale", s.stale());
      m.put("sources", s.sources());
      m.put("recordsByEcosystem", s.recordsByEcosystem());
      return m;
    }
  }
}
