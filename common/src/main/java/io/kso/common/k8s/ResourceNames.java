package io.kso.common.k8s;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes naming rules the suite applies to the objects it creates. */
public final class ResourceNames {
  /** A CronJob's name leaves room for the Job and Pod suffixes Kubernetes appends. */
  public static final int CRON_JOB_MAX = 52;

  /** Labels values and most names. */
  public static final int LABEL_MAX = 63;

  /** What the original operator names an object whose given name has nothing usable in it. */
  public static final String INVALID_NAME = "invalid-name-was-given";

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^A-Za-z0-9-]");

  private ResourceNames() {}

  /**
   * A CronJob name made from any string, as the original operator made it: cut to 52 characters,
   * trailing dashes dropped, every character outside {@code [A-Za-z0-9-]} replaced by a dash,
   * lower-cased. A name with nothing left becomes {@link #INVALID_NAME}.
   */
  public static String cronJobName(String name) {
    String cut = name.length() > CRON_JOB_MAX ? name.substring(0, CRON_JOB_MAX) : name;
    cut = stripTrailingDashes(cut);
    if (cut.isEmpty()) {
      return INVALID_NAME;
    }
    return NOT_NAME_CHAR.matcher(cut).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code name} can name a CronJob as it is (a DNS-1123 label of at most 52 characters).
   */
  public static boolean isValidCronJobName(String name) {
    return name != null && name.length() <= CRON_JOB_MAX && DNS_1123_LABEL.matcher(name).matches();
  }

  private static String stripTrailingDashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(0, end);
  }
}
