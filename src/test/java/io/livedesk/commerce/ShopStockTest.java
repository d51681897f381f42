package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shop's stock token over REST (docs/protocol.md §Shop stock). */
class ShopStockTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();

  private record ShopShow(Api.Show show, String shopToken) {}

  private ShopShow open() {
    Api api = server.api();
    Api.Response created = api.post("/api/shows", Api.bearer(TestServer.ADMIN_TOKEN), Api.args("title", "shop"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    Api.Show show = new Api.Show(body.get("id").asText(), body.get("controlToken").asText(),
        body.get("prompterToken").asText());
    api.loadSampleSheet(show);
    api.command(show.controlToken(), show.id(), "show.start", Json.object());
    return new ShopShow(show, body.get("shopToken").asText());
  }

  private long stock(Api.Show show, String itemId) {
    JsonNode items = server.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json().get("items");
    for (JsonNode item : items) {
      if (item.get("id").asText().equals(itemId)) {
        return item.get("stock").asLong();
      }
    }
    throw new IllegalStateException("no item " + itemId);
  }

  @Test
  @DisplayName("the shop sets stock by compare-and-set: a stale expectation is CONFLICT and changes nothing")
  void compareAndSet() {
    ShopShow shop = open();
    String item = firstItem(shop.show());
    long before = stock(shop.show(), item);

    Api.Response set = server.api().command(shop.shopToken(), shop.show().id(), "item.set_stock",
        Api.args("itemId", item, "stock", before + 10, "expectedStock", before));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    Api.Response stale = server.api().command(shop.shopToken(), shop.show().id(), "item.set_stock",
        Api.args("itemId", item, "stock", 1, "expectedStock", before));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.errorCode()).isEqualTo("CONFLICT");
    assertThat(stock(shop.show(), item)).isEqualTo(before + 10);
    Api.Response added = server.api().command(shop.shopToken(), shop.show().id(), "item.add_stock",
        Api.args("itemId", item, "delta", 5));
    assertThat(added.status()).as(added.text()).isEqualTo(200);
    assertThat(stock(shop.show(), item)).isEqualTo(before + 15);

    List<JsonNode> history = server.api().events(shop.show());
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.get("kind").asText()).isEqualTo("item.stock_changed");
    assertThat(last.get("actor").get("role").asText()).isEqualTo("shop");
  }

  @Test
  @DisplayName("the shop token is refused for every other command and for reading the show")
  void shopTokenRefusedElsewhere() {
    ShopShow shop = open();
    String item = firstItem(shop.show());
    Api.Response price = server.api().command(shop.shopToken(), shop.show().id(), "item.set_price",
        Api.args("itemId", item, "priceCents", 100, "confirm", true));
    assertThat(price.status()).isEqualTo(403);
    assertThat(price.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(server.api().command(shop.shopToken(), shop.show().id(), "show.end", Json.object()).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/shows/" + shop.show().id(), Api.bearer(shop.shopToken())).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/shows/" + shop.show().id() + "/events", Api.bearer(shop.shopToken())).errorCode())
        .isEqualTo("FORBIDDEN");
    ShopShow other = open();
    assertThat(server.api().command(shop.shopToken(), other.show().id(), "item.add_stock",
        Api.args("itemId", item, "delta", 5)).errorCode()).isEqualTo("UNAUTHORIZED");
  }

  private String firstItem(Api.Show show) {
    JsonNode items = server.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json().get("items");
    for (JsonNode item : items) {
      if (!"lottery".equals(item.path("role").asText())) {
        return item.get("id").asText();
      }
    }
    throw new IllegalStateException("no item to sell");
  }
}
