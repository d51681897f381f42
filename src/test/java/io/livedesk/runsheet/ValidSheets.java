package io.livedesk.runsheet;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.Tier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Run-sheets that obey every rule of {@code RunSheetImport}, written the way the import gives them back:
 * names trimmed, blank optional text absent, selling points trimmed and without {@code |}, tiers rising
 * in units and falling in price. Texts hold what breaks naive CSV: commas, quotes, line breaks, CJK, emoji.
 * Lists stay short to keep tries quick; the longest lists the rules allow have an example of their own.
 */
final class ValidSheets {

  private static final long MAX_CENTS = 10_000_000_000L;
  private static final long MAX_UNITS = 1_000_000_000L;

  private ValidSheets() {
  }

  static Arbitrary<RunSheet> sheets() {
    return Combinators.combine(optionalText(RunSheetImport.MAX_SCRIPT_LENGTH), optionalText(RunSheetImport.MAX_SCRIPT_LENGTH),
            items()).as(RunSheet::new);
  }

  private static Arbitrary<List<ItemSpec>> items() {
    return item().list().ofMinSize(1).ofMaxSize(5)
        .filter(list -> list.stream().map(ItemSpec::id).distinct().count() == list.size());
  }

  private static Arbitrary<ItemSpec> item() {
    return Arbitraries.of(ItemRole.values()).flatMap(role -> {
      boolean sold = role != ItemRole.LOTTERY;
      long least = sold ? 1 : 0;
      return Arbitraries.longs().between(least, MAX_CENTS).withDistribution(net.jqwik.api.RandomDistribution.biased())
          .flatMap(list -> Arbitraries.longs().between(least, list).flatMap(live -> {
            Arbitrary<Long> floor = Arbitraries.longs().between(0, live).injectNull(0.4);
            Arbitrary<List<Tier>> tiers = sold ? tiers(live) : Arbitraries.just(List.of());
            Arbitrary<Integer> winners = sold ? Arbitraries.just(0) : Arbitraries.integers().between(1, 1_000_000);
            long defaultSeconds = role == ItemRole.MAIN ? ItemSpec.DEFAULT_MAIN_SECONDS : 0;
            return Builders.withBuilder(() -> new Draft(role, list, live))
                .use(id()).in((draft, id) -> draft.with(d -> d.id = id))
                .use(name()).in((draft, name) -> draft.with(d -> d.name = name))
                .use(floor).in((draft, value) -> draft.with(d -> d.floor = value))
                .use(Arbitraries.longs().between(0, MAX_UNITS)).in((draft, value) -> draft.with(d -> d.stock = value))
                .use(Arbitraries.integers().between(1, Integer.MAX_VALUE).injectNull(0.5))
                .in((draft, value) -> draft.with(d -> d.limit = value))
                .use(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(defaultSeconds)),
                    Tuple.of(1, Arbitraries.longs().between(0, 86_400))))
                .in((draft, value) -> draft.with(d -> d.planned = value))
                .use(optionalText(RunSheetImport.MAX_SCRIPT_LENGTH)).in((draft, value) -> draft.with(d -> d.script = value))
                .use(sellingPoints()).in((draft, value) -> draft.with(d -> d.points = value))
                .use(address().injectNull(0.6)).in((draft, value) -> draft.with(d -> d.link = value))
                .use(address().injectNull(0.6)).in((draft, value) -> draft.with(d -> d.image = value))
                .use(tiers).in((draft, value) -> draft.with(d -> d.tiers = value))
                .use(winners).in((draft, value) -> draft.with(d -> d.winners = value))
                .build(Draft::spec);
          }));
    });
  }

  /** An item being built; the builder keeps one per generated item. */
  private static final class Draft {
    final ItemRole role;
    final long list;
    final long live;
    String id;
    String name;
    Long floor;
    long stock;
    Integer limit;
    long planned;
    String script;
    List<String> points = List.of();
    String link;
    String image;
    List<Tier> tiers = List.of();
    int winners;

    Draft(ItemRole role, long list, long live) {
      this.role = role;
      this.list = list;
      this.live = live;
    }

    Draft with(java.util.function.Consumer<Draft> change) {
      change.accept(this);
      return this;
    }

    ItemSpec spec() {
      return new ItemSpec(id, role, name, list, live, floor, stock, limit, planned, script, points, link, image,
          tiers, winners);
    }
  }

  private static Arbitrary<String> id() {
    return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
        .withChars("._-").ofMinLength(1).ofMaxLength(RunSheetImport.MAX_ID_LENGTH);
  }

  /** A name as the import keeps it: trimmed, not blank, at most 200 characters. */
  private static Arbitrary<String> name() {
    return text(RunSheetImport.MAX_NAME_LENGTH);
  }

  private static Arbitrary<List<String>> sellingPoints() {
    return text(RunSheetImport.MAX_NAME_LENGTH).filter(point -> point.indexOf('|') < 0)
        .list().ofMaxSize(6);
  }

  private static Arbitrary<String> optionalText(int maxLength) {
    return text(maxLength).injectNull(0.3);
  }

  /**
   * Trimmed, not blank text of at most {@code maxLength} code points, mixing what a CSV writer must quote
   * and characters outside the basic plane.
   */
  private static Arbitrary<String> text(int maxLength) {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().withCharRange('a', 'z').withChars(" ,\"\r\n\t;|:'").ofMinLength(1).ofMaxLength(12)),
        Tuple.of(3, Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').withChars("，。！、（）\u3000").ofMinLength(1)
            .ofMaxLength(12)),
        Tuple.of(1, Arbitraries.of("😀", "🍒", "\u200b", "\u00a0", "é", "\u202e", "=SUM(A1)", "\ufeff")),
        Tuple.of(1, Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20)),
        Tuple.of(1, Arbitraries.integers().between(1, maxLength).map("长"::repeat)));
    return piece.list().ofMinSize(1).ofMaxSize(5).map(pieces -> String.join("", pieces))
        .map(String::trim)
        .map(text -> text.codePointCount(0, text.length()) > maxLength
            ? text.substring(0, text.offsetByCodePoints(0, maxLength)).trim() : text)
        .filter(text -> !text.isBlank());
  }

  private static Arbitrary<String> address() {
    return Combinators.combine(Arbitraries.of("http://", "https://", "HTTPS://"),
        Arbitraries.strings().withCharRange('a', 'z').withChars("./?=&%-_~#").ofMinLength(1).ofMaxLength(80))
        .as(String::concat);
  }

  /** Steps with more units and a lower price each, the first at most the live price. */
  private static Arbitrary<List<Tier>> tiers(long live) {
    return Arbitraries.longs().between(1, MAX_UNITS).list().ofMaxSize(6)
        .map(units -> {
          Set<Long> seen = new HashSet<>();
          List<Long> rising = units.stream().filter(seen::add).sorted().toList();
          List<Tier> steps = new ArrayList<>();
          long price = live;
          for (long minUnits : rising) {
            if (price < 0) {
              break;
            }
            steps.add(new Tier(minUnits, price));
            price = price - 1 - price / 3;
          }
          return steps;
        });
  }
}
