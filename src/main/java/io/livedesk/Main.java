package io.livedesk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * {@code java -jar livedesk.jar [--config FILE] [--demo]}: starts the server and drains it on SIGTERM.
 * {@code --backup DIR} (a stopped server's data directory into DIR) and {@code --restore DIR} (a checked
 * backup into the configured data directory) do that and exit (docs/protocol.md §Command line).
 */
public final class Main {

  private static final long DRAIN_SECONDS = 20;

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Path configFile = null;
    boolean demo = false;
    String backupDir = null;
    String restoreDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a file");
          }
          configFile = Path.of(args[++i]);
        }
        case "--demo" -> demo = true;
        case "--backup", "--restore" -> {
          if (i + 1 >= args.length) {
            usage(args[i] + " needs a directory");
          }
          if (args[i].equals("--backup")) {
            backupDir = args[++i];
          } else {
            restoreDir = args[++i];
          }
        }
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    Config config;
    try {
      config = configuration(configFile, System.getenv());
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("livedesk: bad configuration: " + e.getMessage().replaceAll("\\s+", " "));
      System.exit(2);
      return;
    }
    if (backupDir != null || restoreDir != null) {
      System.exit(backupDir != null && restoreDir != null ? usageCode("--backup and --restore are separate runs")
          : DataDirTool.run(config, backupDir, restoreDir));
      return;
    }
    Livedesk app;
    try {
      app = Livedesk.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("livedesk could not start: " + cause(e).getMessage());
      System.exit(1);
      return;
    }
    // the drain is in place before the listening line: whoever reads that line and stops the server at once
    // gets a drained stop and exit code 0, not the JVM's default end (143)
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable drain = () -> {
      try {
        app.stop().toCompletionStage().toCompletableFuture().get(DRAIN_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("livedesk: drain did not finish cleanly: " + e.getMessage());
      }
      stopped.countDown();
    };
    Signal.handle(new Signal("TERM"), signal -> new Thread(drain, "livedesk-drain").start());
    Signal.handle(new Signal("INT"), signal -> new Thread(drain, "livedesk-drain").start());
    if (app.generatedAdminToken() != null) {
      System.out.println("livedesk admin token (shown only this once; its hash is kept in the data directory): "
          + app.generatedAdminToken());
    }
    System.out.println("livedesk listening on " + app.baseUrl());
    if (demo) {
      try {
        app.openDemo().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
            .lines().forEach(System.out::println);
      } catch (Exception e) {
        System.err.println("livedesk: the demo show could not start: " + cause(e).getMessage());
      }
    }
    System.out.flush();
    if (config.warmup().rounds() > 0) {
      Thread warmup = new Thread(() -> warmUp(app, config), "livedesk-warmup");
      warmup.setDaemon(true);
      warmup.start();
    }

    stopped.await();
    System.exit(0);
  }

  /**
   * The practice sale after the start (docs/design.md §Warm-up at start), on a private server of its own;
   * its line tells when the first real sale meets compiled code. A practice that fails is reported and the
   * server goes on: nothing of it is kept.
   */
  private static void warmUp(Livedesk app, Config config) {
    try {
      Optional<String> onAir = StartWarmup.showOnAir(app);
      if (onAir.isPresent()) {
        System.out.println("livedesk warm-up skipped: show " + onAir.get() + " is live, and its own orders warm the"
            + " code without taking its cores");
        System.out.flush();
        return;
      }
      StartWarmup.Outcome outcome = StartWarmup.run(config, config.warmup().rounds());
      System.out.println("livedesk warmed up: " + outcome.commands() + " practice commands in " + outcome.millis()
          + " ms " + outcome.answers());
    } catch (Exception e) {
      System.out.println("livedesk warm-up did not finish: " + cause(e));
    }
    System.out.flush();
  }

  /** What went wrong under a wait's wrapping (an ExecutionException's cause), or the failure itself. */
  private static Throwable cause(Exception e) {
    return e.getCause() == null ? e : e.getCause();
  }

  /**
   * The configuration this start would run with, checked whole: {@link ConfigRules.Invalid} names the first
   * key with a bad value; an unreadable or malformed file is an {@link IOException}.
   */
  static Config configuration(Path configFile, Map<String, String> env) throws IOException {
    return Config.load(configFile, env);
  }

  private static void usage(String problem) {
    System.exit(usageCode(problem));
  }

  private static int usageCode(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println("usage: java -jar target/livedesk.jar [--config FILE] [--demo | --backup DIR | --restore DIR]");
    return problem == null ? 0 : 2;
  }
}
