package io.kso.kubescape.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.engine.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @Test
  void readsEveryDocumentAndExpandsLists() {
    Inputs in =
        ManifestReader.readText(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: Service, metadata: {name: b, namespace: x}}
              - {apiVersion: v1, kind: Service, metadata: {name: c, namespace: x}}
            """,
            "f.yaml");

    assertThat(in.errors()).isEmpty();
    assertThat(in.resources())
        .extracting(Resource::id)
        .containsExactly("/v1//ConfigMap/a", "/v1/x/Service/b", "/v1/x/Service/c");
    assertThat(in.resources().get(1).source()).isEqualTo("f.yaml:5");
  }

  @Test
  void reportsTheBrokenDocumentWithItsLineAndKeepsTheOnesBefore() {
    Inputs in =
        ManifestReader.readText(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
              labels: [unclosed
            spec: {}
            """,
            "f.yaml");

    assertThat(in.resources()).extracting(Resource::name).containsExactly("a");
    assertThat(in.errors()).hasSize(1);
    assertThat(in.errors().get(0).source()).isEqualTo("f.yaml");
    assertThat(in.errors().get(0).line()).isBetween(9, 11);
  }

  @Test
  void acceptsATabBeforeATrailingComment() {
    Inputs in =
        ManifestReader.readText(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\t# note\n", "f.yaml");
    assertThat(in.errors()).isEmpty();
    assertThat(in.resources()).hasSize(1);
  }

  @Test
  void aBinaryFileIsAnInputErrorThatSaysSo(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("random.yaml");
    Files.write(file, new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0x00, (byte) 0xfe, 0x41});

    Inputs in = ManifestReader.readFile(file);

    assertThat(in.resources()).isEmpty();
    assertThat(in.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo(file.toString());
              assertThat(e.message()).isEqualTo("not UTF-8 text (a binary file?)");
            });
  }
}
