package io.kso.base.testapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** A service's own settings, as every service has one. */
@ConfigurationProperties("ks.test")
public record TestProperties(@DefaultValue("7") int workers) {}
