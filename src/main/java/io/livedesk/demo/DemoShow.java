package io.livedesk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.Engine;
import io.livedesk.engine.LiveShow;
import io.livedesk.http.ApiServer;
import io.livedesk.json.Json;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Request;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The sample show of {@code --demo}: a rehearsal show from the project's own sample run-sheet, live at
 * once, with a simulated audience and an autopilot. It is reused across restarts (its tokens are kept
 * in the data directory, which only the operator can read) until it has ended.
 */
public final class DemoShow {

  static final String TITLE = "鲜果时光 · 演示专场 (demo)";
  static final String FILE = "demo-show.json";
  public static final int AUDIENCE = 300;

  /** Where the demo show's four screens are, tokens included. */
  public record Addresses(String showId, String console, String prompter, String viewer, String report) {

    public List<String> lines() {
      return List.of(
          "demo show " + showId + " (rehearsal) is live:",
          "  console   " + console,
          "  prompter  " + prompter,
          "  viewer    " + viewer,
          "  report    " + report);
    }
  }

  private DemoShow() {
  }

  public static Future<Addresses> open(Vertx vertx, Engine engine, ApiServer api, Path dataDir, String baseUrl,
      LongSupplier clock) {
    Path file = dataDir.resolve(FILE);
    return vertx.executeBlocking(() -> Files.isRegularFile(file) ? Json.parse(Files.readAllBytes(file)) : null, false)
        .compose(saved -> reuse(engine, saved).recover(none -> create(vertx, api, engine, file)))
        .compose(tokens -> engine.show(tokens.get("id").asText()).compose(show -> {
          new SimulatedAudience(vertx, show, AUDIENCE, clock.getAsLong(), clock).start();
          new DemoAutopilot(vertx, show, clock).start();
          String id = tokens.get("id").asText();
          String control = tokens.get("controlToken").asText();
          String prompter = tokens.get("prompterToken").asText();
          return Future.succeededFuture(new Addresses(id,
              baseUrl + "/console/?show=" + id + "#token=" + control,
              baseUrl + "/prompter/?show=" + id + "#token=" + prompter,
              baseUrl + "/viewer/?show=" + id,
              baseUrl + "/report/?show=" + id + "#token=" + control));
        }));
  }

  /** The saved demo show if it still exists and has not ended. */
  private static Future<JsonNode> reuse(Engine engine, JsonNode saved) {
    if (saved == null || !saved.hasNonNull("id")) {
      return Future.failedFuture("no saved demo show");
    }
    return engine.show(saved.get("id").asText())
        .compose(show -> show.query((state, figures, now) -> state.status()))
        .compose(status -> status == ShowStatus.ENDED
            ? Future.failedFuture("the saved demo show has ended") : Future.succeededFuture(saved));
  }

  private static Future<JsonNode> create(Vertx vertx, ApiServer api, Engine engine, Path file) {
    return api.createShow(TITLE, null, 120, true).compose(created -> {
      String id = created.get("id").asText();
      return vertx.executeBlocking(() -> {
        Files.write(file, Json.bytes(created));
        return sampleSheet();
      }, false).compose(sheet -> engine.show(id).compose(show -> begin(show, sheet))).map(v -> (JsonNode) created);
    });
  }

  private static Future<Void> begin(LiveShow show, RunSheet sheet) {
    return show.execute(Request.of(Actor.CONTROL, new Command.LoadRunSheet(sheet)))
        .compose(v -> show.execute(Request.of(Actor.CONTROL, new Command.StartShow())))
        .mapEmpty();
  }

  static RunSheet sampleSheet() throws IOException {
    try (InputStream in = DemoShow.class.getResourceAsStream("/demo/sample-runsheet.csv")) {
      if (in == null) {
        throw new IOException("the demo run-sheet is missing from the jar");
      }
      return RunSheetImport.fromCsv(in.readAllBytes()).sheet();
    }
  }
}
