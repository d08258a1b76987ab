package io.kso.kubescape;

import io.kso.kubescape.cli.Cli;
import org.springframework.boot.SpringApplication;
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
    SpringApplication.run(KubescapeApplication.class, args);
  }
}
