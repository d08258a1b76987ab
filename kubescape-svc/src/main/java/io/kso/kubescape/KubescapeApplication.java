package io.kso.kubescape;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubescapeApplication {
  public static void main(String[] args) {
    SpringApplication.run(KubescapeApplication.class, args);
  }
}
