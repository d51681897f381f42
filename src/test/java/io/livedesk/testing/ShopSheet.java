package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.util.Map;

/** A small JSON run-sheet of a few items, for tests about selling rather than about the running order. */
public final class ShopSheet {

  private final ObjectNode sheet = Json.object();
  private final ArrayNode items = sheet.putArray("items");

  public static ShopSheet of() {
    return new ShopSheet();
  }

  /** A main item at {@code priceCents} (list price twice that), with an optional per-viewer limit. */
  public ShopSheet item(String id, long priceCents, long stock, Integer limitPerViewer) {
    ObjectNode item = items.addObject();
    item.put("id", id);
    item.put("role", "main");
    item.put("name", "商品 " + id);
    item.put("listPriceCents", priceCents * 2);
    item.put("livePriceCents", priceCents);
    item.put("floorPriceCents", priceCents / 2);
    item.put("stock", stock);
    if (limitPerViewer != null) {
      item.put("limitPerViewer", limitPerViewer);
    }
    item.put("script", "SECRET-SCRIPT of " + id);
    return this;
  }

  /** Adds group-deal tiers to the last item: minUnits → priceCents, ascending. */
  public ShopSheet tiers(long... minUnitsAndPrices) {
    ArrayNode tiers = ((ObjectNode) items.get(items.size() - 1)).putArray("tiers");
    for (int i = 0; i < minUnitsAndPrices.length; i += 2) {
      tiers.addObject().put("minUnits", minUnitsAndPrices[i]).put("priceCents", minUnitsAndPrices[i + 1]);
    }
    return this;
  }

  /** Creates a show with this sheet, starts it and puts every item on the shelf. */
  public Api.Show openShow(Api api, String title) {
    Api.Show show = api.createShow(title);
    Api.Response loaded = api.send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"),
        Json.bytes(sheet));
    require(loaded, "loading the run-sheet");
    require(api.command(show.controlToken(), show.id(), "show.start", Json.object()), "starting the show");
    items.forEach(item -> require(api.command(show.controlToken(), show.id(), "item.list",
        Api.args("itemId", item.get("id").asText())), "listing " + item.get("id").asText()));
    return show;
  }

  private static void require(Api.Response response, String what) {
    if (response.status() != 200) {
      throw new IllegalStateException(what + " failed: " + response.status() + " " + response.text());
    }
  }
}
