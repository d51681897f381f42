package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.live;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.AddStock;
import io.livedesk.show.Command.LoadRunSheet;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Command.SetStock;
import io.livedesk.show.Event.ItemListed;
import io.livedesk.show.Event.StockChanged;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ceilings on stock, prices and quantities hold for every command, whatever sent it")
class CeilingsTest {

  @Test
  @DisplayName("item.set_stock takes up to 1,000,000,000 units and no more")
  void setStockCeiling() {
    Scenario show = given(live());

    show.when(new SetStock(GRAPE, ShowRules.MAX_STOCK + 1)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new SetStock(GRAPE, Long.MAX_VALUE)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new SetStock(GRAPE, ShowRules.MAX_STOCK)).then(new StockChanged(GRAPE, ShowRules.MAX_STOCK,
        ShowRules.MAX_STOCK - 500));
  }

  @Test
  @DisplayName("item.add_stock may not take the stock above the ceiling, so releasing orders can never overflow it")
  void addStockCeiling() {
    Scenario show = given(live());

    show.when(new AddStock(GRAPE, ShowRules.MAX_STOCK - 499)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new AddStock(GRAPE, ShowRules.MAX_STOCK - 500)).then(new StockChanged(GRAPE, ShowRules.MAX_STOCK,
        ShowRules.MAX_STOCK - 500));
    show.when(new AddStock(GRAPE, 1)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    assertThat(show.state().item(GRAPE).stock()).isEqualTo(ShowRules.MAX_STOCK);
  }

  @Test
  @DisplayName("item.set_price above 10,000,000,000 fen is refused")
  void priceCeiling() {
    given(live()).when(new SetPrice(GRAPE, ShowRules.MAX_PRICE_CENTS + 1, true))
        .rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("order.place takes 1 to 999 units")
  void quantityCeiling() {
    Scenario show = given(live()).and(new ItemListed(GRAPE));

    show.when(Actor.viewer("v1"), new PlaceOrder(GRAPE, ShowRules.MAX_ORDER_QTY + 1))
        .rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(Actor.viewer("v1"), new PlaceOrder(GRAPE, 0)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("a run-sheet that did not come through the importer is held to the same ceilings")
  void sheetCeilings() {
    RunSheet tooMuchStock = new RunSheet(null, null, List.of(
        Sheet.item("A", ItemRole.MAIN, 100, 90, null, ShowRules.MAX_STOCK + 1)));
    RunSheet tooDear = new RunSheet(null, null, List.of(
        Sheet.item("A", ItemRole.MAIN, ShowRules.MAX_PRICE_CENTS + 1, 90, null, 5)));
    RunSheet tooManyUnitsForATier = new RunSheet(null, null, List.of(new ItemSpec("A", ItemRole.MAIN, "a", 100, 90,
        null, 5, null, 300, null, List.of(), null, null, List.of(new Tier(ShowRules.MAX_STOCK + 1, 80)), 0)));

    given().when(new LoadRunSheet(tooMuchStock)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given().when(new LoadRunSheet(tooDear)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given().when(new LoadRunSheet(tooManyUnitsForATier)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }
}
