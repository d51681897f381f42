package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.CHERRY;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.PRIZE;
import static io.livedesk.show.Sheet.ended;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.AddStock;
import io.livedesk.show.Command.DelistItem;
import io.livedesk.show.Command.ListItem;
import io.livedesk.show.Command.RevertPrice;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Command.SetStock;
import io.livedesk.show.Event.ItemDelisted;
import io.livedesk.show.Event.ItemListed;
import io.livedesk.show.Event.PriceChanged;
import io.livedesk.show.Event.SoldOut;
import io.livedesk.show.Event.StockChanged;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("item.list, item.delist, prices and stock")
class ShelfPriceStockTest {

  @Nested
  @DisplayName("item.list and item.delist")
  class Shelf {

    @Test
    @DisplayName("an item goes on the shelf and off it; asking twice changes nothing")
    void listAndDelist() {
      Scenario show = given(live());

      show.when(new ListItem(GRAPE)).then(new ItemListed(GRAPE));
      show.when(new ListItem(GRAPE)).thenNothing();
      assertThat(show.state().item(GRAPE).status()).isEqualTo("on_shelf");
      show.when(new DelistItem(GRAPE)).then(new ItemDelisted(GRAPE));
      show.when(new DelistItem(GRAPE)).thenNothing();
      assertThat(show.state().item(GRAPE).status()).isEqualTo("off_shelf");
    }

    @Test
    @DisplayName("the shelf is for a live show only: SHOW_NOT_LIVE before, SHOW_ENDED after")
    void needsLiveShow() {
      given(loaded()).when(new ListItem(GRAPE)).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
      given(loaded()).when(new DelistItem(GRAPE)).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
      given(live()).and(ended()).when(new ListItem(GRAPE)).rejectedWith(ErrorCode.SHOW_ENDED);
      given(live()).and(ended()).when(new DelistItem(GRAPE)).rejectedWith(ErrorCode.SHOW_ENDED);
    }

    @Test
    @DisplayName("an unknown item is NOT_FOUND; a lottery prize is not sold and cannot be listed")
    void badItem() {
      given(live()).when(new ListItem("NO-SUCH")).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new DelistItem("NO-SUCH")).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new ListItem(PRIZE)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new ListItem(" ")).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Nested
  @DisplayName("item.set_price and item.revert_price")
  class Price {

    @Test
    @DisplayName("a modest cut is applied at once and answered with the new price")
    void modestCut() {
      Scenario show = given(live());

      assertThat(show.when(new SetPrice(CHERRY, 39_900, false)).then(new PriceChanged(CHERRY, 44_900, 39_900, false, false)))
          .containsEntry("priceCents", 39_900L);

      assertThat(show.state().item(CHERRY).livePriceCents()).isEqualTo(39_900);
      assertThat(show.state().priceChanges()).singleElement()
          .satisfies(change -> assertThat(change.by()).isEqualTo(Actor.CONTROL));
    }

    @Test
    @DisplayName("PRICE_GUARD: a price under the floor needs confirm: true")
    void belowFloor() {
      ShowError error = given(live()).when(new SetPrice(CHERRY, 29_899, false)).rejectedWith(ErrorCode.PRICE_GUARD);
      assertThat(error.getMessage()).contains("floor").contains("confirm");

      given(live()).when(new SetPrice(CHERRY, 29_900, false)).then(new PriceChanged(CHERRY, 44_900, 29_900, false, false));
      given(live()).when(new SetPrice(CHERRY, 29_899, true)).then(new PriceChanged(CHERRY, 44_900, 29_899, true, false));
    }

    @Test
    @DisplayName("PRICE_GUARD: a cut of more than half the list price needs confirm: true; exactly half does not")
    void deepCut() {
      ShowError error = given(live()).when(new SetPrice(GRAPE, 6_399, false)).rejectedWith(ErrorCode.PRICE_GUARD);
      assertThat(error.getMessage()).contains("50%");

      given(live()).when(new SetPrice(GRAPE, 6_400, false)).then(new PriceChanged(GRAPE, 8_800, 6_400, false, false));
      given(live()).when(new SetPrice(GRAPE, 1, true)).then(new PriceChanged(GRAPE, 8_800, 1, true, false));
    }

    @Test
    @DisplayName("the guard's fraction is configurable")
    void configuredGuard() {
      ShowRules strict = new ShowRules(2_000, ShowRules.DEFAULT_ORDER_HOLD_MILLIS, false);
      Scenario.given(strict, live()).when(new SetPrice(GRAPE, 10_239, false)).rejectedWith(ErrorCode.PRICE_GUARD);
      Scenario.given(strict, live()).when(new SetPrice(GRAPE, 10_240, false))
          .then(new PriceChanged(GRAPE, 8_800, 10_240, false, false));
    }

    @Test
    @DisplayName("a price above the list price, zero or negative is refused, whatever confirm says")
    void outOfRange() {
      given(live()).when(new SetPrice(CHERRY, 49_901, true)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new SetPrice(CHERRY, 0, true)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new SetPrice(CHERRY, -100, true)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new SetPrice(CHERRY, 49_900, false)).then(new PriceChanged(CHERRY, 44_900, 49_900, false, false));
    }

    @Test
    @DisplayName("setting the price it already has changes nothing")
    void samePrice() {
      assertThat(given(live()).when(new SetPrice(CHERRY, 44_900, false)).thenNothing()).containsEntry("priceCents", 44_900L);
    }

    @Test
    @DisplayName("prices can be set before the start, not after the end; unknown items and prizes are refused")
    void priceRejected() {
      given(loaded()).when(new SetPrice(GRAPE, 7_900, false)).then(new PriceChanged(GRAPE, 8_800, 7_900, false, false));
      given(live()).and(ended()).when(new SetPrice(GRAPE, 7_900, false)).rejectedWith(ErrorCode.SHOW_ENDED);
      given(live()).when(new SetPrice("NO-SUCH", 7_900, false)).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new SetPrice(PRIZE, 7_900, false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    @DisplayName("revert_price steps back through every change, then has nothing to revert")
    void revertAfterTwoChanges() {
      Scenario show = given(live());
      show.when(new SetPrice(CHERRY, 40_000, false)).then(new PriceChanged(CHERRY, 44_900, 40_000, false, false));
      show.when(new SetPrice(CHERRY, 35_000, false)).then(new PriceChanged(CHERRY, 40_000, 35_000, false, false));

      assertThat(show.when(new RevertPrice(CHERRY)).then(new PriceChanged(CHERRY, 35_000, 40_000, false, true)))
          .containsEntry("priceCents", 40_000L);
      show.when(new RevertPrice(CHERRY)).then(new PriceChanged(CHERRY, 40_000, 44_900, false, true));
      show.when(new RevertPrice(CHERRY)).rejectedWith(ErrorCode.CONFLICT);

      assertThat(show.state().item(CHERRY).livePriceCents()).isEqualTo(44_900);
      assertThat(show.state().priceChanges()).extracting(PriceChange::revert).containsExactly(false, false, true, true);
    }

    @Test
    @DisplayName("revert_price with no change to revert is a conflict; unknown, prize and ended are refused")
    void revertRejected() {
      ShowError error = given(live()).when(new RevertPrice(GRAPE)).rejectedWith(ErrorCode.CONFLICT);
      assertThat(error.getMessage()).contains("no price change");
      given(live()).when(new RevertPrice("NO-SUCH")).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new RevertPrice(PRIZE)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).and(new PriceChanged(GRAPE, 8_800, 7_900, false, false), ended())
          .when(new RevertPrice(GRAPE)).rejectedWith(ErrorCode.SHOW_ENDED);
    }
  }

  @Nested
  @DisplayName("item.set_stock and item.add_stock")
  class Stock {

    @Test
    @DisplayName("set_stock sets what is left to sell and says by how much it moved")
    void setStock() {
      Scenario show = given(live());

      assertThat(show.when(new SetStock(GRAPE, 450)).then(new StockChanged(GRAPE, 450, -50))).containsEntry("stock", 450L);
      assertThat(show.when(new SetStock(GRAPE, 450)).thenNothing()).containsEntry("stock", 450L);
      assertThat(show.state().item(GRAPE).stock()).isEqualTo(450);
    }

    @Test
    @DisplayName("stock set to zero on the shelf sells the item out; off the shelf it does not")
    void stockToZero() {
      given(live()).and(new ItemListed(GRAPE)).when(new SetStock(GRAPE, 0))
          .then(new StockChanged(GRAPE, 0, -500), new SoldOut(GRAPE));
      given(live()).when(new SetStock(GRAPE, 0)).then(new StockChanged(GRAPE, 0, -500));
    }

    @Test
    @DisplayName("add_stock adds and removes; it may empty the item but never leave it negative")
    void addStock() {
      Scenario show = given(live());

      show.when(new AddStock(GRAPE, 100)).then(new StockChanged(GRAPE, 600, 100));
      show.when(new AddStock(GRAPE, -601)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      show.when(new AddStock(GRAPE, -600)).then(new StockChanged(GRAPE, 0, -600));
      show.when(new AddStock(GRAPE, 0)).thenNothing();
    }

    @Test
    @DisplayName("set_stock with the stock expected compares and sets; a stale expectation is CONFLICT and changes nothing")
    void compareAndSet() {
      Scenario show = given(live());

      show.when(Actor.SHOP, new SetStock(GRAPE, 450, 500L)).then(new StockChanged(GRAPE, 450, -50));
      ShowError stale = show.when(Actor.SHOP, new SetStock(GRAPE, 400, 500L)).rejectedWith(ErrorCode.CONFLICT);
      assertThat(stale.getMessage()).contains("450");
      show.when(new SetStock(GRAPE, 400, 500L)).rejectedWith(ErrorCode.CONFLICT);
      assertThat(show.state().item(GRAPE).stock()).isEqualTo(450);
      assertThat(show.history().get(show.history().size() - 1).actor()).isEqualTo(Actor.SHOP);
      show.when(Actor.SHOP, new AddStock(GRAPE, 50)).then(new StockChanged(GRAPE, 500, 50));
    }

    @Test
    @DisplayName("negative stock, unknown items, prizes and an ended show are refused")
    void stockRejected() {
      given(live()).when(new SetStock(GRAPE, -1)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new SetStock("NO-SUCH", 5)).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new AddStock("NO-SUCH", 5)).rejectedWith(ErrorCode.NOT_FOUND);
      given(live()).when(new SetStock(PRIZE, 5)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).when(new AddStock(GRAPE, Long.MAX_VALUE)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
      given(live()).and(ended()).when(new SetStock(GRAPE, 5)).rejectedWith(ErrorCode.SHOW_ENDED);
      given(live()).and(ended()).when(new AddStock(GRAPE, 5)).rejectedWith(ErrorCode.SHOW_ENDED);
    }

    @Test
    @DisplayName("stock can be prepared before the start")
    void stockInDraft() {
      given(loaded()).when(new AddStock(GRAPE, 20)).then(new StockChanged(GRAPE, 520, 20));
    }
  }
}
