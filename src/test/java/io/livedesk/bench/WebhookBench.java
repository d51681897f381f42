package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.Futures;
import io.livedesk.testing.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Scenario 8: webhooks in a flash sale. Orders come at 10,000 a second (REST, as the flash sale's sustained
 * phase) for {@code webhookSeconds} while one webhook takes {@code order.placed} to a receiver in this
 * process answering after 5 ms, then after 500 ms. The receiver times each event from its {@code ts} (the
 * server's clock, the same machine's) to its arrival and counts distinct ids; after the orders stop it waits
 * {@code webhookDrainSeconds} more. Delivery is one batch of at most 100 events at a time per webhook and
 * show, so a receiver answering in 500 ms takes at most 200 events a second: the figures say how far
 * behind that leaves it, and that the orders are acknowledged as fast either way.
 */
final class WebhookBench {

  static final String SCENARIO = "8 webhooks";
  static final double RATE = 10_000;

  private final Bench bench;
  private final Results results;
  private final Map<String, String> args;

  WebhookBench(Bench bench, Results results, Map<String, String> args) {
    this.bench = bench;
    this.results = results;
    this.args = args;
  }

  void run(String setup) throws Exception {
    int seconds = Integer.parseInt(args.getOrDefault("webhookSeconds", "10"));
    int drain = Integer.parseInt(args.getOrDefault("webhookDrainSeconds", "10"));
    for (int delay : new int[] {5, 500}) {
      List<ServerProcess> nodes = bench.deploy(setup, "webhooks", 1);
      try (Receiver receiver = new Receiver(delay)) {
        ServerProcess node = nodes.get(0);
        BenchShow show = BenchShow.live(node.port(), "webhooks bench");
        Api.Response created = node.api().post("/api/webhooks", Api.bearer(BenchShow.ADMIN_TOKEN),
            Api.args("url", receiver.url(), "kinds", List.of("order.placed")));
        if (created.status() != 200) {
          throw new IllegalStateException("the webhook was refused: " + created.text());
        }
        List<LoadProcess> generators = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
          Map<String, String> genArgs = bench.orderArgs(node, show, BenchShow.FLOW, p, "REST");
          genArgs.put("durationMs", String.valueOf(seconds * 1000L));
          genArgs.put("viewers", "5000");
          genArgs.put("prefix", "hook-" + delay + "-" + p + "-");
          genArgs.put("concurrency", "64");
          genArgs.put("rate", String.valueOf(RATE / 2));
          genArgs.put("warmupMs", args.getOrDefault("warmupMs", "5000"));
          generators.add(LoadProcess.start(genArgs));
        }
        long from = System.currentTimeMillis();
        Bench.OrderOutcome outcome = Bench.runOrders(generators, nodes);
        long ordersDone = System.currentTimeMillis();
        long deadline = ordersDone + drain * 1000L;
        while (System.currentTimeMillis() < deadline && receiver.received() < outcome.ok()) {
          Thread.sleep(100);
        }
        double window = (System.currentTimeMillis() - from) / 1000.0;
        String name = setup + " receiver " + delay + " ms";
        results.add(SCENARIO, name, "orders acknowledged", outcome.ok(), "orders", null);
        bench.addLatency(SCENARIO, name, "order ack latency", outcome.histogram(), "p99 ≤ 50 ms");
        results.add(SCENARIO, name, "order.placed delivered", receiver.received(), "events", "≥ " + outcome.ok());
        results.add(SCENARIO, name, "delivered per second", receiver.received() / window, "events/s", null);
        results.add(SCENARIO, name, "still to deliver when measured", Math.max(0, outcome.ok() - receiver.received()),
            "events", null);
        bench.addLatency(SCENARIO, name, "delivery lag", receiver.lag(), delay == 5 ? "p99 ≤ 1000 ms" : null);
      } finally {
        Bench.stop(nodes);
      }
    }
  }

  /** A shop's receiver answering every batch after a fixed delay. */
  private static final class Receiver implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Set<String> seen = new HashSet<>();
    private final Histogram lag = Latency.histogram();

    Receiver(int delayMillis) throws Exception {
      server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        long arrived = System.currentTimeMillis();
        vertx.setTimer(delayMillis, t -> {
          record(body.getBytes(), arrived);
          request.response().setStatusCode(204).end();
        });
      }));
      Futures.await(server.listen(0, "127.0.0.1"));
    }

    private synchronized void record(byte[] body, long arrived) {
      try {
        for (JsonNode event : Json.parse(body).get("events")) {
          if (seen.add(event.get("id").asText())) {
            lag.recordValue(Math.max(0, arrived - event.get("ts").asLong()) * 1000);
          }
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort() + "/hook";
    }

    synchronized long received() {
      return seen.size();
    }

    synchronized Histogram lag() {
      return lag.copy();
    }

    @Override
    public void close() throws Exception {
      Futures.await(vertx.close());
    }
  }
}
