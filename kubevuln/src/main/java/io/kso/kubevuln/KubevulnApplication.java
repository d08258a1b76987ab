package io.kso.kubevuln;

import io.kso.base.config.ServiceLauncher;
import io.kso.kubevuln.cli.KubevulnCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubevulnApplication {
  public static void main(String[] args) {
    if (KubevulnCli.handles(args)) {
      // CLI runs write their result to stdout: keep logs on stderr and quiet
      System.setProperty("logback.configurationFile", "kubevuln-cli-logback.xml");
      System.exit(KubevulnCli.execute(args));
    }
    ServiceLauncher.run(KubevulnApplication.class, args);
  }
}
