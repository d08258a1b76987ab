package io.kso.kubevuln;

import io.kso.kubevuln.cli.KubevulnCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubevulnApplication {
  public static void main(String[] args) {
    if (args.length > 0 && KubevulnCli.handles(args[0])) {
      System.exit(KubevulnCli.run(args));
    }
    SpringApplication.run(KubevulnApplication.class, args);
  }
}
