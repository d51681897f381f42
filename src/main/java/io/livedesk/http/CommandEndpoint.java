package io.livedesk.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Locale;

/**
 * {@code POST /api/shows/{id}/commands} taken before the Router (docs/protocol.md §REST): every order
 * placed over REST comes this way, thousands a second in a flash sale, and the Router's context, its
 * matching of every route and the BodyHandler cost more than the command itself. Only a plain request is
 * taken here: a JSON body of a declared length within {@link ApiServer#BODY_LIMIT}, over HTTP/1.1 or 1.0,
 * at a path of the plain form. Anything else (a form, a chunked or oversized body, {@code Expect}, a path
 * the Router would first normalize) goes to the Router, which answers it as it always has; a request taken
 * here gets the same answer, headers and all, as the Router would give it.
 */
final class CommandEndpoint {

  private static final String PREFIX = "/api/shows/";
  private static final String SUFFIX = "/commands";
  private static final int MAX_SHOW_ID = 64;
  private static final int INITIAL_BODY_BYTES = 1024;

  /** The command's work once its body is in: the request, the show's id and the body. */
  interface Command {
    void run(HttpServerRequest request, String showId, Buffer body);
  }

  private final Command command;

  CommandEndpoint(Command command) {
    this.command = command;
  }

  /** Takes the request and answers it in time, or false when the Router is to have it. */
  boolean take(HttpServerRequest request) {
    if (!HttpMethod.POST.equals(request.method()) || request.version() == HttpVersion.HTTP_2) {
      return false;
    }
    String showId = showId(request.path());
    long length = showId == null ? -1 : plainJsonLength(request);
    if (length < 0) {
      return false;
    }
    // the Router's first handler puts this on every answer
    request.response().putHeader(ApiServer.NOSNIFF_NAME, ApiServer.NOSNIFF);
    // grown as bytes arrive, as the BodyHandler's: a client that declares 64 KiB and sends nothing holds no 64 KiB
    Buffer body = Buffer.buffer((int) Math.min(length, INITIAL_BODY_BYTES));
    // a client gone in the middle of its body is no error of the server's, and is not logged as one
    request.exceptionHandler(failure -> { });
    // HTTP/1 frames the body by its Content-Length, so no more than that arrives; kept to it all the same
    request.handler(chunk -> {
      if (body.length() + chunk.length() <= length) {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(end -> {
      try {
        command.run(request, showId, body);
      } catch (Throwable failure) {
        // what the Router's failure handler makes of a handler's exception
        ApiServer.fail(request, ErrorBody.of(failure));
      }
    });
    return true;
  }

  /** The id in a path of exactly the form {@code /api/shows/{id}/commands}, or null. */
  static String showId(String path) {
    if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
      return null;
    }
    int end = path.length() - SUFFIX.length();
    if (end <= PREFIX.length() || end - PREFIX.length() > MAX_SHOW_ID) {
      return null;
    }
    for (int i = PREFIX.length(); i < end; i++) {
      char c = path.charAt(i);
      boolean idChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
      if (!idChar) {
        return null;
      }
    }
    return path.substring(PREFIX.length(), end);
  }

  /**
   * The declared length of a JSON body that needs none of the BodyHandler's cases, or -1: a Content-Type
   * of JSON, one Content-Length within the limit, no Transfer-Encoding and no Expect.
   */
  static long plainJsonLength(HttpServerRequest request) {
    var headers = request.headers();
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    if (type == null || headers.contains(HttpHeaders.TRANSFER_ENCODING) || headers.contains(HttpHeaders.EXPECT)) {
      return -1;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    if (!lower.equals("application/json") && !lower.startsWith("application/json;")) {
      return -1;
    }
    var lengths = headers.getAll(HttpHeaders.CONTENT_LENGTH);
    if (lengths.size() != 1) {
      return -1;
    }
    String length = lengths.get(0);
    if (length.isEmpty() || length.length() > 6) {
      return -1;
    }
    for (int i = 0; i < length.length(); i++) {
      if (length.charAt(i) < '0' || length.charAt(i) > '9') {
        return -1;
      }
    }
    long declared = Long.parseLong(length);
    return declared <= ApiServer.BODY_LIMIT ? declared : -1;
  }
}
