package io.livedesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Many clients hitting the server at once over real HTTP: every request is sent without waiting for
 * the others, at most {@code inFlight} at a time so the test stays within the process's open files.
 */
public final class Crowd implements AutoCloseable {

  /** One request of the crowd. */
  public record Call(String path, Map<String, String> headers, byte[] body) {}

  private final String baseUrl;
  private final int inFlight;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client;

  public Crowd(String baseUrl, int inFlight) {
    this.baseUrl = baseUrl;
    this.inFlight = inFlight;
    this.client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** A viewer's command, as {@code POST /api/shows/{id}/commands} with {@code X-Viewer}. */
  public static Call viewerCommand(String showId, String viewerId, String cmd, ObjectNode args) {
    ObjectNode body = Json.object();
    body.put("cmd", cmd);
    body.set("args", args);
    return new Call("/api/shows/" + showId + "/commands",
        Map.of("X-Viewer", viewerId, "Content-Type", "application/json"), Json.bytes(body));
  }

  /** A staff command with the show's bearer token. */
  public static Call staffCommand(String showId, String token, String cmd, ObjectNode args) {
    ObjectNode body = Json.object();
    body.put("cmd", cmd);
    body.set("args", args);
    return new Call("/api/shows/" + showId + "/commands",
        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), Json.bytes(body));
  }

  /** Sends every call concurrently and returns the responses in the calls' order. */
  public List<Api.Response> send(List<Call> calls) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<Api.Response>> pending = new ArrayList<>(calls.size());
    for (Call call : calls) {
      slots.acquire();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
          .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
      call.headers().forEach(request::header);
      pending.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
          .thenApply(Crowd::parsed)
          .whenComplete((response, error) -> slots.release()));
    }
    List<Api.Response> responses = new ArrayList<>(calls.size());
    for (CompletableFuture<Api.Response> response : pending) {
      responses.add(response.join());
    }
    return responses;
  }

  private static Api.Response parsed(HttpResponse<String> response) {
    JsonNode json = null;
    if (response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
      try {
        json = Json.parse(response.body());
      } catch (IOException e) {
        throw new IllegalStateException("unparseable JSON: " + response.body(), e);
      }
    }
    return new Api.Response(response.statusCode(), json, response.body());
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
