package io.kso.kollector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KollectorApplication {
  public static void main(String[] args) {
    SpringApplication.run(KollectorApplication.class, args);
  }
}
