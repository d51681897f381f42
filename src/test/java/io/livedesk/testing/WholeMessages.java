package io.livedesk.testing;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** A socket listener that hands on each text message whole, however the frames split it, and the close code. */
public final class WholeMessages implements WebSocket.Listener {

  private final StringBuilder partial = new StringBuilder();
  private final Consumer<String> messages;
  private final IntConsumer closed;

  /** {@code closed} gets the server's close code, or -1 when the connection failed. */
  public WholeMessages(Consumer<String> messages, IntConsumer closed) {
    this.messages = messages;
    this.closed = closed;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.accept(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.accept(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.accept(-1);
  }
}
