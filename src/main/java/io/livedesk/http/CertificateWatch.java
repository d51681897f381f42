package io.livedesk.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.logging.Logger;

/**
 * Serves a renewed certificate without a restart (docs/protocol.md §TLS): every {@code checkSeconds} the
 * certificate and key files' modification times and sizes are looked at off the event loop; when either
 * changed, both are read and hashed, and a pair with new bytes is checked ({@link TlsCertificate#read}) and
 * handed to the server, which uses it for new connections while open ones keep theirs. A pair that fails
 * the check, or that the server refuses, is logged once and the pair in service stays.
 */
public final class CertificateWatch {

  private static final Logger LOG = Logger.getLogger(CertificateWatch.class.getName());

  /** What the files looked like when last read: a change to any of these is worth reading them again. */
  private record Stamp(long certModified, long certSize, long keyModified, long keySize) {}

  /** The files as they now are, and the pair they hold when the bytes are new (else null). */
  private record Look(Stamp stamp, TlsCertificate pair, String refusal, String hash) {}

  private final Vertx vertx;
  private final Path certFile;
  private final Path keyFile;
  private final long checkMillis;
  private volatile TlsCertificate serving;
  private Stamp seen;
  private String refusedHash;
  private boolean checking;
  private long timer = -1;
  private HttpServer server;

  private CertificateWatch(Vertx vertx, Path certFile, Path keyFile, long checkMillis, TlsCertificate first,
      Stamp stamp) {
    this.vertx = vertx;
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.checkMillis = checkMillis;
    this.serving = first;
    this.seen = stamp;
  }

  /** Reads and checks the first pair (off the event loop); fails when it is unusable. */
  public static Future<CertificateWatch> open(Vertx vertx, Path certFile, Path keyFile, int checkSeconds) {
    return vertx.executeBlocking(() -> {
      Stamp stamp = stamp(certFile, keyFile);
      TlsCertificate first = TlsCertificate.read(certFile, keyFile);
      return new CertificateWatch(vertx, certFile, keyFile, checkSeconds * 1000L, first, stamp);
    }, false);
  }

  /** The pair in service. */
  public TlsCertificate serving() {
    return serving;
  }

  /** Starts watching the files for {@code server}, which already serves {@link #serving()}. */
  public void watch(HttpServer server) {
    this.server = server;
    timer = vertx.setPeriodic(checkMillis, id -> check());
  }

  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** On the event loop: one look at a time, its file work in the worker pool. */
  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    Stamp before = seen;
    String current = serving.hash();
    String refused = refusedHash;
    vertx.executeBlocking(() -> look(before, current, refused), false)
        .compose(look -> look == null ? Future.succeededFuture() : apply(look))
        .onComplete(done -> {
          checking = false;
          if (done.failed()) {
            LOG.warning("TLS: checking " + certFile + " and " + keyFile + " failed: " + done.cause().getMessage());
          }
        });
  }

  /** Blocking: null when nothing changed since the last look. */
  private Look look(Stamp before, String current, String refused) throws IOException {
    Stamp now;
    try {
      now = stamp(certFile, keyFile);
    } catch (IOException e) {
      // a file being replaced may be missing for a moment: the pair in service stays, the next look tries again
      return null;
    }
    if (now.equals(before)) {
      return null;
    }
    try {
      TlsCertificate pair = TlsCertificate.read(certFile, keyFile);
      boolean known = pair.hash().equals(current);
      return new Look(now, known ? null : pair, null, pair.hash());
    } catch (IOException e) {
      String hash = TlsCertificate.hashOf(certFile, keyFile);
      return new Look(now, null, hash.equals(refused) ? null : e.getMessage(), hash);
    }
  }

  private Future<Void> apply(Look look) {
    seen = look.stamp();
    if (look.refusal() != null) {
      refusedHash = look.hash();
      LOG.warning("TLS: refused the new certificate and key, still serving serial " + serving.serial().toString(16)
          + ": " + look.refusal());
      return Future.succeededFuture();
    }
    TlsCertificate pair = look.pair();
    if (pair == null) {
      return Future.succeededFuture();
    }
    return server.updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(pair.options()), true)
        .transform(done -> {
          if (done.succeeded()) {
            serving = pair;
            refusedHash = null;
            LOG.info("TLS: now serving the certificate with serial " + pair.serial().toString(16)
                + " from " + certFile);
          } else {
            refusedHash = pair.hash();
            LOG.warning("TLS: the server refused the new certificate and key, still serving serial "
                + serving.serial().toString(16) + ": " + done.cause().getMessage());
          }
          return Future.succeededFuture();
        });
  }

  private static Stamp stamp(Path certFile, Path keyFile) throws IOException {
    BasicFileAttributes cert = Files.readAttributes(certFile, BasicFileAttributes.class);
    BasicFileAttributes key = Files.readAttributes(keyFile, BasicFileAttributes.class);
    return new Stamp(cert.lastModifiedTime().toMillis(), cert.size(), key.lastModifiedTime().toMillis(), key.size());
  }
}
