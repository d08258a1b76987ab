package io.kso.kubescape;

import io.kso.base.config.ServiceLauncher;
import io.kso.kubescape.adapter.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubescapeApplication {
  public static void main(String[] args) {
    if (Cli.wants(args)) {
      // The scan command line: no Spring context, no server.
      System.exit(Cli.run(args));
    }
    ServiceLauncher.run(KubescapeApplication.class, args);
  }
}
