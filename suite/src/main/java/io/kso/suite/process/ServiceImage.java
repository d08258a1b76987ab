package io.kso.suite.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A service image (Jib's {@code docker save} tar) unpacked into a rootfs, and run the way a
 * container runtime runs it, without one: its entrypoint as its user, in a private mount and pid
 * namespace with {@code /proc}, {@code /dev}, a tmpfs {@code /tmp} and this machine's {@code
 * /etc/resolv.conf} and {@code /etc/hosts}, with the image's environment plus the pod's. Needs root
 * (unshare, mount, chroot) and GNU tar.
 */
public final class ServiceImage implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TOOLS = List.of("unshare", "mount", "chroot", "tar", "bash");

  /**
   * Mounts what a runtime mounts (with this machine's resolver configuration and hosts file, as a
   * kubelet mounts the pod's), then execs the rest of the arguments (chroot ...).
   */
  private static final String IN_ROOTFS =
      """
      mount=$1 root=$2; shift 2
      for f in /etc/resolv.conf /etc/hosts; do
        [ -f "$f" ] && : >>"$root$f" && "$mount" --bind "$f" "$root$f"
      done
      "$mount" -t proc proc "$root/proc" && "$mount" --rbind /dev "$root/dev" \
        && "$mount" -t tmpfs tmpfs "$root/tmp" && exec "$@"
      """;

  private final Path imageTar;
  private final Path root;
  private final List<String> entrypoint;
  private final Map<String, String> env;
  private final String user;

  private ServiceImage(
      Path imageTar, Path root, List<String> entrypoint, Map<String, String> env, String user) {
    this.imageTar = imageTar;
    this.root = root;
    this.entrypoint = entrypoint;
    this.env = env;
    this.user = user;
  }

  /** Why images cannot be run here, or empty if they can. */
  public static Optional<String> whyNotRunnable() {
    if (!isRoot()) {
      return Optional.of("not root (unshare, mount and chroot need it)");
    }
    for (String tool : TOOLS) {
      if (which(tool).isEmpty()) {
        return Optional.of("'" + tool + "' is not installed");
      }
    }
    return Optional.empty();
  }

  /** Unpacks the image's layers, in order, into {@code dir/rootfs}. */
  public static ServiceImage unpack(Path imageTar, Path dir) {
    try {
      Path outer = dir.resolve("image");
      Path root = dir.resolve("rootfs");
      deleteRecursively(dir);
      Files.createDirectories(outer);
      Files.createDirectories(root);
      run(List.of("tar", "-xf", imageTar.toString(), "-C", outer.toString()));
      JsonNode manifest = JSON.readTree(outer.resolve("manifest.json").toFile()).get(0);
      for (JsonNode layer : manifest.get("Layers").values()) {
        // As root, GNU tar keeps owners and modes, and recognises gzip by itself.
        run(
            List.of(
                "tar",
                "--warning=no-unknown-keyword",
                "-xf",
                outer.resolve(layer.asString()).toString(),
                "-C",
                root.toString()));
      }
      JsonNode config =
          JSON.readTree(outer.resolve(manifest.get("Config").asString()).toFile()).path("config");
      deleteRecursively(outer);
      List<String> entrypoint = new ArrayList<>();
      config.path("Entrypoint").values().forEach(arg -> entrypoint.add(arg.asString()));
      config.path("Cmd").values().forEach(arg -> entrypoint.add(arg.asString()));
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode entry : config.path("Env").values()) {
        String[] pair = entry.asString().split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
      String user = config.path("User").asString("");
      return new ServiceImage(imageTar, root, List.copyOf(entrypoint), env, user);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + imageTar, e);
    }
  }

  /** The unpacked filesystem; what the process writes outside /tmp stays there. */
  public Path rootfs() {
    return root;
  }

  public Path imageTar() {
    return imageTar;
  }

  /** The image's entrypoint, e.g. {@code java -XX:SharedArchiveFile=... -cp ... Main}. */
  public List<String> entrypoint() {
    return entrypoint;
  }

  /**
   * Starts the entrypoint with the image's environment plus {@code podEnv}. Values of {@code
   * podEnv} that name a file on this machine (a clusterData file, a kubeconfig) are copied into the
   * rootfs, as a ConfigMap or Secret would be mounted, and the variable points at the copy. The
   * returned process is unshare; the JVM is its only child, and dies with it.
   */
  public Process start(Map<String, String> podEnv, Path log) throws IOException {
    return start(podEnv, List.of(), log);
  }

  /** As {@link #start(Map, Path)}, with {@code args} after the entrypoint, as a pod's args. */
  public Process start(Map<String, String> podEnv, List<String> args, Path log) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>(env);
    for (Map.Entry<String, String> e : podEnv.entrySet()) {
      environment.put(e.getKey(), mountFile(e.getKey(), e.getValue()));
    }
    List<String> command = new ArrayList<>();
    command.add(tool("unshare"));
    command.addAll(List.of("--mount", "--pid", "--fork", "--kill-child"));
    command.addAll(List.of(tool("bash"), "-c", IN_ROOTFS, "in-rootfs", tool("mount")));
    command.add(root.toString());
    command.add(tool("chroot"));
    if (!user.isEmpty()) {
      command.add("--userspec=" + user);
    }
    command.add(root.toString());
    command.addAll(entrypoint);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  private String mountFile(String variable, String value) throws IOException {
    if (!value.startsWith("/") || !Files.isRegularFile(Path.of(value))) {
      return value;
    }
    // Not under /tmp, which is a tmpfs in the container.
    String inImage = "/etc/kso-suite/" + variable + "/" + Path.of(value).getFileName();
    Path copy = root.resolve(inImage.substring(1));
    Files.createDirectories(copy.getParent());
    Files.copy(Path.of(value), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    copy.toFile().setReadable(true, false);
    return inImage;
  }

  /** Removes the rootfs. */
  @Override
  public void close() {
    deleteRecursively(root.getParent());
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String tool(String name) {
    return which(name).orElseThrow(() -> new IllegalStateException(name + " is not installed"));
  }

  private static Optional<String> which(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    List<String> dirs = new ArrayList<>(List.of(path.split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    return dirs.stream()
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }
}
