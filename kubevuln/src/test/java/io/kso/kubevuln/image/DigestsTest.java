package io.kso.kubevuln.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob digests are the standard ones whichever provider computes them. */
class DigestsTest {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String jdk(String algorithm, byte[] data) throws Exception {
    return hex(MessageDigest.getInstance(algorithm, "SUN").digest(data));
  }

  @Test
  void knownVectors() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(hex(Digests.newDigest("SHA-256").digest(abc)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(hex(Digests.newDigest("SHA-256").digest()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex(Digests.newDigest("SHA-512").digest(abc)))
        .startsWith("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a");
  }

  @Test
  void largeAndPiecewiseInputsMatchTheJdk() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    MessageDigest digest = Digests.newDigest("SHA-256");
    // uneven pieces, as layers arrive from the network
    int[] pieces = {1, 63, 64, 65, 4095, 65536, 1 << 20};
    int off = 0;
    for (int i = 0; off < data.length; i++) {
      int n = Math.min(pieces[i % pieces.length], data.length - off);
      digest.update(data, off, n);
      off += n;
    }
    assertThat(hex(digest.digest())).isEqualTo(jdk("SHA-256", data));
    assertThat(hex(Digests.newDigest("SHA-512").digest(data))).isEqualTo(jdk("SHA-512", data));
  }

  @Test
  void nssIsUsedWhenItsLibrariesArePresent() {
    boolean present =
        Digests.NSS_DIRECTORIES.stream()
            .anyMatch(d -> Files.isRegularFile(d.resolve("libsoftokn3.so")));
    assumeTrue(present, "NSS is not installed here (apt-get install libnss3)");
    assertThat(Digests.providerName()).isEqualTo("SunPKCS11-NSS");
  }

  @Test
  void aDirectoryWithoutNssGivesNoProvider(@TempDir Path empty) {
    assertThat(Digests.nss(empty)).isEmpty();
    assertThat(Digests.nss(empty.resolve("missing"))).isEmpty();
  }
}
