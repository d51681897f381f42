package io.livedesk.people;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords as Argon2id hashes (docs/design.md §People): m = 19 MiB, t = 2, p = 1 (OWASP's first
 * recommendation), a 16-byte random salt, a 32-byte hash, written as a PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Hashing takes about a CPU-tenth of a second and
 * 19 MiB, so it runs on a worker pool of its own, never on an event loop, and at most {@link #MAX_WAITING}
 * hashings wait or run at once; beyond that a sign-in is answered UNAVAILABLE at once.
 */
public final class PasswordHashing {

  public static final int MEMORY_KIB = 19 * 1024;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;
  /** Hashings running or queued at once; the memory they take is bounded by it. */
  public static final int MAX_WAITING = 8;
  private static final int WORKERS = 2;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getDecoder();

  private final WorkerExecutor workers;
  private final AtomicInteger waiting = new AtomicInteger();
  /** A hash of nothing anyone knows: an unknown login is checked against it so its answer takes as long. */
  private final String dummy;

  public PasswordHashing(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("livedesk-passwords", WORKERS);
    byte[] unknown = new byte[HASH_BYTES];
    RANDOM.nextBytes(unknown);
    this.dummy = encode(salt(), unknown);
  }

  /** The PHC string of a new hash of {@code password}, made off the event loop. */
  public Future<String> hash(String password) {
    return bounded(() -> {
      byte[] salt = salt();
      return encode(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM));
    });
  }

  /** Whether {@code password} matches {@code phc}; a null {@code phc} is checked against a dummy, and false. */
  public Future<Boolean> verify(String password, String phc) {
    boolean known = phc != null;
    String against = known ? phc : dummy;
    return bounded(() -> matches(password, against) && known);
  }

  private <T> Future<T> bounded(java.util.concurrent.Callable<T> work) {
    if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE,
          "too many sign-ins at once; try again in a moment"));
    }
    return workers.executeBlocking(work, false).onComplete(done -> waiting.decrementAndGet());
  }

  static boolean matches(String password, String phc) {
    String[] parts = phc.split("\\$");
    // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
    if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
      return false;
    }
    int memory = 0;
    int iterations = 0;
    int parallelism = 0;
    for (String parameter : parts[3].split(",")) {
      String[] pair = parameter.split("=", 2);
      if (pair.length != 2) {
        return false;
      }
      int value;
      try {
        value = Integer.parseInt(pair[1]);
      } catch (NumberFormatException e) {
        return false;
      }
      switch (pair[0]) {
        case "m" -> memory = value;
        case "t" -> iterations = value;
        case "p" -> parallelism = value;
        default -> {
          return false;
        }
      }
    }
    // a stored hash asks for at most what this server hashes with, so a damaged one cannot exhaust memory
    if (memory < 8 || memory > MEMORY_KIB || iterations < 1 || iterations > 10 || parallelism != PARALLELISM) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64_IN.decode(parts[4]);
      expected = B64_IN.decode(parts[5]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, derive(password, salt, memory, iterations, parallelism));
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build());
    byte[] hash = new byte[HASH_BYTES];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
    return hash;
  }

  private static byte[] salt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return salt;
  }

  private static String encode(byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }
}
