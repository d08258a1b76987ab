package io.kso.kubevuln.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message digests that verify blobs. Hashing every layer, compressed and uncompressed, is the
 * largest CPU cost of an image scan. The JDK's SHA-256 is only fast once C2 compiles it to the
 * CPU's SHA instructions, and the services run C1 only, for a quick start; there it is about a
 * tenth as fast. NSS (the images ship {@code libnss3}) hashes natively at full speed, and the JDK
 * reaches it through its SunPKCS11 provider. Without NSS, or with {@code -Dkso.digests.nss=false},
 * the JDK's own provider is used.
 */
public final class Digests {
  private static final Logger log = LoggerFactory.getLogger(Digests.class);

  /** Where Debian-based systems (and so our images) keep NSS's libraries. */
  static final List<Path> NSS_DIRECTORIES =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu"),
          Path.of("/usr/lib/aarch64-linux-gnu"),
          Path.of("/usr/lib64"),
          Path.of("/usr/lib"));

  private Digests() {}

  /** A new digest for {@code algorithm} ({@code SHA-256}, {@code SHA-512}). */
  public static MessageDigest newDigest(String algorithm) {
    try {
      Optional<Provider> nss = Nss.PROVIDER;
      return nss.isPresent()
          ? MessageDigest.getInstance(algorithm, nss.get())
          : MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The provider {@link #newDigest} uses, e.g. {@code SunPKCS11-NSS} or {@code SUN}. */
  public static String providerName() {
    return newDigest("SHA-256").getProvider().getName();
  }

  /**
   * NSS's software token from {@code directory}, or empty when its library is not there or does not
   * load. NSS is initialised once per process: after the first success, other directories fail.
   */
  static Optional<Provider> nss(Path directory) {
    if (!Files.isRegularFile(directory.resolve("libsoftokn3.so"))) {
      return Optional.empty();
    }
    Provider unconfigured = Security.getProvider("SunPKCS11");
    if (unconfigured == null) {
      return Optional.empty();
    }
    try {
      Provider provider =
          unconfigured.configure(
              "--name=NSS\nnssLibraryDirectory="
                  + directory
                  + "\nnssDbMode=noDb\nattributes=compatibility\n");
      // a digest through it proves the library loaded and the token answers
      MessageDigest.getInstance("SHA-256", provider).digest();
      return Optional.of(provider);
    } catch (RuntimeException | NoSuchAlgorithmException e) {
      log.atWarn()
          .addKeyValue("directory", directory.toString())
          .log("NSS did not load, blobs are hashed by the JDK: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Configured on first use, not at start: NSS takes about 0.2 s to load. */
  private static final class Nss {
    static final Optional<Provider> PROVIDER = find();

    private static Optional<Provider> find() {
      if (!Boolean.parseBoolean(System.getProperty("kso.digests.nss", "true"))) {
        return Optional.empty();
      }
      for (Path directory : NSS_DIRECTORIES) {
        Optional<Provider> provider = nss(directory);
        if (provider.isPresent()) {
          log.atInfo()
              .addKeyValue("directory", directory.toString())
              .log("blobs are hashed by NSS");
          return provider;
        }
      }
      return Optional.empty();
    }
  }
}
