package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Scenario 6: promotions under a crowd already in the room. 5,000 buyers are connected over WebSocket
 * before anything starts and order another item, once each a second, until the server's compilers have
 * caught up with the show's selling (the show is warm); then a flash sale of 500 units meets their orders
 * spread over its first second, another meets all of them at one instant, and a coupon of 1,000 meets
 * 5,000 claims at one instant.
 * Orders carry the flash price they saw ({@code expectPriceCents}), as a storefront's do, so a buyer who
 * comes after the last unit is told the price now ({@code CONFLICT}) and nobody buys at the usual price.
 */
final class PromoBench {

  static final String SCENARIO = "6 promotions";
  static final int BUYERS = 5_000;
  static final int FLASH_UNITS = 500;
  static final int COUPONS = 1_000;
  static final long FLASH_PRICE = 2_900;
  /** The server has two cores: the least time 5,000 commands can take is their CPU over two. */
  private static final int CORES = 2;
  private static final int GENERATORS = 2;
  /** The show is warm once the compilers took less than this share of a warm-up round's server CPU. */
  private static final double WARM_COMPILER_SHARE = 0.10;

  private final Bench bench;
  private final Results results;
  private final int warmupRounds;

  /** {@code warmupRounds}: at most this many rounds of ordinary orders before the sale, at least one. */
  PromoBench(Bench bench, Results results, int warmupRounds) {
    this.bench = bench;
    this.results = results;
    this.warmupRounds = Math.max(1, warmupRounds);
  }

  void run(String setup) throws Exception {
    List<ServerProcess> nodes = bench.deploy(setup, "promo", 2);
    String name = setup + (nodes.size() > 1 ? " (" + nodes.size() + " nodes)" : "");
    List<LoadProcess> generators = new ArrayList<>();
    try {
      BenchShow show = BenchShow.live(nodes.get(0).port(), "promotions bench");
      for (int p = 0; p < GENERATORS; p++) {
        generators.add(LoadProcess.start(buyerArgs(nodes.get(p % nodes.size()), show, p)));
      }
      int connected = Bench.readyCount(generators);
      conditions(setup, nodes.size());
      results.add(SCENARIO, name, "buyers connected before the sale", connected, "sockets", "5,000");
      warmUp(name, nodes, generators);
      flashSale(name, show, nodes, generators, BenchShow.PROMO_SPREAD, 1_000_000, "first second");
      flashSale(name, show, nodes, generators, BenchShow.PROMO_BURST, 0, "one burst");
      couponRace(name, show, nodes, generators);
    } finally {
      for (LoadProcess generator : generators) {
        generator.close();
      }
      Bench.stop(nodes);
    }
  }

  /**
   * A sale starts in a show already selling: rounds of the same buyers' orders of another item, each
   * spread over a second, until the compilers take less than a tenth of a round's server CPU (or the
   * rounds run out), so a fresh server's compilation is not what the sale's first second measures. One
   * round alone left them at about two thirds of the CPU of the sale's first second on a 2-core machine
   * (docs/benchmarks.md §Issue 19, fourth evening). The sale's own code runs for the first time in it.
   */
  private void warmUp(String name, List<ServerProcess> nodes, List<LoadProcess> generators) throws Exception {
    int rounds = 0;
    double compilerShare = 1;
    while (rounds < warmupRounds && compilerShare >= WARM_COMPILER_SHARE) {
      Round warm = fire(nodes, generators, "order.place", Json.object().put("itemId", BenchShow.FLOW).put("qty", 1),
          1_000_000);
      rounds++;
      compilerShare = compilerSeconds(warm) / Math.max(1e-9, warm.cpuSeconds());
      System.out.println(String.format(Locale.ROOT, "  (warm-up round %d, not counted: %d orders of another item over"
          + " 1 s, ack p99 %.1f ms, compilers %.0f %% of the server's CPU)", rounds, warm.count("OK"),
          Latency.ms(warm.latency().getValueAtPercentile(99)), 100 * compilerShare));
    }
    results.add(SCENARIO, name, "warm-up rounds before the sale (5,000 orders over 1 s each)", rounds, "rounds", null);
    results.add(SCENARIO, name, "compilers' share of the last warm-up round's server CPU", 100 * compilerShare, "%",
        "< " + Math.round(100 * WARM_COMPILER_SHARE) + " %");
  }

  /** What the JIT compilers' threads spent in a round. */
  private static double compilerSeconds(Round round) {
    return round.threadSeconds().entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  /** The run's conditions, printed and kept in results.json: the machine is shared unless it says otherwise. */
  private void conditions(String setup, int nodes) throws java.io.IOException {
    results.conditions("promo-" + setup, BUYERS + " buyers over WebSocket from " + GENERATORS
        + " generator processes, " + nodes + " server node(s)").put("buyers", BUYERS)
        .put("generatorProcesses", GENERATORS).put("serverNodes", nodes).put("flashUnits", FLASH_UNITS)
        .put("coupons", COUPONS);
  }

  /** Buyers of one generator, from a source address of their own, interleaved with the other's in a window. */
  private static Map<String, String> buyerArgs(ServerProcess server, BenchShow show, int p) {
    Map<String, String> genArgs = new HashMap<>();
    genArgs.put("mode", "promo-ws");
    genArgs.put("host", "127.0.0.1");
    genArgs.put("port", String.valueOf(server.port()));
    genArgs.put("show", show.id);
    genArgs.put("sockets", String.valueOf(BUYERS / GENERATORS));
    genArgs.put("prefix", "promo" + p + "-");
    genArgs.put("address", "127.0.0." + (40 + p));
    genArgs.put("slot", String.valueOf(p));
    genArgs.put("slots", String.valueOf(GENERATORS));
    return genArgs;
  }

  /** A sale of 500 units that starts now, met by every buyer's order over {@code spreadMicros} from 100 ms on. */
  private void flashSale(String name, BenchShow show, List<ServerProcess> nodes, List<LoadProcess> generators,
      String item, long spreadMicros, String phase) throws Exception {
    JsonNode scheduled = show.command("flash.schedule", Json.object().put("itemId", item).put("priceCents", FLASH_PRICE)
        .put("startInSeconds", 0).put("durationSeconds", 600).put("stock", FLASH_UNITS).put("confirm", true));
    String flashId = scheduled.path("result").path("flashId").asText();
    ObjectNode order = Json.object().put("itemId", item).put("qty", 1).put("expectPriceCents", FLASH_PRICE);
    Round round = fire(nodes, generators, "order.place", order, spreadMicros);
    JsonNode snapshot = show.snapshot();
    JsonNode sale = find(snapshot.get("flashes"), "flashId", flashId);
    JsonNode sold = find(snapshot.get("items"), "id", item);
    String figure = "flash, " + phase + ": ";
    results.add(SCENARIO, name, figure + "orders accepted", round.count("OK"), "orders", "exactly " + FLASH_UNITS);
    results.add(SCENARIO, name, figure + "units sold in the sale", sale.path("sold").asLong(), "units",
        "exactly " + FLASH_UNITS);
    results.add(SCENARIO, name, figure + "units of the item sold", sold.path("sold").asLong(), "units",
        "exactly " + FLASH_UNITS);
    results.add(SCENARIO, name, figure + "told the price now (CONFLICT)", round.count("CONFLICT"), "answers",
        (BUYERS - FLASH_UNITS) + "");
    reportRound(name, figure, round, spreadMicros > 0 ? "p99 ≤ 100 ms" : null,
        spreadMicros > 0 ? null : "≤ 1,000 ms", "order");
  }

  /** A coupon of 1,000 issued now, claimed by every buyer at the same instant 100 ms on. */
  private void couponRace(String name, BenchShow show, List<ServerProcess> nodes, List<LoadProcess> generators)
      throws Exception {
    show.command("coupon.create", Json.object().put("couponId", "BENCH-COUPON").put("name", "压测立减券")
        .put("amountOffCents", 500).put("total", COUPONS).put("confirm", true));
    show.command("coupon.issue", Json.object().put("couponId", "BENCH-COUPON"));
    Round round = fire(nodes, generators, "coupon.claim", Json.object().put("couponId", "BENCH-COUPON"), 0);
    JsonNode coupon = find(show.snapshot().get("coupons"), "couponId", "BENCH-COUPON");
    String figure = "coupon, one burst: ";
    results.add(SCENARIO, name, figure + "claims accepted", round.count("OK"), "claims", "exactly " + COUPONS);
    results.add(SCENARIO, name, figure + "claimed per the server", coupon.path("claimed").asLong(), "coupons",
        "exactly " + COUPONS);
    results.add(SCENARIO, name, figure + "SOLD_OUT answers", round.count("SOLD_OUT"), "answers",
        (BUYERS - COUPONS) + "");
    reportRound(name, figure, round, null, "≤ 1,000 ms", "claim");
  }

  /** What every generator measured of one command per buyer, with the server's CPU meanwhile. */
  private record Round(Map<String, Long> outcomes, long unanswered, Histogram latency, long lastAnswerMillis,
      double cpuSeconds, double systemSeconds, Map<String, Double> threadSeconds) {
    long count(String outcome) {
      return outcomes.getOrDefault(outcome, 0L);
    }
  }

  private static Round fire(List<ServerProcess> nodes, List<LoadProcess> generators, String command, ObjectNode args,
      long spreadMicros) throws Exception {
    long at = Micros.now() + 100_000;
    ObjectNode fire = Json.object().put("cmd", "fire").put("at", at).put("spreadMicros", spreadMicros)
        .put("command", command);
    fire.set("args", args);
    double cpuBefore = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum();
    double systemBefore = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum();
    Map<String, Double> threadsBefore = Bench.threadGroupSeconds(nodes);
    for (LoadProcess generator : generators) {
      generator.send(fire);
    }
    Map<String, Long> outcomes = new HashMap<>();
    Histogram latency = Latency.histogram();
    long unanswered = 0;
    long last = at;
    for (LoadProcess generator : generators) {
      JsonNode done = generator.read();
      done.get("outcomes").fields().forEachRemaining(e -> outcomes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      latency.add(Latency.decode(done.get("histogram").asText()));
      unanswered += done.path("unanswered").asLong();
      last = Math.max(last, done.path("lastAnswer").asLong());
    }
    double cpu = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum() - cpuBefore;
    double system = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum() - systemBefore;
    Map<String, Double> threads = Bench.threadSecondsSince(threadsBefore, nodes);
    if (nodes.size() > 1) {
      Thread.sleep(1_000); // the snapshot read next may come from a node that has not caught up yet
    }
    System.out.println("  (" + command + " answers: " + outcomes + ", unanswered " + unanswered + ")");
    return new Round(outcomes, unanswered, latency, (last - at) / 1000, cpu, system, threads);
  }

  /**
   * Latency, the last answer counted from the first command's instant, and the server's CPU per command:
   * the CPU read from /proc over the whole round (the commands, their answers and the frames every buyer
   * gets about them) divided by the 5,000 commands, and the floor that sets on two cores.
   */
  private void reportRound(String name, String figure, Round round, String latencyTarget, String lastTarget,
      String unit) {
    bench.addLatency(SCENARIO, name, figure + "ack latency", round.latency(), latencyTarget);
    results.add(SCENARIO, name, figure + "last answer after the first command", round.lastAnswerMillis(), "ms",
        lastTarget);
    results.add(SCENARIO, name, figure + "unanswered", round.unanswered(), "commands", "0");
    double perCommand = round.cpuSeconds() / BUYERS;
    results.add(SCENARIO, name, figure + "server CPU per " + unit, perCommand * 1e6, "µs", null);
    results.add(SCENARIO, name, figure + "  of which in the kernel", round.systemSeconds() / BUYERS * 1e6, "µs", null);
    results.add(SCENARIO, name, figure + "floor: 5,000 × CPU on " + CORES + " cores", BUYERS * perCommand / CORES * 1e3,
        "ms", null);
    System.out.println(String.format(Locale.ROOT, "  (server CPU over the round: %.2f s; µs per %s by thread: %s)",
        round.cpuSeconds(), unit, Bench.microsByThread(round.threadSeconds(), BUYERS)));
  }

  private static JsonNode find(JsonNode list, String field, String id) {
    for (JsonNode node : list) {
      if (id.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new IllegalStateException("no " + id + " in " + Json.text(list));
  }
}
