package io.kso.base.probe;

import org.springframework.core.env.Environment;

/**
 * Where the probe port listens and which base path it serves.
 *
 * @param port {@code ks.base.probe-port}; 0 picks a free one
 * @param address {@code server.address}, or null for every interface
 * @param basePath the actuator's base path, which the API port does not serve
 */
record ProbePortSettings(int port, String address, String basePath) {
  static final String PORT = "ks.base.probe-port";
  static final String BASE_PATH = "management.endpoints.web.base-path";

  ProbePortSettings {
    if (port < 0) {
      throw new IllegalStateException(PORT + " must be 0 or a port number, got " + port);
    }
    if (basePath == null || basePath.isEmpty() || "/".equals(basePath)) {
      throw new IllegalStateException(
          PORT
              + " needs "
              + BASE_PATH
              + " set to a path of its own (e.g. /probe-port): the actuator lives there on the"
              + " main server, hidden from the API port");
    }
  }

  static ProbePortSettings from(Environment env) {
    int port = env.getRequiredProperty(PORT, Integer.class);
    Integer serverPort = env.getProperty("server.port", Integer.class);
    if (port != 0 && serverPort != null && port == serverPort) {
      throw new IllegalStateException(
          PORT
              + " and server.port are both "
              + port
              + ": probes and the API need ports of their own");
    }
    String basePath = env.getProperty(BASE_PATH, "");
    return new ProbePortSettings(
        port,
        env.getProperty("server.address"),
        basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath);
  }
}
