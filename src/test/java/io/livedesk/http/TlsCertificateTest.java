package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.testing.SelfSigned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a certificate and key pair is checked whole before it is served")
class TlsCertificateTest {

  private final Path dir = Files.createTempDirectory("livedesk-tls-pair");

  TlsCertificateTest() throws IOException {
  }

  @Test
  @DisplayName("a PKCS#8 key and the same key as PKCS#1 (RSA PRIVATE KEY) are both read and matched")
  void pkcs8AndPkcs1() throws Exception {
    SelfSigned pair = SelfSigned.make(dir, "server", 42);
    assertThat(TlsCertificate.read(pair.cert(), pair.key()).serial()).isEqualTo(pair.serial());

    Path traditional = dir.resolve("traditional.key");
    openssl("rsa", "-in", pair.key().toString(), "-traditional", "-out", traditional.toString());
    assertThat(Files.readString(traditional)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(TlsCertificate.read(pair.cert(), traditional).serial()).isEqualTo(pair.serial());
  }

  @Test
  @DisplayName("another certificate's key, an encrypted key, or no certificate at all is refused, saying which")
  void refusals() throws Exception {
    SelfSigned pair = SelfSigned.make(dir, "server", 42);
    SelfSigned other = SelfSigned.make(dir, "other", 43);
    Path traditional = dir.resolve("other-traditional.key");
    openssl("rsa", "-in", other.key().toString(), "-traditional", "-out", traditional.toString());
    Path encrypted = dir.resolve("encrypted.key");
    openssl("pkcs8", "-topk8", "-in", pair.key().toString(), "-passout", "pass:secret", "-out", encrypted.toString());

    assertThatThrownBy(() -> TlsCertificate.read(pair.cert(), other.key()))
        .hasMessageContaining("is not the key of the certificate");
    assertThatThrownBy(() -> TlsCertificate.read(pair.cert(), traditional))
        .hasMessageContaining("is not the key of the certificate");
    assertThatThrownBy(() -> TlsCertificate.read(pair.cert(), encrypted)).hasMessageContaining("encrypted");
    assertThatThrownBy(() -> TlsCertificate.read(pair.key(), pair.key())).hasMessageContaining("certificate");
    assertThatThrownBy(() -> TlsCertificate.read(pair.cert(), pair.cert())).hasMessageContaining("no PEM private key");
  }

  private static void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
  }
}
