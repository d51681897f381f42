package io.livedesk.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes encoded frames to one socket, on the socket's event loop. The fast way hands a frame's shared
 * bytes to the Netty channel below Vert.x's frame encoder: Vert.x's public API encodes every frame per
 * socket and queues its writes until a flush (a fifth of the CPU a frame cost in fan-out). When this Vert.x
 * hides the pipeline or the encoder is not where it was, it says so once and writes through the public
 * {@code ServerWebSocket.writeFrame}: the same bytes arrive, each encoded per socket.
 */
public abstract sealed class FrameWriter permits FrameWriter.Pipeline, FrameWriter.Public {

  /** The name Vert.x gives Netty's WebSocket frame encoder in a server socket's pipeline. */
  static final String ENCODER = "wsencoder";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** The sockets of this thread whose flush waits for the end of a {@link #holdingFlushes} task. */
  private static final FastThreadLocal<Held> HELD = new FastThreadLocal<>() {
    @Override
    protected Held initialValue() {
      return new Held();
    }
  };

  /**
   * Runs {@code task} with every flush of this thread's sockets put off to its end, then flushes each
   * socket written once: a buyer's own frame and the answer to the order, written by one task, leave in
   * one system call. Only the end of this same task waits, never a later task of the loop (a flush queued
   * on the loop waited behind a whole fan-out: docs/benchmarks.md §Issue 19 on a quiet machine); so a
   * task given here writes to a few sockets, not to a crowd.
   */
  public static void holdingFlushes(Runnable task) {
    Held held = HELD.get();
    if (held.holding) {
      task.run();
      return;
    }
    held.holding = true;
    try {
      task.run();
    } finally {
      held.holding = false;
      held.release();
    }
  }

  /** Whether this flush is put off by {@link #holdingFlushes}; if so, the writer is flushed at its end. */
  static boolean heldBack(Pipeline writer) {
    Held held = HELD.get();
    if (!held.holding) {
      return false;
    }
    if (!writer.held) {
      writer.held = true;
      held.writers.add(writer);
    }
    return true;
  }

  /** The writers one task has put off flushing. */
  private static final class Held {
    boolean holding;
    List<Pipeline> writers = new ArrayList<>();

    void release() {
      // a flush may run code that holds flushes again on this thread: it gets a list of its own
      List<Pipeline> flushing = writers;
      writers = new ArrayList<>();
      for (Pipeline writer : flushing) {
        writer.held = false;
        writer.channel.flush();
      }
    }
  }

  /** The writer for this socket, its way chosen once: the pipeline's encoder is looked up here only. */
  public static FrameWriter of(ServerWebSocket ws) {
    ChannelHandlerContext handler = SocketChannels.of(ws);
    ChannelHandlerContext encoder = handler == null ? null : handler.pipeline().context(ENCODER);
    if (encoder == null) {
      SocketChannels.warnOnce(WARNED, "no '" + ENCODER + "' handler under this Vert.x's WebSockets: frames are"
          + " encoded per socket through ServerWebSocket.writeFrame; see io.livedesk.vertx.FrameWriter");
      return new Public(ws);
    }
    return new Pipeline(encoder);
  }

  /** Whether the socket takes more now: when not, a frame that may be dropped should be. */
  public abstract boolean writable();

  /** How many written bytes must still drain before the socket takes more. */
  public abstract long backlog();

  /** Queues the frame; it goes out on the next {@link #flush}. */
  public abstract void write(WireFrame frame);

  /** Sends what was written; inside {@link #holdingFlushes} at the end of that task. */
  public abstract void flush();

  /** Writes the frame and flushes it. */
  public abstract void send(WireFrame frame);

  /** Netty's pipeline from its frame encoder on: every write a view of the frame's shared bytes. */
  static final class Pipeline extends FrameWriter {

    private final ChannelHandlerContext channel;
    /** Written while flushes are held, and listed to be flushed when they are released. */
    private boolean held;

    Pipeline(ChannelHandlerContext channel) {
      this.channel = channel;
    }

    @Override
    public boolean writable() {
      return channel.channel().isWritable();
    }

    @Override
    public long backlog() {
      return channel.channel().bytesBeforeWritable();
    }

    @Override
    public void write(WireFrame frame) {
      channel.write(frame.buffer(), channel.voidPromise());
    }

    @Override
    public void flush() {
      if (!heldBack(this)) {
        channel.flush();
      }
    }

    @Override
    public void send(WireFrame frame) {
      write(frame);
      flush();
    }
  }

  /** Public API only: one final text frame per write, the same bytes on the wire. */
  static final class Public extends FrameWriter {

    private final ServerWebSocket ws;
    /** Bytes written and not yet on the wire: public API tells only whether the queue is full. */
    private long pending;

    Public(ServerWebSocket ws) {
      this.ws = ws;
    }

    @Override
    public boolean writable() {
      return !ws.writeQueueFull();
    }

    @Override
    public long backlog() {
      return pending;
    }

    @Override
    public void write(WireFrame frame) {
      int size = frame.size();
      pending += size;
      ws.writeFrame(WebSocketFrame.textFrame(frame.text(), true)).onComplete(done -> pending -= size);
    }

    @Override
    public void flush() {
      // Vert.x flushes its own writes
    }

    @Override
    public void send(WireFrame frame) {
      write(frame);
    }
  }
}
