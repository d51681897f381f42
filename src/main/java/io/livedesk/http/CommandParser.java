package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.livedesk.show.Command;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a client's {@code cmd} and {@code args} into a {@link Command}, checking every argument's type
 * and presence. Commands only the server sends (joins, payments, expiry, run-sheet loads) are not
 * accepted from clients.
 */
public final class CommandParser {

  private final Supplier<byte[]> seeds;

  public CommandParser(Supplier<byte[]> seeds) {
    this.seeds = seeds;
  }

  private static final java.util.Set<String> CLIENT_COMMANDS = java.util.Set.of("show.start", "show.end",
      "cue.go", "cue.next", "cue.prev", "runsheet.swap", "item.list", "item.delist", "item.set_price",
      "item.revert_price", "item.set_stock", "item.add_stock", "announce.publish", "announce.retract",
      "cue.note", "cue.ack", "lottery.open", "lottery.close", "lottery.draw", "viewer.click",
      "viewer.subscribe", "order.place", "order.cancel", "lottery.enter",
      "flash.schedule", "flash.cancel", "coupon.create", "coupon.issue", "coupon.stop", "coupon.claim");

  /** Whether clients may send a command of this name at all (the role is checked separately). */
  public static boolean isClientCommand(String cmd) {
    return cmd != null && CLIENT_COMMANDS.contains(cmd);
  }

  public Command parse(String cmd, JsonNode args) {
    if (cmd == null || cmd.isBlank()) {
      throw ShowError.invalid("cmd is required");
    }
    Args a = new Args(args);
    return switch (cmd) {
      case "show.start" -> new Command.StartShow();
      case "show.end" -> new Command.EndShow();
      case "cue.go" -> new Command.CueGo(a.optionalText("itemId"), a.optionalText("segment"), a.flag("list"));
      case "cue.next" -> new Command.CueNext();
      case "cue.prev" -> new Command.CuePrev();
      case "runsheet.swap" -> new Command.SwapItem(a.text("itemId"), a.text("backupId"));
      case "item.list" -> new Command.ListItem(a.text("itemId"));
      case "item.delist" -> new Command.DelistItem(a.text("itemId"));
      case "item.set_price" -> new Command.SetPrice(a.text("itemId"), a.whole("priceCents"), a.flag("confirm"));
      case "item.revert_price" -> new Command.RevertPrice(a.text("itemId"));
      case "item.set_stock" -> new Command.SetStock(a.text("itemId"), a.whole("stock"));
      case "item.add_stock" -> new Command.AddStock(a.text("itemId"), a.whole("delta"));
      case "announce.publish" -> new Command.PublishAnnouncement(a.text("text"), a.flag("pinned"));
      case "announce.retract" -> new Command.RetractAnnouncement(a.text("announcementId"));
      case "cue.note" -> new Command.SendNote(a.text("text"));
      case "cue.ack" -> new Command.Ack(a.optionalText("noteId"), a.optionalWhole("seq"));
      case "lottery.open" -> new Command.OpenLottery(a.text("itemId"), a.integer("winners"), a.rule("rule"),
          a.optionalInteger("seconds"), seeds.get());
      case "lottery.close" -> new Command.CloseLottery(a.text("lotteryId"));
      case "lottery.draw" -> new Command.DrawLottery(a.text("lotteryId"));
      case "viewer.click" -> new Command.Click(a.text("itemId"));
      case "viewer.subscribe" -> new Command.Subscribe();
      case "order.place" -> new Command.PlaceOrder(a.text("itemId"), a.integer("qty"), a.optionalWhole("expectPriceCents"),
          a.optionalText("couponId"));
      case "order.cancel" -> new Command.CancelOrder(a.text("orderId"));
      case "lottery.enter" -> new Command.EnterLottery(a.text("lotteryId"), a.optionalText("keyword"));
      case "flash.schedule" -> new Command.ScheduleFlash(a.text("itemId"), a.whole("priceCents"),
          a.optionalInteger("startInSeconds"), a.integer("durationSeconds"), a.optionalWhole("stock"),
          a.optionalInteger("limitPerViewer"), a.flag("confirm"));
      case "flash.cancel" -> new Command.CancelFlash(a.text("flashId"));
      case "coupon.create" -> new Command.CreateCoupon(a.optionalText("couponId"), a.text("name"),
          a.whole("amountOffCents"), a.optionalWhole("minSpendCents"), a.optionalTexts("itemIds"), a.whole("total"),
          a.optionalInteger("perViewer"), a.optionalInteger("claimSeconds"), a.flag("confirm"));
      case "coupon.issue" -> new Command.IssueCoupon(a.text("couponId"));
      case "coupon.stop" -> new Command.StopCoupon(a.text("couponId"));
      case "coupon.claim" -> new Command.ClaimCoupon(a.text("couponId"));
      default -> throw ShowError.invalid("unknown command " + cmd);
    };
  }

  /** Typed access to the {@code args} object, with errors that name the argument. */
  private static final class Args {
    private final JsonNode args;

    Args(JsonNode args) {
      if (args != null && !args.isNull() && !args.isObject()) {
        throw ShowError.invalid("args must be a JSON object");
      }
      this.args = args;
    }

    private JsonNode get(String field) {
      if (args == null) {
        return null;
      }
      JsonNode node = args.get(field);
      return node == null || node.isNull() ? null : node;
    }

    String text(String field) {
      String value = optionalText(field);
      if (value == null || value.isBlank()) {
        throw ShowError.invalid(field + " is required");
      }
      return value;
    }

    String optionalText(String field) {
      JsonNode node = get(field);
      if (node == null) {
        return null;
      }
      if (!node.isTextual()) {
        throw ShowError.invalid(field + " must be a string");
      }
      return node.asText();
    }

    long whole(String field) {
      Long value = optionalWhole(field);
      if (value == null) {
        throw ShowError.invalid(field + " is required");
      }
      return value;
    }

    Long optionalWhole(String field) {
      JsonNode node = get(field);
      if (node == null) {
        return null;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw ShowError.invalid(field + " must be a whole number" + (field.endsWith("Cents") ? " of fen" : ""));
      }
      return node.asLong();
    }

    int integer(String field) {
      Integer value = optionalInteger(field);
      if (value == null) {
        throw ShowError.invalid(field + " is required");
      }
      return value;
    }

    Integer optionalInteger(String field) {
      Long value = optionalWhole(field);
      if (value == null) {
        return null;
      }
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw ShowError.invalid(field + " is out of range");
      }
      return value.intValue();
    }

    /** An array of strings, at most {@link ShowRules#MAX_COUPON_ITEMS} of them, or null when absent. */
    List<String> optionalTexts(String field) {
      JsonNode node = get(field);
      if (node == null) {
        return null;
      }
      if (!node.isArray() || node.size() > ShowRules.MAX_COUPON_ITEMS) {
        throw ShowError.invalid(field + " must be an array of at most " + ShowRules.MAX_COUPON_ITEMS + " strings");
      }
      List<String> values = new ArrayList<>(node.size());
      for (JsonNode value : node) {
        if (!value.isTextual()) {
          throw ShowError.invalid(field + " must be an array of strings");
        }
        values.add(value.asText());
      }
      return values;
    }

    boolean flag(String field) {
      JsonNode node = get(field);
      if (node == null) {
        return false;
      }
      if (node.getNodeType() != JsonNodeType.BOOLEAN) {
        throw ShowError.invalid(field + " must be true or false");
      }
      return node.asBoolean();
    }

    LotteryRule rule(String field) {
      JsonNode node = get(field);
      if (node == null || !node.isObject()) {
        throw ShowError.invalid(field + " must be an object {\"type\": \"any\"|\"subscribed\"|\"ordered\"|\"keyword\"}");
      }
      JsonNode type = node.get("type");
      LotteryRule.Type parsed = type == null || !type.isTextual() ? null : LotteryRule.Type.fromWire(type.asText());
      if (parsed == null) {
        throw ShowError.invalid(field + ".type must be any, subscribed, ordered or keyword");
      }
      JsonNode keyword = node.get("keyword");
      if (keyword != null && !keyword.isNull() && !keyword.isTextual()) {
        throw ShowError.invalid(field + ".keyword must be a string");
      }
      return new LotteryRule(parsed, keyword == null || keyword.isNull() ? null : keyword.asText());
    }
  }
}
