package io.kso.kollector;

import io.kso.base.config.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KollectorApplication {
  public static void main(String[] args) {
    ServiceLauncher.run(KollectorApplication.class, args);
  }
}
