package io.kso.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a service module says about itself, read from its sources: the image its Jib build writes
 * (pom.xml), and the ports, probe paths and configuration path it serves and reads (its
 * application.properties over service-base's defaults).
 */
record ServiceContract(
    String module,
    String image,
    Set<Integer> imagePorts,
    Map<String, Integer> portVariables,
    int probePort,
    String livenessPath,
    String readinessPath,
    int metricsPort,
    String metricsPath,
    String configVariable,
    String configPath) {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):([^}]*)}");

  static ServiceContract read(String module) {
    Path project = HelmChart.projectDir();
    Path moduleDir = project.resolve(module);
    Properties props = new Properties();
    load(props, project.resolve("service-base/src/main/resources/kso-service-defaults.properties"));
    load(props, moduleDir.resolve("src/main/resources/application.properties"));

    Map<String, Integer> portVariables = new LinkedHashMap<>();
    for (String key : props.stringPropertyNames()) {
      Matcher m = PLACEHOLDER.matcher(props.getProperty(key));
      if (key.endsWith("port") && m.matches()) {
        portVariables.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    int serverPort = port(props, "server.port", 8080);
    // gateway and operator serve the actuator on a probe port of service-base (ProbePortServer),
    // where it answers at the root.
    int managementPort = port(props, "ks.base.probe-port", serverPort);
    String base =
        props.containsKey("ks.base.probe-port")
            ? "/"
            : props.getProperty("management.endpoints.web.base-path", "/actuator");
    String health = props.getProperty("management.endpoints.web.path-mapping.health", "health");

    int probePort;
    String liveness;
    String readiness;
    if (props.containsKey("ks.base.probes.liveness-path")) {
      probePort = serverPort;
      liveness = props.getProperty("ks.base.probes.liveness-path");
      readiness = props.getProperty("ks.base.probes.readiness-path");
    } else if (props
        .getProperty("management.endpoint.health.group.liveness.additional-path", "")
        .startsWith("server:")) {
      probePort = serverPort;
      liveness =
          props
              .getProperty("management.endpoint.health.group.liveness.additional-path")
              .substring(7);
      readiness =
          props
              .getProperty("management.endpoint.health.group.readiness.additional-path")
              .substring(7);
    } else {
      probePort = managementPort;
      liveness = join(base, health, "liveness");
      readiness = join(base, health, "readiness");
    }
    String metrics =
        join(
            base,
            props.getProperty("management.endpoints.web.path-mapping.prometheus", "prometheus"));
    Matcher config = PLACEHOLDER.matcher(props.getProperty("ks.base.config-path"));
    if (!config.matches()) {
      throw new IllegalStateException(module + ": ks.base.config-path is not ${VARIABLE:default}");
    }
    Jib jib = Jib.read(moduleDir.resolve("pom.xml"));
    return new ServiceContract(
        module,
        jib.image(),
        jib.ports(),
        portVariables,
        probePort,
        liveness,
        readiness,
        managementPort,
        metrics,
        config.group(1),
        config.group(2));
  }

  /** The Jib configuration of a module's pom: the image name (version resolved) and its ports. */
  record Jib(String image, Set<Integer> ports) {
    static Jib read(Path pom) {
      Document doc = parse(pom);
      NodeList plugins = doc.getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element plugin = (Element) plugins.item(i);
        if (!"jib-maven-plugin".equals(text(plugin, "artifactId"))) {
          continue;
        }
        Element to = (Element) plugin.getElementsByTagName("to").item(0);
        String image = text(to, "image").replace("${project.version}", HelmChart.projectVersion());
        Set<Integer> ports = new TreeSet<>();
        NodeList portNodes = plugin.getElementsByTagName("port");
        for (int p = 0; p < portNodes.getLength(); p++) {
          ports.add(Integer.parseInt(portNodes.item(p).getTextContent().strip()));
        }
        return new Jib(image, ports);
      }
      throw new IllegalStateException(pom + " has no jib-maven-plugin");
    }
  }

  /** The flags of {@code JvmFlags.SERVICE}, read from the suite module's source. */
  static List<String> jvmServiceFlags() {
    return jvmFlags("SERVICE");
  }

  private static List<String> jvmFlags(String name) {
    Path source =
        HelmChart.projectDir().resolve("suite/src/main/java/io/kso/suite/process/JvmFlags.java");
    String text = readString(source);
    Matcher list =
        Pattern.compile(
                "List<String>\\s+" + name + "\\s*=\\s*List\\.of\\(([^;]*)\\);", Pattern.DOTALL)
            .matcher(text);
    if (!list.find()) {
      throw new IllegalStateException("no " + name + " = List.of(...) in " + source);
    }
    List<String> flags = new ArrayList<>();
    Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(list.group(1));
    while (literal.find()) {
      flags.add(literal.group(1));
    }
    return flags;
  }

  private static int port(Properties props, String key, int fallback) {
    String value = props.getProperty(key);
    if (value == null) {
      return fallback;
    }
    Matcher m = PLACEHOLDER.matcher(value);
    return Integer.parseInt(m.matches() ? m.group(2) : value.strip());
  }

  private static String join(String... parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      String p = part.replaceAll("^/+|/+$", "");
      if (!p.isEmpty()) {
        path.append('/').append(p);
      }
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  private static void load(Properties props, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document parse(Path xml) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + xml, e);
    }
  }

  private static String text(Element parent, String tag) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }
}
