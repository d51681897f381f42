package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.livedesk.show.Command;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowRules;
import io.livedesk.show.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns a client's {@code cmd} and {@code args} into a {@link Command}, checking every argument's type
 * and presence. Commands only the server sends (joins, payments, expiry, run-sheet loads) are not
 * accepted from clients.
 */
public final class CommandParser {

  /**
   * How each command clients may send is read from its {@code args}, by the command's record; the wire name
   * comes from the record ({@link Vocabulary#COMMANDS}). Commands without an entry are the server's own.
   */
  private static final Map<Class<? extends Command>, Function<Args, Command>> CLIENT_COMMANDS = Map.ofEntries(
      read(Command.StartShow.class, a -> new Command.StartShow()),
      read(Command.EndShow.class, a -> new Command.EndShow()),
      read(Command.CueGo.class,
          a -> new Command.CueGo(a.optionalText("itemId"), a.optionalText("segment"), a.flag("list"))),
      read(Command.CueNext.class, a -> new Command.CueNext()),
      read(Command.CuePrev.class, a -> new Command.CuePrev()),
      read(Command.SwapItem.class, a -> new Command.SwapItem(a.text("itemId"), a.text("backupId"))),
      read(Command.ListItem.class, a -> new Command.ListItem(a.text("itemId"))),
      read(Command.DelistItem.class, a -> new Command.DelistItem(a.text("itemId"))),
      read(Command.SetPrice.class,
          a -> new Command.SetPrice(a.text("itemId"), a.whole("priceCents"), a.flag("confirm"))),
      read(Command.RevertPrice.class, a -> new Command.RevertPrice(a.text("itemId"))),
      read(Command.SetStock.class, a -> new Command.SetStock(a.text("itemId"), a.whole("stock"),
          a.optionalWhole("expectedStock"))),
      read(Command.AddStock.class, a -> new Command.AddStock(a.text("itemId"), a.whole("delta"))),
      read(Command.PublishAnnouncement.class, a -> new Command.PublishAnnouncement(a.text("text"), a.flag("pinned"))),
      read(Command.RetractAnnouncement.class, a -> new Command.RetractAnnouncement(a.text("announcementId"))),
      read(Command.SendNote.class, a -> new Command.SendNote(a.text("text"))),
      read(Command.Ack.class, a -> new Command.Ack(a.optionalText("noteId"), a.optionalWhole("seq"))),
      read(Command.OpenLottery.class, a -> new Command.OpenLottery(a.text("itemId"), a.integer("winners"),
          a.rule("rule"), a.optionalInteger("seconds"), a.seed())),
      read(Command.CloseLottery.class, a -> new Command.CloseLottery(a.text("lotteryId"))),
      read(Command.DrawLottery.class, a -> new Command.DrawLottery(a.text("lotteryId"))),
      read(Command.Click.class, a -> new Command.Click(a.text("itemId"))),
      read(Command.Subscribe.class, a -> new Command.Subscribe()),
      read(Command.PlaceOrder.class, a -> new Command.PlaceOrder(a.text("itemId"), a.integer("qty"),
          a.optionalWhole("expectPriceCents"), a.optionalText("couponId"))),
      read(Command.CancelOrder.class, a -> new Command.CancelOrder(a.text("orderId"))),
      read(Command.EnterLottery.class, a -> new Command.EnterLottery(a.text("lotteryId"), a.optionalText("keyword"))),
      read(Command.ScheduleFlash.class, a -> new Command.ScheduleFlash(a.text("itemId"), a.whole("priceCents"),
          a.optionalInteger("startInSeconds"), a.integer("durationSeconds"), a.optionalWhole("stock"),
          a.optionalInteger("limitPerViewer"), a.flag("confirm"))),
      read(Command.CancelFlash.class, a -> new Command.CancelFlash(a.text("flashId"))),
      read(Command.CreateCoupon.class, a -> new Command.CreateCoupon(a.optionalText("couponId"), a.text("name"),
          a.whole("amountOffCents"), a.optionalWhole("minSpendCents"), a.optionalTexts("itemIds"), a.whole("total"),
          a.optionalInteger("perViewer"), a.optionalInteger("claimSeconds"), a.flag("confirm"))),
      read(Command.IssueCoupon.class, a -> new Command.IssueCoupon(a.text("couponId"))),
      read(Command.StopCoupon.class, a -> new Command.StopCoupon(a.text("couponId"))),
      read(Command.ClaimCoupon.class, a -> new Command.ClaimCoupon(a.text("couponId"))),
      read(Command.Reserve.class, a -> new Command.Reserve()),
      read(Command.PostComment.class, a -> new Command.PostComment(a.text("text"))),
      read(Command.HideComment.class, a -> new Command.HideComment(a.text("commentId"))),
      read(Command.PinComment.class, a -> new Command.PinComment(a.text("commentId"))),
      read(Command.UnpinComment.class, a -> new Command.UnpinComment()),
      read(Command.ReplyComment.class, a -> new Command.ReplyComment(a.text("commentId"), a.text("text"))),
      read(Command.MuteViewer.class, a -> new Command.MuteViewer(a.text("viewerId"), a.integer("seconds"))),
      read(Command.BlockWords.class, a -> new Command.BlockWords(a.optionalTexts("words"))),
      read(Command.GrantApproval.class, a -> new Command.GrantApproval(a.text("approvalId"))),
      read(Command.DenyApproval.class, a -> new Command.DenyApproval(a.text("approvalId"))));

  private final Supplier<byte[]> seeds;

  public CommandParser(Supplier<byte[]> seeds) {
    this.seeds = seeds;
  }

  private static <C extends Command> Map.Entry<Class<? extends Command>, Function<Args, Command>> read(
      Class<C> type, Function<Args, C> reader) {
    return Map.entry(type, reader::apply);
  }

  /** Whether clients may send a command of this name at all (the role is checked separately). */
  public static boolean isClientCommand(String cmd) {
    return readerOf(cmd) != null;
  }

  private static Function<Args, Command> readerOf(String cmd) {
    Class<? extends Command> type = Vocabulary.COMMANDS.type(cmd);
    return type == null ? null : CLIENT_COMMANDS.get(type);
  }

  /** The name of every command clients may send, in the order the commands are declared. */
  public static List<String> clientCommands() {
    return Vocabulary.COMMANDS.types().entrySet().stream()
        .filter(named -> CLIENT_COMMANDS.containsKey(named.getValue())).map(Map.Entry::getKey).toList();
  }

  public Command parse(String cmd, JsonNode args) {
    if (cmd == null || cmd.isBlank()) {
      throw ShowError.invalid("cmd is required");
    }
    Args a = new Args(args, seeds);
    Function<Args, Command> reader = readerOf(cmd);
    if (reader == null) {
      throw ShowError.invalid("unknown command " + cmd);
    }
    return reader.apply(a);
  }

  /** Typed access to the {@code args} object, with errors that name the argument. */
  private static final class Args {
    private final JsonNode args;
    private final Supplier<byte[]> seeds;

    Args(JsonNode args, Supplier<byte[]> seeds) {
      if (args != null && !args.isNull() && !args.isObject()) {
        throw ShowError.invalid("args must be a JSON object");
      }
      this.args = args;
      this.seeds = seeds;
    }

    /** A fresh secret seed, for a command that opens a lottery. */
    byte[] seed() {
      return seeds.get();
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
