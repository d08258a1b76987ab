package io.kso.operator;

import io.kso.base.config.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OperatorApplication {
  public static void main(String[] args) {
    ServiceLauncher.run(OperatorApplication.class, args);
  }
}
