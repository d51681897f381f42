package io.livedesk.bench;

import io.livedesk.json.Json;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the load generator's socket modes ({@link CommentGen}, {@link PromoGen}) share: their Vert.x, their
 * arguments, the bench's commands on stdin, and the steps every mode takes to open its sockets, report them
 * ready, count the sockets told to resync and read its counters on the event loop.
 */
abstract class SocketGen {

  final Vertx vertx;
  final Map<String, String> args;
  final LoadGen commands;
  /** How many sockets this generator opens ({@code sockets}). */
  final int sockets;
  /** Sockets told to resync (a frame, or the close that follows it), each counted once; the event loop's. */
  long resynced;

  SocketGen(Vertx vertx, Map<String, String> args, LoadGen commands) {
    this.vertx = vertx;
    this.args = args;
    this.commands = commands;
    this.sockets = Integer.parseInt(args.get("sockets"));
  }

  abstract void run() throws Exception;

  /** A client for up to 100,000 sockets from one local address. */
  WebSocketClient client(String localAddress) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(localAddress)
        .setMaxConnections(100_000).setConnectTimeout(60_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
  }

  /** How many generators share the load ({@code slots}) and which of them this one is ({@code slot}). */
  int slots() {
    return Integer.parseInt(args.getOrDefault("slots", "1"));
  }

  int slot() {
    return Integer.parseInt(args.getOrDefault("slot", "0"));
  }

  /** Tells the bench how many of its sockets were welcomed. */
  void ready(long connected) {
    LoadGen.emit(Json.object().put("event", "ready").put("connected", connected).put("failed", sockets - connected));
  }

  /**
   * Opens every socket, {@code perSecond} a second in batches every 50 ms, so a crowd's joins do not all land
   * at once: socket {@code i} from {@code clients} in turn, its welcome completing {@code welcomed[i]}.
   */
  void connectSpread(List<? extends Socket> all, List<WebSocketClient> clients, List<Promise<Void>> welcomed,
      int perSecond, int from) {
    int to = Math.min(all.size(), from + Math.max(1, perSecond / 20));
    for (int i = from; i < to; i++) {
      all.get(i).open(clients.get(i % clients.size()), welcomed.get(i));
    }
    if (to < all.size()) {
      vertx.setTimer(50, id -> connectSpread(all, clients, welcomed, perSecond, to));
    }
  }

  /** One viewer's socket to the show: its frames go to {@link #received}, a resync is counted once. */
  abstract class Socket {
    final String viewer;
    WebSocket ws;
    private boolean resync;

    Socket(String viewer) {
      this.viewer = viewer;
    }

    void open(WebSocketClient client, Promise<Void> welcome) {
      LoadGen.viewerSocket(client, args, viewer, welcome, text -> {
        if (text.startsWith("{\"type\":\"resync\"")) {
          toldToResync();
        }
        received(text);
      }).onSuccess(this::opened);
    }

    /** The socket is open (its welcome may still be on its way); a close with 4408 is a resync (protocol.md §WebSocket). */
    void opened(WebSocket opened) {
      ws = opened;
      opened.closeHandler(v -> {
        if (opened.closeStatusCode() != null && opened.closeStatusCode() == 4408) {
          toldToResync();
        }
        closed(opened);
      });
    }

    private void toldToResync() {
      if (!resync) {
        resync = true;
        resynced++;
      }
    }

    /** Whether this socket was told to resync since {@link #open}ed last. */
    boolean resyncedSinceOpen() {
      return resync;
    }

    /** A new socket for the same viewer: a later resync counts again. */
    void reopen(WebSocketClient client, Promise<Void> welcome) {
      resync = false;
      open(client, welcome);
    }

    /** The socket {@code closed} is gone, whoever closed it. */
    void closed(WebSocket closed) {
    }

    abstract void received(String text);
  }

  /** Runs the work on the event loop, where the sockets' counters live, and waits here for its answer. */
  <T> T onLoop(Supplier<T> work, long seconds) {
    Promise<T> result = Promise.promise();
    vertx.runOnContext(v -> result.complete(work.get()));
    try {
      return result.future().toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
