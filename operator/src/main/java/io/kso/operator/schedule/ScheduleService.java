package io.kso.operator.schedule;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.kso.common.k8s.ResourceNames;
import io.kso.common.k8s.Wlid;
import io.kso.common.message.Command;
import io.kso.common.message.CommandArgs;
import io.kso.common.message.CommandName;
import io.kso.common.message.Commands;
import io.kso.common.message.PortalDesignator;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.RegistryInfo;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandArguments;
import io.kso.operator.model.ScheduleKind;
import io.kso.operator.model.ScheduleMetadata;
import io.kso.operator.model.ScheduleObjects;
import io.kso.operator.model.ScheduleRequest;
import io.kso.operator.port.ClusterResources;
import io.kso.operator.port.ScheduleTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Creates, updates and deletes recurring scans: for each, a CronJob stamped from the chart's
 * template and a ConfigMap holding the request its pod posts back to the operator (plus a Secret
 * for private registry credentials). Names and metadata follow the original operator.
 */
public final class ScheduleService {
  private final ClusterResources cluster;
  private final ScheduleTemplates templates;
  private final String namespace;
  private final LongSupplier randomSuffix;

  public ScheduleService(
      ClusterResources cluster,
      ScheduleTemplates templates,
      String namespace,
      LongSupplier randomSuffix) {
    this.cluster = cluster;
    this.templates = templates;
    this.namespace = namespace;
    this.randomSuffix = randomSuffix;
  }

  /** One CronJob per target framework or control; returns their names. */
  public List<String> createKubescape(Command command) {
    CommandArguments args = new CommandArguments(command);
    PostScanRequest scan = args.scanRequest().orElseThrow();
    boolean noTargets = scan.targetNames() == null || scan.targetNames().isEmpty();
    List<String> targets = noTargets ? List.of("all") : scan.targetNames();
    String targetType = noTargets || scan.targetType() == null ? "Framework" : scan.targetType();
    List<String> names = new ArrayList<>();
    for (String target : targets) {
      String name =
          ResourceNames.cronJobName(
              ScheduleKind.KUBESCAPE.namePrefix() + target + "-" + randomSuffix.getAsLong());
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(ScheduleMetadata.JOB_ID, jobId(command));
      annotations.put(ScheduleMetadata.TARGET_PREFIX + targetType.toLowerCase(Locale.ROOT), target);
      if (scan.hostScanner() != null) {
        annotations.put(ScheduleMetadata.HOST_SCANNER, scan.hostScanner().toString());
      }
      Map<String, Object> scanArgs = new LinkedHashMap<>(asMap(scan));
      scanArgs.put("targetType", targetType);
      scanArgs.put("targetNames", List.of(target));
      String body =
          body(CommandName.KUBESCAPE_SCAN, command, Map.of(CommandArgs.SCAN_V1, scanArgs));
      create(
          new ScheduleRequest(
              ScheduleKind.KUBESCAPE,
              name,
              namespace,
              args.schedule().orElse(""),
              body,
              annotations));
      names.add(name);
    }
    return names;
  }

  public String createVulnerability(Command command) {
    CommandArguments args = new CommandArguments(command);
    String name =
        ResourceNames.cronJobName(
            ScheduleKind.VULNERABILITY.namePrefix() + randomSuffix.getAsLong());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ScheduleMetadata.CLOUD_JOB_ID, jobId(command));
    annotations.put(ScheduleMetadata.KUBESCAPE_JOB_ID, jobId(command));
    scopeNamespace(command)
        .ifPresent(
            ns -> {
              annotations.put(ScheduleMetadata.NAMESPACE, ns);
              annotations.put(ScheduleMetadata.KUBESCAPE_NAMESPACE, ns);
            });
    Command scan =
        new Command(
            CommandName.SCAN,
            null,
            command.designators(),
            command.wlid(),
            command.wildWlid(),
            command.sid(),
            command.wildSid(),
            command.jobTracking(),
            null);
    String body = WireJson.writeString(Commands.of(scan));
    create(
        new ScheduleRequest(
            ScheduleKind.VULNERABILITY,
            name,
            namespace,
            args.schedule().orElseThrow(),
            body,
            annotations));
    return name;
  }

  public String createRegistry(Command command) {
    CommandArguments args = new CommandArguments(command);
    RegistryInfo info = args.registryInfo().orElseThrow();
    String name =
        ResourceNames.cronJobName(ScheduleKind.REGISTRY.namePrefix() + randomSuffix.getAsLong());
    writeRegistryRequest(command, info, name);
    Map<String, String> annotations = Map.of(ScheduleMetadata.REGISTRY_NAME, info.registryName());
    String body = registryBody(command, info, name);
    create(
        new ScheduleRequest(
            ScheduleKind.REGISTRY,
            name,
            namespace,
            args.schedule().orElseThrow(),
            body,
            annotations));
    return name;
  }

  /**
   * New schedule (if given) on an existing CronJob; for registry scans also new registry details.
   */
  public void update(ScheduleKind kind, Command command) {
    CommandArguments args = new CommandArguments(command);
    String name = args.jobName().orElseThrow();
    CronJob current =
        cluster
            .get(CronJob.class, namespace, name)
            .orElseThrow(
                () ->
                    new ScheduleException(
                        "there is no scheduled scan named " + name + " in " + namespace));
    if (kind == ScheduleKind.REGISTRY) {
      Optional<RegistryInfo> info = args.registryInfo();
      info.ifPresent(
          i -> {
            writeRegistryRequest(command, i, name);
            cluster.apply(
                ScheduleObjects.requestBody(
                    new ScheduleRequest(
                        kind, name, namespace, "", registryBody(command, i, name), Map.of())));
          });
    }
    cluster.apply(ScheduleObjects.updated(current, args.schedule().orElse(""), jobId(command)));
  }

  public void delete(ScheduleKind kind, Command command) {
    String name = new CommandArguments(command).jobName().orElseThrow();
    cluster.delete(CronJob.class, namespace, name);
    cluster.delete(ConfigMap.class, namespace, name);
    if (kind == ScheduleKind.REGISTRY) {
      cluster.delete(Secret.class, namespace, name);
    }
  }

  private void create(ScheduleRequest request) {
    CronJob template = templates.template(request.kind());
    cluster.apply(ScheduleObjects.requestBody(request));
    cluster.apply(ScheduleObjects.cronJob(template, request));
  }

  private void writeRegistryRequest(Command command, RegistryInfo info, String name) {
    RegistryInfo.AuthMethod auth = info.authMethod();
    if (auth != null && "private".equalsIgnoreCase(auth.type()) && auth.username() != null) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("registry", info.registryName());
      entry.put("username", auth.username());
      entry.put("password", auth.password());
      entry.put("auth_method", auth.type());
      cluster.apply(
          ScheduleObjects.registryCredentials(
              name, namespace, WireJson.writeString(List.of(entry))));
    }
  }

  /** The registry scan request, with credentials replaced by the Secret's name. */
  private static String registryBody(Command command, RegistryInfo info, String secretName) {
    RegistryInfo.AuthMethod auth =
        info.authMethod() == null
            ? null
            : new RegistryInfo.AuthMethod(null, null, info.authMethod().type());
    RegistryInfo withoutSecrets =
        new RegistryInfo(
            info.registryName(),
            info.registryProvider(),
            null,
            info.depth(),
            info.include(),
            info.exclude(),
            info.kind(),
            info.https(),
            info.skipTlsVerify(),
            auth,
            secretName);
    return body(
        CommandName.SCAN_REGISTRY,
        command,
        Map.of(CommandArgs.REGISTRY_INFO, asMap(withoutSecrets)));
  }

  private static String body(CommandName name, Command from, Map<String, Object> args) {
    return WireJson.writeString(
        Commands.of(Command.of(name).withJobTracking(from.jobTracking()).withArgs(args)));
  }

  private static Optional<String> scopeNamespace(Command command) {
    return Wlid.namespace(command.wildWlid())
        .or(
            () ->
                command.designators().stream()
                    .findFirst()
                    .map(PortalDesignator::attributes)
                    .map(a -> a.get(PortalDesignator.ATTRIBUTE_NAMESPACE))
                    .filter(ns -> !ns.isBlank()));
  }

  private static String jobId(Command command) {
    return command.jobTracking().jobId() == null ? "" : command.jobTracking().jobId();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object record) {
    return WireJson.convert(record, Map.class);
  }
}
