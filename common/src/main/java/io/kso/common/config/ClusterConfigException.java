package io.kso.common.config;

/** The cluster configuration file is missing, unreadable, malformed or lacks a required key. */
public class ClusterConfigException extends RuntimeException {
  public ClusterConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterConfigException(String message) {
    super(message);
  }
}
