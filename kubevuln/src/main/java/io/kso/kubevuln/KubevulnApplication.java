package io.kso.kubevuln;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubevulnApplication {
  public static void main(String[] args) {
    SpringApplication.run(KubevulnApplication.class, args);
  }
}
