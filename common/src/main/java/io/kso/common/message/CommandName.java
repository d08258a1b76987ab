package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every command name of the 1.14 era (armoapi-go NotificationPolicyType). */
public enum CommandName {
  KUBESCAPE_SCAN("kubescapeScan"),
  RUN_KUBESCAPE_JOB("runKubescapeJob"),
  SET_KUBESCAPE_CRON_JOB("setKubescapeCronJob"),
  UPDATE_KUBESCAPE_CRON_JOB("updateKubescapeCronJob"),
  DELETE_KUBESCAPE_CRON_JOB("deleteKubescapeCronJob"),
  SCAN("scan"),
  SET_VULN_SCAN_CRON_JOB("setVulnScanCronJob"),
  UPDATE_VULN_SCAN_CRON_JOB("updateVulnScanCronJob"),
  DELETE_VULN_SCAN_CRON_JOB("deleteVulnScanCronJob"),
  SCAN_REGISTRY("scanRegistry"),
  SET_REGISTRY_SCAN_CRON_JOB("setRegistryScanCronJob"),
  UPDATE_REGISTRY_SCAN_CRON_JOB("updateRegistryScanCronJob"),
  DELETE_REGISTRY_SCAN_CRON_JOB("deleteRegistryScanCronJob"),
  TEST_REGISTRY_CONNECTIVITY("testRegistryConnectivity"),
  CALCULATE_SBOM("calculateSBOM"),
  VALIDATE_RULES("validateRules"),
  EXEC_POSTURE_SCAN("execPostureScan"),
  UPDATE_RULES("updateRules");

  private static final Map<String, CommandName> BY_WIRE_NAME =
      Arrays.stream(values())
          .collect(Collectors.toMap(c -> c.wireName.toLowerCase(Locale.ROOT), Function.identity()));

  private final String wireName;

  CommandName(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Case-insensitive, as Go's decoder was; an unknown name is an error that quotes it. */
  @JsonCreator
  public static CommandName fromWire(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    CommandName found = BY_WIRE_NAME.get(name.toLowerCase(Locale.ROOT));
    if (found == null) {
      throw new IllegalArgumentException("unknown command name '" + name + "'");
    }
    return found;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
