package io.livedesk.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost with a serial of the test's choosing, and its key,
 * as PEM files made by {@code openssl req -x509}; and clients that trust such certificates (and no
 * others), so a test talks HTTPS and WSS with the hostname checked as a browser would.
 */
public record SelfSigned(Path cert, Path key, BigInteger serial, byte[] certPem, byte[] keyPem) {

  /** Writes {@code name}.crt and {@code name}.key under {@code dir}. */
  public static SelfSigned make(Path dir, String name, long serial) throws IOException, InterruptedException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-set_serial", Long.toString(serial))
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IOException("openssl could not make a certificate: " + output);
    }
    return new SelfSigned(cert, key, BigInteger.valueOf(serial), Files.readAllBytes(cert), Files.readAllBytes(key));
  }

  /**
   * Puts this pair (as made, whatever its files hold now) where {@code target}'s files are, each file
   * replaced in one step, as a renewal tool does.
   */
  public void installAs(SelfSigned target) throws IOException {
    replace(certPem, target.cert());
    replace(keyPem, target.key());
  }

  /** Replaces {@code target} by {@code bytes} in one rename. */
  public static void replace(byte[] bytes, Path target) throws IOException {
    Path staged = target.resolveSibling(target.getFileName() + ".new");
    Files.write(staged, bytes);
    Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Trusts exactly these certificates. */
  public static SSLContext trusting(List<SelfSigned> pairs) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (SelfSigned pair : pairs) {
      store.setCertificateEntry("serial-" + pair.serial(),
          x509.generateCertificate(new ByteArrayInputStream(pair.certPem())));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** An HTTP (and WebSocket) client trusting exactly these certificates. */
  public static HttpClient client(List<SelfSigned> pairs) throws Exception {
    return HttpClient.newBuilder().sslContext(trusting(pairs)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The serial of the certificate a new TLS connection to 127.0.0.1:{@code port} is shown. */
  public static BigInteger servedSerial(int port, List<SelfSigned> trusted) throws Exception {
    try (SSLSocket socket = (SSLSocket) trusting(trusted).getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }
}
