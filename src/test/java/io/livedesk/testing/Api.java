package io.livedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A plain HTTP client for tests: every call returns status and parsed JSON body. */
public final class Api {

  /** A response: its status and body (JSON when the body was JSON, else null). */
  public record Response(int status, JsonNode json, String text) {

    public String errorCode() {
      return json == null ? null : json.path("error").path("code").asText(null);
    }
  }

  /** A created show with its tokens. */
  public record Show(String id, String controlToken, String prompterToken) {}

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<String> baseUrl;
  private final HttpClient client;

  public Api(String baseUrl) {
    this(() -> baseUrl);
  }

  /** A client of a server whose address may change, as a restarted one's does. */
  public Api(Supplier<String> baseUrl) {
    this(baseUrl, CLIENT);
  }

  /** A client going through {@code client}, e.g. one that trusts a test's own certificate. */
  public Api(Supplier<String> baseUrl, HttpClient client) {
    this.baseUrl = baseUrl;
    this.client = client;
  }

  public Response send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String type = response.headers().firstValue("content-type").orElse("");
      if (type.startsWith("application/json")) {
        json = Json.parse(response.body());
      }
      return new Response(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  public Response post(String path, Map<String, String> headers, Object body) {
    return send("POST", path, withJson(headers), Json.bytes(body));
  }

  private static Map<String, String> withJson(Map<String, String> headers) {
    java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json");
    return all;
  }

  public static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  public static Map<String, String> viewer(String viewerId) {
    return Map.of("X-Viewer", viewerId);
  }

  /** Creates a show as the admin. */
  public Show createShow(String title) {
    return createShow(title, Json.object());
  }

  /** Creates a show as the admin with these options beside its title (docs/protocol.md §REST). */
  public Show createShow(String title, ObjectNode options) {
    ObjectNode body = options.deepCopy();
    body.put("title", title);
    Response created = post("/api/shows", bearer(TestServer.ADMIN_TOKEN), body);
    if (created.status() != 201) {
      throw new IllegalStateException("could not create a show: " + created.text());
    }
    return new Show(created.json().get("id").asText(), created.json().get("controlToken").asText(),
        created.json().get("prompterToken").asText());
  }

  /** Loads the sample run-sheet (CSV) into a show. */
  public Response loadSampleSheet(Show show) {
    try {
      byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
      return send("PUT", "/api/shows/" + show.id() + "/runsheet",
          Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "text/csv"), csv);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a show, loads the sample sheet and starts it. */
  public Show liveSampleShow(String title) {
    return liveSampleShow(title, Json.object());
  }

  public Show liveSampleShow(String title, ObjectNode options) {
    Show show = createShow(title, options);
    loadSampleSheet(show);
    command(show.controlToken(), show.id(), "show.start", Json.object());
    return show;
  }

  public Response command(String token, String showId, String cmd, ObjectNode args) {
    ObjectNode body = Json.object();
    body.put("cmd", cmd);
    body.set("args", args);
    return post("/api/shows/" + showId + "/commands", bearer(token), body);
  }

  public Response viewerCommand(String viewerId, String showId, String cmd, ObjectNode args) {
    ObjectNode body = Json.object();
    body.put("cmd", cmd);
    body.set("args", args);
    return post("/api/shows/" + showId + "/commands", viewer(viewerId), body);
  }

  /** The show's whole journal as the control room reads it; anything but a 200 fails the test. */
  public List<JsonNode> events(Show show) {
    Response response = get("/api/shows/" + show.id() + "/events?limit=10000", bearer(show.controlToken()));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    response.json().get("events").forEach(events::add);
    return events;
  }

  public static ObjectNode args(Object... pairs) {
    ObjectNode node = Json.object();
    for (int i = 0; i < pairs.length; i += 2) {
      node.set((String) pairs[i], Json.tree(pairs[i + 1]));
    }
    return node;
  }
}
