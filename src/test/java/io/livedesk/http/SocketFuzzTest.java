package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.FuzzedShows.Caller;
import io.livedesk.http.FuzzedShows.Fixture;
import io.livedesk.http.FuzzedShows.Stage;
import io.livedesk.json.Json;
import io.livedesk.testing.ByteMutations;
import io.livedesk.testing.JsonShapes;
import io.livedesk.testing.RawWebSocket;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The WebSocket of a show fuzzed as its clients would (docs/protocol.md §WebSocket): every frame after
 * the connect gets one answer — a reply, a pong or an error body with a documented code — and the socket
 * stays open unless the frame was past the size a socket takes; a first frame that is not a valid connect
 * gets an error frame and a close; the server stays healthy and a refused command changes nothing.
 */
@Label("WebSocket frames under fuzzing")
class SocketFuzzTest extends FuzzedShowsContainer {

  /** Frames that are not answers to a frame: broadcasts the socket receives meanwhile. */
  private static final Set<String> BROADCASTS = Set.of("event", "tick", "comments", "welcome");
  /** Frames above this many bytes may be refused by closing the socket (twice the 64 KiB a command may hold). */
  private static final int SOCKET_MESSAGE_LIMIT = 2 * SocketSession.MAX_FRAME_BYTES;

  private static final Map<String, WsClient> sockets = new HashMap<>();
  private static int frames;

  /** Runs before the shows close. */
  @AfterContainer
  static void closeSockets() {
    sockets.values().forEach(WsClient::close);
  }

  @Property
  @Label("frames after the connect: commands of any shape, pings, odd frames, damaged and oversized text")
  void framesAfterConnect(@ForAll Caller caller, @ForAll Stage stage, @ForAll("frames") Frame frame) throws Exception {
    Fixture fixture = shows.fixture(stage);
    WsClient socket = socket(caller, fixture);
    JsonNode before = shows.settledView(fixture);
    String text = frame.text("f" + (++frames));

    socket.sendText(text);
    JsonNode answer = answer(socket, BROADCASTS);

    String request = caller + " on a " + stage + " show: " + frame;
    Statistics.label("answers").collect(answer == null ? "closed" : answer.path("ok").asBoolean(false) ? "ok"
        : answer.path("error").path("code").asText(answer.path("type").asText()));
    if (answer == null) {
      assertThat(text.getBytes(StandardCharsets.UTF_8).length).as("only a frame past the limit closes the socket: %s", request)
          .isGreaterThan(SOCKET_MESSAGE_LIMIT);
    } else {
      assertAnswer(answer, request);
    }
    shows.assertHealthy();
    if (answer == null || !answer.path("ok").asBoolean(false)) {
      shows.assertUnchanged(fixture, before, request);
    }
  }

  @Property
  @Label("first frames: connects of any shape, with real and wrong tokens, and frames that are not a connect")
  void firstFrames(@ForAll Stage stage, @ForAll("connects") JsonNode connect) throws Exception {
    Fixture fixture = shows.fixture(stage);
    JsonNode resolved = resolveTokens(connect, fixture);
    String request = "first frame " + resolved;

    try (WsClient socket = WsClient.open(shows.server().wsUrl(fixture.show().id()))) {
      String text = new String(JsonShapes.Encoding.ESCAPED.bytes(resolved), StandardCharsets.US_ASCII);
      socket.sendText(text);
      JsonNode first = answer(socket, Set.of("tick"));
      if (first == null) {
        assertThat(text.length()).as("only a frame past the limit closes the socket unanswered: %s", request)
            .isGreaterThan(SOCKET_MESSAGE_LIMIT);
      } else if (!"welcome".equals(first.path("type").asText())) {
        assertThat(first.path("type").asText()).as("the answer to %s: %s", request, first).isEqualTo("error");
        FuzzedShows.assertErrorBody(first, request);
        assertThat(socket.awaitClosed(5_000)).as("the socket closes after the error for %s", request).isTrue();
      }
    }
    shows.assertHealthy();
  }

  @Property
  @Label("frames a client library would not send: text that is not UTF-8, binary frames")
  void rawFrames(@ForAll Caller caller, @ForAll("rawFrames") RawFrame frame) throws Exception {
    Fixture fixture = shows.fixture(Stage.LIVE);
    String request = caller + ": " + frame;
    JsonNode before;
    RawWebSocket.Received answer;
    try (RawWebSocket socket = RawWebSocket.open(shows.server().port(), "/ws/shows/" + fixture.show().id())) {
      socket.send(RawWebSocket.TEXT, Json.bytes(connect(caller, fixture)));
      assertThat(nextAnswer(socket, Set.of("tick")).text()).as("welcome for %s", caller).contains("\"welcome\"");
      before = shows.settledView(fixture);

      try {
        socket.send(frame.opcode(), frame.payload());
        answer = nextAnswer(socket, BROADCASTS);
      } catch (SocketException reset) {
        // a frame past the limit is refused while it is still arriving: the server resets the connection
        assertThat(frame.payload().length).as("only a frame past the limit is cut off with a reset: %s", request)
            .isGreaterThan(SOCKET_MESSAGE_LIMIT);
        shows.assertHealthy();
        shows.assertUnchanged(fixture, before, request);
        return;
      }
    }

    assertThat(answer).as("a frame or a close for %s", request).isNotNull();
    boolean accepted = false;
    if (answer.opcode() == RawWebSocket.CLOSE) {
      Statistics.label("answers").collect("close " + answer.closeCode());
      if (frame.payload().length <= SOCKET_MESSAGE_LIMIT) {
        assertThat(answer.closeCode()).as("only broken UTF-8 closes a socket on a frame within the limit: %s", request)
            .isEqualTo(1007);
      }
    } else {
      JsonNode reply = Json.parse(answer.payload());
      Statistics.label("answers").collect(reply.path("ok").asBoolean(false) ? "ok" : reply.path("error").path("code").asText());
      assertAnswer(reply, request);
      accepted = reply.path("ok").asBoolean(false);
    }
    shows.assertHealthy();
    if (!accepted) {
      shows.assertUnchanged(fixture, before, request);
    }
  }

  // ---- one try ----

  /** The next frame that is not one of {@code skipped}: a text frame's JSON type, or a close frame. */
  private static RawWebSocket.Received nextAnswer(RawWebSocket socket, Set<String> skipped) throws Exception {
    while (true) {
      RawWebSocket.Received frame = socket.receive();
      if (frame == null || frame.opcode() != RawWebSocket.TEXT) {
        return frame;
      }
      if (!skipped.contains(Json.parse(frame.payload()).path("type").asText())) {
        return frame;
      }
    }
  }

  private static ObjectNode connect(Caller caller, Fixture fixture) {
    ObjectNode connect = Json.object().put("type", "connect");
    switch (caller) {
      case CONTROL -> connect.put("role", "control").put("token", fixture.show().controlToken());
      case PROMPTER -> connect.put("role", "prompter").put("token", fixture.show().prompterToken());
      case ADMIN -> connect.put("role", "control").put("token", TestServer.ADMIN_TOKEN);
      case VIEWER -> connect.put("role", "viewer").put("viewer", "fan-raw");
    }
    return connect;
  }

  /** The answer to the frame just sent, passing over {@code skipped} types; null when the server closed instead. */
  private static JsonNode answer(WsClient socket, Set<String> skipped) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      // frames arrive before the close that follows them, so read once more after seeing it
      boolean closed = socket.closeCode() != null;
      for (JsonNode frame : socket.drain()) {
        if (!skipped.contains(frame.path("type").asText())) {
          return frame;
        }
      }
      if (closed) {
        return null;
      }
      Thread.sleep(2);
    }
    throw new AssertionError("no answer within 10 s; frames seen: " + socket.seen());
  }

  private static void assertAnswer(JsonNode answer, String request) {
    switch (answer.path("type").asText()) {
      case "pong" -> assertThat(answer.has("serverTime")).as("a pong for %s: %s", request, answer).isTrue();
      case "reply" -> {
        if (!answer.path("ok").asBoolean(false)) {
          FuzzedShows.assertErrorBody(answer, request);
          assertThat(answer.path("error").path("code").asText()).as("no outage here: %s", request)
              .isNotEqualTo("UNAVAILABLE");
        }
      }
      default -> throw new AssertionError("an answer of an unknown type to " + request + ": " + answer);
    }
  }

  /** The caller's socket to the fixture, connected and welcomed; a socket the server closed is replaced. */
  private static WsClient socket(Caller caller, Fixture fixture) throws Exception {
    String key = caller + "/" + fixture.show().id();
    WsClient socket = sockets.get(key);
    if (socket == null || socket.closeCode() != null) {
      String token = switch (caller) {
        case CONTROL -> fixture.show().controlToken();
        case PROMPTER -> fixture.show().prompterToken();
        case ADMIN -> TestServer.ADMIN_TOKEN;
        case VIEWER -> null;
      };
      String role = caller == Caller.VIEWER ? "viewer" : caller == Caller.PROMPTER ? "prompter" : "control";
      socket = WsClient.connect(shows.server().wsUrl(fixture.show().id()), role, token,
          caller == Caller.VIEWER ? "fan-ws" : null, null);
      JsonNode welcome = socket.await(frame -> !"tick".equals(frame.path("type").asText()), 10_000);
      assertThat(welcome.path("type").asText()).as("welcome for %s: %s", key, welcome).isEqualTo("welcome");
      sockets.put(key, socket);
    }
    socket.drain();
    return socket;
  }

  /** "$control", "$prompter" and "$admin" in a connect stand for the fixture's real tokens. */
  private static JsonNode resolveTokens(JsonNode connect, Fixture fixture) {
    if (!connect.isObject()) {
      return connect;
    }
    ObjectNode copy = ((ObjectNode) connect).deepCopy();
    JsonNode token = copy.get("token");
    if (token != null && token.isTextual()) {
      switch (token.asText()) {
        case "$control" -> copy.put("token", fixture.show().controlToken());
        case "$prompter" -> copy.put("token", fixture.show().prompterToken());
        case "$admin" -> copy.put("token", TestServer.ADMIN_TOKEN);
        default -> { }
      }
    }
    return copy;
  }

  // ---- generators ----

  /** A frame: a command, a ping, another type, or damaged or oversized text. */
  record Frame(Kind kind, JsonNode document, List<ByteMutations.Edit> edits, int size) {

    enum Kind { COMMAND, OTHER, DAMAGED, OVERSIZED }

    /** The text sent; every non-ASCII character escaped, so lone surrogates travel as the JSON escapes they are. */
    String text(String id) {
      return switch (kind) {
        case COMMAND -> escaped(command(id));
        case OTHER -> escaped(document);
        case DAMAGED -> new String(ByteMutations.apply(escaped(command(id)).getBytes(StandardCharsets.UTF_8), edits),
            StandardCharsets.UTF_8);
        case OVERSIZED -> new String(CommandShapes.oversized(size), StandardCharsets.UTF_8)
            .replace("{\"cmd\"", "{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\"");
      };
    }

    private JsonNode command(String id) {
      ObjectNode frame = Json.object().put("type", "cmd").put("id", id);
      frame.setAll((ObjectNode) document);
      return frame;
    }

    private static String escaped(JsonNode node) {
      return new String(JsonShapes.Encoding.ESCAPED.bytes(node), StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
      String text = text("f");
      return kind + " (" + text.length() + " chars) " + text.substring(0, Math.min(400, text.length()))
          + (kind == Kind.DAMAGED ? " edits " + edits : "");
    }
  }

  @Provide
  Arbitrary<Frame> frames() {
    Arbitrary<JsonNode> commands = CommandShapes.command(ids);
    Arbitrary<JsonNode> others = Arbitraries.oneOf(
        JsonShapes.object(List.of("type", "t", "id", "cmd", "args"), JsonShapes.value(List.of("type"),
            List.of("ping", "cmd", "connect", "pong", "event", "welcome"), 2)).map(node -> (JsonNode) node),
        JsonShapes.value(List.of("type"), List.of("ping"), 2),
        JsonShapes.scalar(List.of("ping")).map(t -> Json.object().put("type", "ping").set("t", t)));
    return Arbitraries.frequencyOf(
        Tuple.of(10, commands.map(document -> new Frame(Frame.Kind.COMMAND, document, List.of(), 0))),
        Tuple.of(3, others.map(document -> new Frame(Frame.Kind.OTHER, document, List.of(), 0))),
        Tuple.of(3, Combinators.combine(commands, ByteMutations.edits(4))
            .as((document, edits) -> new Frame(Frame.Kind.DAMAGED, document, edits, 0))),
        Tuple.of(1, Arbitraries.integers().between(SocketSession.MAX_FRAME_BYTES - 64, 3 * SocketSession.MAX_FRAME_BYTES)
            .map(size -> new Frame(Frame.Kind.OVERSIZED, null, List.of(), size))));
  }

  /** A frame as bytes on the wire: its opcode and payload. */
  record RawFrame(int opcode, byte[] payload) {

    @Override
    public String toString() {
      return (opcode == RawWebSocket.TEXT ? "text " : "binary ") + java.util.HexFormat.of()
          .formatHex(payload, 0, Math.min(payload.length, 200)) + " (" + payload.length + " bytes)";
    }
  }

  /** Commands whose bytes are broken UTF-8, random bytes as text, and commands or bytes as binary frames. */
  @Provide
  Arbitrary<RawFrame> rawFrames() {
    Arbitrary<byte[]> commands = CommandShapes.command(ids).map(document -> {
      ObjectNode frame = Json.object().put("type", "cmd").put("id", "raw");
      frame.setAll((ObjectNode) document);
      return JsonShapes.Encoding.UTF8.bytes(frame);
    });
    Arbitrary<byte[]> brokenUtf8 = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xE4, (byte) 0xB8}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    Arbitrary<byte[]> broken = Combinators.combine(commands, brokenUtf8, Arbitraries.doubles().between(0, 1))
        .as((command, bad, at) -> ByteMutations.apply(command,
            List.of(new ByteMutations.Edit(ByteMutations.Kind.INSERT, at, 0, bad))));
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.frequencyOf(
        Tuple.of(4, broken.map(bytes -> new RawFrame(RawWebSocket.TEXT, bytes))),
        Tuple.of(1, random.map(bytes -> new RawFrame(RawWebSocket.TEXT, bytes))),
        Tuple.of(1, Arbitraries.oneOf(commands, random).map(bytes -> new RawFrame(RawWebSocket.BINARY, bytes))));
  }

  @Provide
  Arbitrary<JsonNode> connects() {
    List<String> words = List.of("connect", "control", "prompter", "viewer", "$control", "$prompter", "$admin",
        "fan-1", "v1.fan-1.9999999999.00", "v1..1.x");
    return Arbitraries.frequencyOf(
        Tuple.of(4, JsonShapes.object(List.of("type", "role", "token", "viewer", "viewerToken", "after"),
            JsonShapes.value(List.of("type"), words, 1)).map(node -> {
              if (!node.has("type")) {
                node.put("type", "connect");
              }
              return (JsonNode) node;
            })),
        Tuple.of(1, JsonShapes.value(List.of("type", "role"), words, 2)));
  }
}
