package io.kso.operator.model;

/** The three kinds of recurring scan, each stamped from its own CronJob template ConfigMap. */
public enum ScheduleKind {
  KUBESCAPE("kubescape-cronjob-template", "ks-scheduled-scan-", "kubescape-scan"),
  VULNERABILITY("kubevuln-cronjob-template", "kubevuln-schedule-", "vuln-scan"),
  REGISTRY("registry-scan-cronjob-template", "kubescape-registry-scan-", "registry-scan");

  /** The data key holding the CronJob YAML in every template ConfigMap. */
  public static final String TEMPLATE_KEY = "cronjobTemplate";

  private final String templateConfigMap;
  private final String namePrefix;
  private final String tier;

  ScheduleKind(String templateConfigMap, String namePrefix, String tier) {
    this.templateConfigMap = templateConfigMap;
    this.namePrefix = namePrefix;
    this.tier = tier;
  }

  public String templateConfigMap() {
    return templateConfigMap;
  }

  public String namePrefix() {
    return namePrefix;
  }

  /** Value of the {@code armo.tier} label on the CronJob's pods. */
  public String tier() {
    return tier;
  }
}
