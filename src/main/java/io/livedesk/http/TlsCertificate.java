package io.livedesk.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key as read from their PEM files, checked before the server serves
 * them (docs/protocol.md §TLS): the chain parses, the key parses and is the key of the chain's first
 * certificate. A pair that fails is refused whole, so the server never swaps a working pair for a broken one.
 *
 * @param hash SHA-256 over both files' bytes: the same bytes are the same pair
 * @param serial the serial number of the server's own certificate
 */
public record TlsCertificate(byte[] cert, byte[] key, String hash, BigInteger serial) {

  /** A PEM file is a few kilobytes; anything far larger is not one. */
  static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final Pattern KEY_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
  /** The PKCS#8 wrapping of a PKCS#1 RSA key: version 0 and the rsaEncryption algorithm. */
  private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

  /** Reads both files and checks them; blocking. The exception's message says what is wrong, for the log. */
  public static TlsCertificate read(Path certFile, Path keyFile) throws IOException {
    byte[] cert = readSmall(certFile);
    byte[] key = readSmall(keyFile);
    X509Certificate leaf = firstCertificate(cert, certFile);
    try {
      PrivateKey privateKey = privateKey(key, keyFile, leaf.getPublicKey().getAlgorithm());
      if (privateKey != null) {
        requireMatch(leaf, privateKey, keyFile, certFile);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + " is not a usable private key: " + e.getMessage(), e);
    }
    return new TlsCertificate(cert, key, hash(cert, key), leaf.getSerialNumber());
  }

  /** The {@link #hash} of whatever the files now hold, usable or not; blocking. */
  static String hashOf(Path certFile, Path keyFile) throws IOException {
    return hash(readSmall(certFile), readSmall(keyFile));
  }

  /** The pair as Vert.x takes it: the bytes themselves, so what was checked is what is served. */
  public PemKeyCertOptions options() {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
  }

  private static byte[] readSmall(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not a PEM file");
    }
    return Files.readAllBytes(file);
  }

  private static X509Certificate firstCertificate(byte[] pem, Path file) throws IOException {
    List<Certificate> chain;
    try {
      chain = new ArrayList<>(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      throw new IOException(file + " holds no certificate");
    }
    return leaf;
  }

  /**
   * The key when it is PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 RSA ({@code RSA PRIVATE KEY}); null for the
   * other forms TLS takes (such as {@code EC PRIVATE KEY}), which only the TLS stack itself checks.
   */
  private static PrivateKey privateKey(byte[] pem, Path file, String algorithm)
      throws IOException, GeneralSecurityException {
    Matcher block = KEY_BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!block.find()) {
      throw new IOException(file + " holds no PEM private key");
    }
    String kind = block.group(1).strip();
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(block.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " has a damaged private key: " + e.getMessage(), e);
    }
    return switch (kind) {
      case "" -> KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      case "RSA" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaAsPkcs8(der)));
      case "ENCRYPTED" -> throw new IOException(file + " is encrypted: give the key without a passphrase");
      default -> null;
    };
  }

  private static void requireMatch(X509Certificate leaf, PrivateKey key, Path keyFile, Path certFile)
      throws GeneralSecurityException, IOException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "RSASSA-PSS" -> "RSASSA-PSS";
      default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
    };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signed = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(leaf.getPublicKey());
    verifier.update(challenge);
    if (!verifier.verify(signed)) {
      throw new IOException(keyFile + " is not the key of the certificate in " + certFile);
    }
  }

  private static byte[] rsaAsPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    byte[] bytes = BigInteger.valueOf(length).toByteArray();
    int start = bytes[0] == 0 ? 1 : 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80 | (bytes.length - start));
    out.write(bytes, start, bytes.length - start);
    return out.toByteArray();
  }

  private static String hash(byte[] cert, byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(cert);
      digest.update((byte) 0);
      digest.update(key);
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
