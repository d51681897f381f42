package io.livedesk.show;

import static io.livedesk.show.ErrorCode.CONFLICT;
import static io.livedesk.show.ErrorCode.INVALID_ARGUMENT;
import static io.livedesk.show.ErrorCode.NOT_FOUND;

import io.livedesk.show.Command.Ack;
import io.livedesk.show.Command.AddStock;
import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.Click;
import io.livedesk.show.Command.CloseLottery;
import io.livedesk.show.Command.CueGo;
import io.livedesk.show.Command.CueNext;
import io.livedesk.show.Command.CuePrev;
import io.livedesk.show.Command.DelistItem;
import io.livedesk.show.Command.DrawLottery;
import io.livedesk.show.Command.DropNode;
import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.EnterLottery;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.Join;
import io.livedesk.show.Command.Leave;
import io.livedesk.show.Command.ListItem;
import io.livedesk.show.Command.LoadRunSheet;
import io.livedesk.show.Command.OpenLottery;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.PublishAnnouncement;
import io.livedesk.show.Command.RecordPayment;
import io.livedesk.show.Command.Reserve;
import io.livedesk.show.Command.RetractAnnouncement;
import io.livedesk.show.Command.RevertPrice;
import io.livedesk.show.Command.SendNote;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Command.SetStock;
import io.livedesk.show.Command.StartShow;
import io.livedesk.show.Command.Subscribe;
import io.livedesk.show.Command.SwapItem;
import io.livedesk.show.Command.CancelFlash;
import io.livedesk.show.Command.ClaimCoupon;
import io.livedesk.show.Command.CreateCoupon;
import io.livedesk.show.Command.IssueCoupon;
import io.livedesk.show.Command.ScheduleFlash;
import io.livedesk.show.Command.StopCoupon;
import io.livedesk.show.Command.BlockWords;
import io.livedesk.show.Command.HideComment;
import io.livedesk.show.Command.MuteViewer;
import io.livedesk.show.Command.PinComment;
import io.livedesk.show.Command.PostComment;
import io.livedesk.show.Command.ReplyComment;
import io.livedesk.show.Command.UnpinComment;
import io.livedesk.show.Command.DenyApproval;
import io.livedesk.show.Command.GrantApproval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a show: given its state, a request and the time, which events happen. Pure: no I/O, no
 * clock, no randomness (a lottery's seed arrives inside {@link OpenLottery}).
 */
public final class ShowDecider {

  private final ShowRules rules;
  private final PriceGuard priceGuard;
  private final LotteryAlgorithm lottery;

  public ShowDecider(ShowRules rules, LotteryAlgorithm lottery) {
    this.rules = rules;
    this.priceGuard = new PriceGuard(rules.priceGuardBasisPoints());
    this.lottery = lottery;
  }

  public ShowRules rules() {
    return rules;
  }

  public Decision decide(ShowState state, Request request, long now) {
    Decision.Repeated repeated = state.answered(request.actor(), request.key());
    if (repeated != null) {
      return repeated;
    }
    try {
      Permissions.check(request.actor().role(), request.command().getClass(), rules.hostCanCue());
      return new Context(state, request.actor(), now).decide(request.command());
    } catch (ShowError error) {
      return new Decision.Rejected(error);
    }
  }

  /** One decision: the state, who asks, when, and the events gathered so far. */
  private final class Context {
    private final ShowState state;
    private final Actor actor;
    private final long now;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Object> result = new LinkedHashMap<>();
    /** Set while a granted request's command runs: it is not held for approval a second time. */
    private boolean granting;

    Context(ShowState state, Actor actor, long now) {
      this.state = state;
      this.actor = actor;
      this.now = now;
    }

    Decision decide(Command command) {
      apply(command);
      return new Decision.Accepted(events, result);
    }

    private void apply(Command command) {
      // the viewer commands of a rush come first
      if (command instanceof PlaceOrder c) {
        placeOrder(c);
      } else if (command instanceof Click c) {
        click(c);
      } else if (command instanceof Join c) {
        join(c);
      } else if (command instanceof Leave c) {
        leave(c);
      } else if (command instanceof EnterLottery c) {
        enterLottery(c);
      } else if (command instanceof CancelOrder c) {
        cancelOrder(c);
      } else if (command instanceof Subscribe) {
        subscribe();
      } else if (command instanceof Reserve) {
        reserve();
      } else if (command instanceof PostComment c) {
        postComment(c);
      } else if (command instanceof RecordPayment c) {
        payment(c);
      } else if (command instanceof Expire) {
        expire();
      } else if (command instanceof DropNode c) {
        dropNode(c);
      } else if (command instanceof StartShow) {
        start();
      } else if (command instanceof EndShow) {
        requireLive();
        endFlashesWithShow();
        events.add(new Event.ShowEnded());
        events.addAll(Refunds.settlements(state));
      } else if (command instanceof LoadRunSheet c) {
        loadSheet(c.sheet());
      } else if (command instanceof CueGo c) {
        cueGo(c);
      } else if (command instanceof CueNext) {
        cueStep(+1);
      } else if (command instanceof CuePrev) {
        cueStep(-1);
      } else if (command instanceof SwapItem c) {
        swap(c);
      } else if (command instanceof ListItem c) {
        list(c.itemId());
      } else if (command instanceof DelistItem c) {
        delist(c.itemId());
      } else if (command instanceof SetPrice c) {
        setPrice(c);
      } else if (command instanceof RevertPrice c) {
        revertPrice(c);
      } else if (command instanceof SetStock c) {
        setStock(c.itemId(), c.stock(), c.expectedStock());
      } else if (command instanceof AddStock c) {
        addStock(c);
      } else if (command instanceof PublishAnnouncement c) {
        publish(c);
      } else if (command instanceof RetractAnnouncement c) {
        retract(c);
      } else if (command instanceof SendNote c) {
        note(c);
      } else if (command instanceof Ack c) {
        ack(c);
      } else if (command instanceof OpenLottery c) {
        openLottery(c);
      } else if (command instanceof CloseLottery c) {
        closeLottery(c);
      } else if (command instanceof DrawLottery c) {
        drawLottery(c);
      } else if (command instanceof ClaimCoupon c) {
        claimCoupon(c);
      } else if (command instanceof ScheduleFlash c) {
        scheduleFlash(c);
      } else if (command instanceof CancelFlash c) {
        cancelFlash(c);
      } else if (command instanceof CreateCoupon c) {
        createCoupon(c);
      } else if (command instanceof IssueCoupon c) {
        issueCoupon(c);
      } else if (command instanceof StopCoupon c) {
        stopCoupon(c);
      } else if (command instanceof HideComment c) {
        hideComment(c);
      } else if (command instanceof PinComment c) {
        pinComment(c);
      } else if (command instanceof UnpinComment) {
        unpinComment();
      } else if (command instanceof ReplyComment c) {
        replyComment(c);
      } else if (command instanceof MuteViewer c) {
        muteViewer(c);
      } else if (command instanceof BlockWords c) {
        blockWords(c);
      } else if (command instanceof GrantApproval c) {
        grant(c);
      } else if (command instanceof DenyApproval c) {
        deny(c);
      } else {
        throw new IllegalStateException("no rule for " + command.name());
      }
    }

    /** The seq the n-th event of this decision will get; ids derive from it so replay makes the same ids. */
    private long nextSeq() {
      return state.seq() + events.size() + 1;
    }

    // ---- show ----

    private void start() {
      requireNotEnded();
      if (state.status() == ShowStatus.LIVE) {
        throw new ShowError(CONFLICT, "show " + state.id() + " is already live");
      }
      if (!state.hasSheet()) {
        throw new ShowError(CONFLICT, "load a run-sheet before starting the show");
      }
      events.add(new Event.ShowStarted());
      if (hasText(state.sheet().opening())) {
        events.add(new Event.CueChanged(null, Cue.OPENING, null, null));
      }
    }

    private void loadSheet(RunSheet sheet) {
      requireNotEnded();
      if (state.status() != ShowStatus.DRAFT) {
        throw new ShowError(CONFLICT, "the run-sheet can only be replaced before the show starts");
      }
      if (sheet == null || sheet.items().isEmpty()) {
        throw ShowError.invalid("a run-sheet needs at least one item");
      }
      Set<String> ids = new HashSet<>();
      for (ItemSpec item : sheet.items()) {
        if (!ids.add(item.id())) {
          throw ShowError.invalid("item id " + item.id() + " appears twice");
        }
        withinCeilings(item);
      }
      events.add(new Event.RunSheetLoaded(sheet));
      result.put("items", sheet.items().size());
    }

    /** A sheet that did not come through the importer still keeps every number in range. */
    private void withinCeilings(ItemSpec item) {
      price(item.id() + " listPriceCents", item.listPriceCents(), 0);
      price(item.id() + " livePriceCents", item.livePriceCents(), 0);
      if (item.floorPriceCents() != null) {
        price(item.id() + " floorPriceCents", item.floorPriceCents(), 0);
      }
      stock(item.id() + " stock", item.stock());
      for (Tier tier : item.tiers()) {
        price(item.id() + " tier priceCents", tier.priceCents(), 0);
        if (tier.minUnits() < 1 || tier.minUnits() > ShowRules.MAX_STOCK) {
          throw ShowError.invalid(item.id() + " tier minUnits must be between 1 and " + ShowRules.MAX_STOCK);
        }
      }
      if (item.winners() < 0 || item.winners() > ShowRules.MAX_WINNERS) {
        throw ShowError.invalid(item.id() + " winners must be between 0 and " + ShowRules.MAX_WINNERS);
      }
    }

    private static void price(String what, long cents, long min) {
      if (cents < min || cents > ShowRules.MAX_PRICE_CENTS) {
        throw ShowError.invalid(what + " must be between " + min + " and " + ShowRules.MAX_PRICE_CENTS + " fen");
      }
    }

    /** A selling price: valid, and never above the item's list price. */
    private static void upToListPrice(String what, long price, ItemState item) {
      price("priceCents", price, 1);
      if (price > item.spec().listPriceCents()) {
        throw ShowError.invalid(what + " " + Fen.yuan(price) + " is above the list price "
            + Fen.yuan(item.spec().listPriceCents()) + " of " + item.id());
      }
    }

    private static void stock(String what, long units) {
      if (units < 0 || units > ShowRules.MAX_STOCK) {
        throw ShowError.invalid(what + " must be between 0 and " + ShowRules.MAX_STOCK + ", got " + units);
      }
    }

    // ---- cue ----

    private void cueGo(CueGo c) {
      requireLive();
      if ((c.itemId() == null) == (c.segment() == null)) {
        throw ShowError.invalid("cue.go takes either itemId or segment");
      }
      if (c.segment() != null) {
        if (!Cue.OPENING.equals(c.segment()) && !Cue.CLOSING.equals(c.segment())) {
          throw ShowError.invalid("segment must be opening or closing, not " + c.segment());
        }
        cueTo(null, c.segment());
        return;
      }
      ItemState item = item(c.itemId());
      cueTo(item.id(), null);
      if (c.list() && item.role() != ItemRole.LOTTERY && !item.onShelf()) {
        events.add(new Event.ItemListed(item.id()));
      }
    }

    private void cueStep(int direction) {
      requireLive();
      List<Cue> stops = state.cueStops();
      int at = state.cueIndex(stops);
      if (at < 0 && state.cue() != null) {
        // a backup outside the running order is on air: stepping from it would jump back to the start
        throw new ShowError(CONFLICT, state.cue().itemId() + " is not in the running order; cue the next item with cue.go");
      }
      int to = at < 0 ? (direction > 0 ? 0 : -1) : at + direction;
      if (to < 0 || to >= stops.size()) {
        throw new ShowError(CONFLICT, direction > 0 ? "nothing comes after the current cue"
            : "nothing comes before the current cue");
      }
      cueTo(stops.get(to).itemId(), stops.get(to).segment());
    }

    private void cueTo(String itemId, String segment) {
      Cue current = state.cue();
      if (current != null && current.sameTarget(itemId, segment)) {
        return;
      }
      events.add(new Event.CueChanged(itemId, segment,
          current == null ? null : current.itemId(), current == null ? null : current.segment()));
    }

    private void swap(SwapItem c) {
      requireNotEnded();
      ItemState item = item(c.itemId());
      ItemState backup = item(c.backupId());
      if (item.role() != ItemRole.MAIN) {
        throw ShowError.invalid(item.id() + " is a " + item.role().wire() + " item; only a main item can be swapped out");
      }
      if (backup.role() != ItemRole.BACKUP) {
        throw ShowError.invalid(backup.id() + " is not a backup item");
      }
      Cue cue = state.cue();
      if (cue != null && item.id().equals(cue.itemId())) {
        throw new ShowError(CONFLICT, item.id() + " is on air; cue another item before swapping it out");
      }
      events.add(new Event.ItemsSwapped(item.id(), backup.id()));
    }

    // ---- shelf, price, stock ----

    private void list(String itemId) {
      requireLive();
      ItemState item = sellable(itemId);
      if (!item.onShelf()) {
        events.add(new Event.ItemListed(item.id()));
      }
    }

    private void delist(String itemId) {
      requireLive();
      ItemState item = sellable(itemId);
      if (item.onShelf()) {
        events.add(new Event.ItemDelisted(item.id()));
      }
    }

    private void setPrice(SetPrice c) {
      requireNotEnded();
      ItemState item = sellable(c.itemId());
      long price = c.priceCents();
      upToListPrice("price", price, item);
      refuseDuringFlash(item);
      result.put("priceCents", price);
      if (price == item.livePriceCents()) {
        return;
      }
      String concern = concernWithCoupons(item, price);
      if (concern != null && !c.confirm()) {
        throw new ShowError(ErrorCode.PRICE_GUARD, concern + "; send confirm: true to apply it");
      }
      long list = item.spec().listPriceCents();
      if (heldForApproval(c, item.id(), list, price)) {
        return;
      }
      events.add(new Event.PriceChanged(item.id(), item.livePriceCents(), price, concern != null, false));
    }

    private void revertPrice(RevertPrice c) {
      requireNotEnded();
      ItemState item = sellable(c.itemId());
      refuseDuringFlash(item);
      if (!item.hasPriceHistory()) {
        throw new ShowError(CONFLICT, item.id() + " has no price change to revert");
      }
      events.add(new Event.PriceChanged(item.id(), item.livePriceCents(), item.previousPriceCents(), false, true));
      result.put("priceCents", item.previousPriceCents());
    }

    private void setStock(String itemId, long stock, Long expectedStock) {
      requireNotEnded();
      ItemState item = sellable(itemId);
      stock("stock", stock);
      if (expectedStock != null && expectedStock != item.stock()) {
        throw new ShowError(CONFLICT, item.id() + " has " + item.stock() + " in stock, not the " + expectedStock
            + " expected; nothing was changed");
      }
      changeStock(item, stock);
    }

    private void addStock(AddStock c) {
      requireNotEnded();
      ItemState item = sellable(c.itemId());
      long stock;
      try {
        stock = Math.addExact(item.stock(), c.delta());
      } catch (ArithmeticException e) {
        throw ShowError.invalid("adding " + c.delta() + " to the stock of " + item.id() + " is out of range");
      }
      if (stock < 0) {
        throw ShowError.invalid("removing " + (-c.delta()) + " would leave " + item.id()
            + " with negative stock (it has " + item.stock() + ")");
      }
      if (stock > ShowRules.MAX_STOCK) {
        throw ShowError.invalid("adding " + c.delta() + " would leave " + item.id() + " with " + stock
            + " units, above the ceiling of " + ShowRules.MAX_STOCK);
      }
      changeStock(item, stock);
    }

    private void changeStock(ItemState item, long stock) {
      if (stock != item.stock()) {
        events.add(new Event.StockChanged(item.id(), stock, stock - item.stock()));
        if (stock == 0 && item.onShelf()) {
          events.add(new Event.SoldOut(item.id()));
        }
      }
      result.put("stock", stock);
    }

    // ---- announcements and notes ----

    private void publish(PublishAnnouncement c) {
      requireNotEnded();
      String text = text(c.text(), "text");
      String id = "a" + nextSeq();
      events.add(new Event.AnnouncementPublished(id, text, c.pinned()));
      result.put("announcementId", id);
    }

    private void retract(RetractAnnouncement c) {
      requireNotEnded();
      Announcement announcement = state.announcement(c.announcementId());
      if (announcement == null) {
        throw ShowError.notFound("no announcement " + c.announcementId());
      }
      if (announcement.live()) {
        events.add(new Event.AnnouncementRetracted(announcement.id()));
      }
    }

    private void note(SendNote c) {
      requireNotEnded();
      String text = text(c.text(), "text");
      String id = "n" + nextSeq();
      events.add(new Event.NoteSent(id, text));
      result.put("noteId", id);
    }

    private void ack(Ack c) {
      if (c.noteId() == null && c.seq() == null) {
        throw ShowError.invalid("cue.ack takes a noteId, or a seq to acknowledge price changes up to");
      }
      String noteId = null;
      if (c.noteId() != null) {
        Note note = state.note(c.noteId());
        if (note == null) {
          throw ShowError.notFound("no note " + c.noteId());
        }
        noteId = note.ackedAt() == null ? note.id() : null;
      }
      Long seq = c.seq() != null && c.seq() > state.priceAckedThrough() ? Math.min(c.seq(), state.seq()) : null;
      if (noteId != null || seq != null) {
        events.add(new Event.Acked(noteId, seq));
      }
    }

    // ---- lotteries ----

    private void openLottery(OpenLottery c) {
      requireLive();
      ItemState item = item(c.itemId());
      if (item.role() != ItemRole.LOTTERY) {
        throw ShowError.invalid(item.id() + " is not a lottery prize item");
      }
      if (state.undrawnLotteryFor(item.id()) != null) {
        throw new ShowError(CONFLICT, "a lottery for " + item.id() + " is already running ("
            + state.undrawnLotteryFor(item.id()).id() + ")");
      }
      if (c.winners() < 1 || c.winners() > ShowRules.MAX_WINNERS) {
        throw ShowError.invalid("winners must be between 1 and " + ShowRules.MAX_WINNERS);
      }
      if (c.winners() > item.prizesLeft()) {
        throw ShowError.invalid("winners " + c.winners() + " exceeds the " + item.prizesLeft()
            + " prizes left on " + item.id());
      }
      LotteryRule rule = c.rule();
      if (rule == null || rule.type() == null) {
        throw ShowError.invalid("rule.type must be any, subscribed, ordered or keyword");
      }
      if (rule.type() == LotteryRule.Type.KEYWORD && LotteryRule.normalizeKeyword(rule.keyword()).isEmpty()) {
        throw ShowError.invalid("a keyword lottery needs rule.keyword");
      }
      if (c.seconds() != null && (c.seconds() < 1 || c.seconds() > ShowRules.MAX_LOTTERY_SECONDS)) {
        throw ShowError.invalid("seconds must be between 1 and " + ShowRules.MAX_LOTTERY_SECONDS);
      }
      if (c.seed() == null || c.seed().length != 32) {
        throw new IllegalArgumentException("a lottery needs a 32-byte seed");
      }
      String id = "l" + nextSeq();
      String commitment = lottery.commitment(c.seed());
      Long closesAt = c.seconds() == null ? null : now + c.seconds() * 1000L;
      LotteryRule stored = rule.type() == LotteryRule.Type.KEYWORD ? rule : new LotteryRule(rule.type(), null);
      events.add(new Event.LotteryOpened(id, item.id(), c.winners(), stored, commitment, closesAt, Hex.of(c.seed())));
      result.put("lotteryId", id);
      result.put("commitment", commitment);
      if (closesAt != null) {
        result.put("closesAt", closesAt);
      }
    }

    private void closeLottery(CloseLottery c) {
      LotteryState found = lottery(c.lotteryId());
      if (found.phase() != LotteryState.Phase.OPEN) {
        throw new ShowError(ErrorCode.LOTTERY_CLOSED, "lottery " + found.id() + " is already closed");
      }
      close(found, false);
    }

    private void close(LotteryState found, boolean automatic) {
      List<String> sorted = new ArrayList<>(found.entrants());
      String hash = lottery.entrantsHash(sorted);
      events.add(new Event.LotteryClosed(found.id(), sorted.size(), hash, automatic));
      result.put("entrants", sorted.size());
      result.put("entrantsHash", hash);
    }

    private void drawLottery(DrawLottery c) {
      LotteryState found = lottery(c.lotteryId());
      switch (found.phase()) {
        case OPEN -> throw new ShowError(CONFLICT, "close lottery " + found.id() + " before drawing it");
        case DRAWN -> throw new ShowError(CONFLICT, "lottery " + found.id() + " is already drawn");
        case CLOSED -> { }
      }
      String seed = found.terms().seed();
      List<String> winners = lottery.draw(Hex.parse(seed), found.sortedEntrants(), found.terms().winners());
      events.add(new Event.LotteryDrawn(found.id(), winners, seed));
      result.put("winners", winners);
      result.put("seed", seed);
    }

    private void enterLottery(EnterLottery c) {
      requireLive();
      LotteryState found = lottery(c.lotteryId());
      ShowError refusal = entryRefusal(found, c.keyword());
      if (refusal != null) {
        throw refusal;
      }
      events.add(new Event.LotteryEntered(found.id(), actor.id()));
      result.put("lotteryId", found.id());
      result.put("entrants", found.entrantCount() + 1);
    }

    /** Why the asking viewer may not enter the lottery with this keyword; null when they may. */
    private ShowError entryRefusal(LotteryState found, String keyword) {
      if (found.phase() != LotteryState.Phase.OPEN || (found.terms().closesAt() != null && now >= found.terms().closesAt())) {
        return new ShowError(ErrorCode.LOTTERY_CLOSED, "lottery " + found.id() + " is closed");
      }
      String viewer = actor.id();
      if (found.hasEntered(viewer)) {
        return new ShowError(ErrorCode.ALREADY_ENTERED, viewer + " has already entered lottery " + found.id());
      }
      LotteryRule rule = found.terms().rule();
      boolean eligible = switch (rule.type()) {
        case ANY -> state.presence().isOnline(viewer);
        case SUBSCRIBED -> state.isSubscriber(viewer);
        case ORDERED -> state.hasOrdered(viewer);
        case KEYWORD -> rule.keywordMatches(keyword);
      };
      if (!eligible) {
        return new ShowError(ErrorCode.NOT_ELIGIBLE, "lottery " + found.id() + " is only for "
            + rule.describe() + " (rule: " + rule.type().wire() + ")");
      }
      return null;
    }

    // ---- comments (docs/protocol.md §Comments) ----

    private void postComment(PostComment c) {
      requireLive();
      String text = commentText(c.text(), "text");
      String viewer = actor.id();
      Comments comments = state.comments();
      Long last = comments.lastPostedAt(viewer);
      long interval = rules.comments().minIntervalMillis();
      if (last != null && now - last < interval) {
        throw new ShowError(ErrorCode.RATE_LIMITED, "one comment every " + interval / 1000 + " s: wait "
            + (interval - (now - last) + 999) / 1000 + " s");
      }
      boolean shadow = comments.isMuted(viewer, now) || CommentText.holdsAny(text, rules.comments().blockedWords())
          || CommentText.holdsAny(text, comments.blockedWords());
      String id = "m" + nextSeq();
      events.add(new Event.CommentPosted(id, viewer, text, shadow ? Boolean.TRUE : null));
      result.put("commentId", id);
      if (!shadow) {
        answerFromSheet(id, text);
      }
      enterKeywordLotteries(text);
    }

    /** The run-sheet's ready answer: the on-air item's first, then the show's own. */
    private void answerFromSheet(String commentId, String text) {
      Cue cue = state.cue();
      ItemState onAir = cue == null || cue.itemId() == null ? null : state.item(cue.itemId());
      String answer = onAir == null ? null : Faq.answer(onAir.spec().faq(), text);
      if (answer == null && state.hasSheet()) {
        answer = Faq.answer(state.sheet().faq(), text);
      }
      if (answer != null) {
        events.add(new Event.CommentReplied(commentId, answer, Boolean.TRUE));
      }
    }

    /** 口令抽奖: a comment that is an open keyword lottery's keyword enters its author, by the lottery's rules. */
    private void enterKeywordLotteries(String text) {
      for (LotteryState found : state.lotteries()) {
        if (found.terms().rule().type() == LotteryRule.Type.KEYWORD && found.terms().rule().keywordMatches(text)
            && entryRefusal(found, text) == null) {
          events.add(new Event.LotteryEntered(found.id(), actor.id()));
        }
      }
    }

    private Comments.Comment comment(String commentId) {
      Comments.Comment found = commentId == null ? null : state.comments().comment(commentId);
      if (found == null) {
        throw ShowError.notFound("no comment " + commentId + " among the latest " + ShowRules.KEPT_COMMENTS
            + " of show " + state.id());
      }
      return found;
    }

    private void hideComment(HideComment c) {
      requireNotEnded();
      Comments.Comment found = comment(c.commentId());
      if (!found.hidden()) {
        events.add(new Event.CommentHidden(found.id()));
      }
      result.put("commentId", found.id());
    }

    private void pinComment(PinComment c) {
      requireLive();
      Comments.Comment found = comment(c.commentId());
      if (found.hidden() || found.shadow()) {
        throw new ShowError(CONFLICT, "comment " + found.id() + " is not shown to viewers: it cannot be pinned");
      }
      result.put("commentId", found.id());
      Comments.Comment pinned = state.comments().pinned();
      if (pinned != null && pinned.id().equals(found.id())) {
        return;
      }
      if (pinned != null) {
        events.add(new Event.CommentUnpinned(pinned.id()));
      }
      events.add(new Event.CommentPinned(found.id(), found.viewerId(), found.text()));
    }

    private void unpinComment() {
      requireNotEnded();
      Comments.Comment pinned = state.comments().pinned();
      if (pinned != null) {
        events.add(new Event.CommentUnpinned(pinned.id()));
      }
    }

    private void replyComment(ReplyComment c) {
      requireNotEnded();
      String text = commentText(c.text(), "text");
      Comments.Comment found = comment(c.commentId());
      events.add(new Event.CommentReplied(found.id(), text, null));
      result.put("commentId", found.id());
    }

    private void muteViewer(MuteViewer c) {
      requireNotEnded();
      if (c.viewerId() == null || c.viewerId().isBlank()) {
        throw ShowError.invalid("viewerId is required");
      }
      if (c.seconds() < 1 || c.seconds() > ShowRules.MAX_MUTE_SECONDS) {
        throw ShowError.invalid("seconds must be between 1 and " + ShowRules.MAX_MUTE_SECONDS);
      }
      long until = now + c.seconds() * 1000L;
      events.add(new Event.ViewerMuted(c.viewerId(), until));
      result.put("until", until);
    }

    private void blockWords(BlockWords c) {
      requireNotEnded();
      if (c.words() == null || c.words().isEmpty()) {
        throw ShowError.invalid("words needs at least one word");
      }
      Set<String> known = state.comments().blockedWords();
      Set<String> added = new LinkedHashSet<>();
      for (String word : c.words()) {
        String stripped = word == null ? "" : word.strip();
        if (CommentText.normalised(stripped).isEmpty()
            || CommentText.length(stripped) > ShowRules.MAX_BLOCKED_WORD_LENGTH) {
          throw ShowError.invalid("each of words must hold a letter and be at most "
              + ShowRules.MAX_BLOCKED_WORD_LENGTH + " characters");
        }
        if (!known.contains(stripped)) {
          added.add(stripped);
        }
      }
      if (known.size() + added.size() > ShowRules.MAX_BLOCKED_WORDS) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "a show blocks at most " + ShowRules.MAX_BLOCKED_WORDS
            + " words");
      }
      if (!added.isEmpty()) {
        events.add(new Event.WordsBlocked(List.copyOf(added)));
      }
      result.put("blockedWords", known.size() + added.size());
    }

    /** A comment or a reply: 1 to {@link ShowRules#MAX_COMMENT_LENGTH} characters once trimmed. */
    private static String commentText(String text, String field) {
      String stripped = text == null ? "" : text.strip();
      if (stripped.isEmpty()) {
        throw ShowError.invalid(field + " is required");
      }
      if (CommentText.length(stripped) > ShowRules.MAX_COMMENT_LENGTH) {
        throw ShowError.invalid(field + " is longer than " + ShowRules.MAX_COMMENT_LENGTH + " characters");
      }
      return stripped;
    }

    // ---- viewers ----

    private void join(Join c) {
      requireNotEnded();
      events.add(new Event.ViewerJoined(actor.id(), c.node()));
    }

    private void leave(Leave c) {
      if (state.status() != ShowStatus.ENDED && state.presence().sockets(actor.id(), c.node()) > 0) {
        events.add(new Event.ViewerLeft(actor.id(), c.node(), 1));
      }
    }

    private void dropNode(DropNode c) {
      if (state.status() == ShowStatus.ENDED) {
        return;
      }
      for (String viewer : state.presence().viewersOn(c.node())) {
        events.add(new Event.ViewerLeft(viewer, c.node(), state.presence().sockets(viewer, c.node())));
      }
    }

    private void click(Click c) {
      requireLive();
      ItemState item = item(c.itemId());
      events.add(new Event.ViewerClicked(actor.id(), item.id()));
    }

    private void subscribe() {
      requireLive();
      if (!state.isSubscriber(actor.id())) {
        events.add(new Event.ViewerSubscribed(actor.id()));
      }
    }

    /** Reservations are taken while the show is a draft, once per viewer (docs/protocol.md §Viewer). */
    private void reserve() {
      requireNotEnded();
      if (state.status() != ShowStatus.DRAFT) {
        throw new ShowError(CONFLICT, "show " + state.id() + " has started: reservations are closed");
      }
      Reservations reservations = state.reservations();
      if (!reservations.has(actor.id())) {
        if (reservations.count() >= ShowRules.MAX_RESERVATIONS) {
          throw new ShowError(ErrorCode.LIMIT_EXCEEDED,
              "show " + state.id() + " already has " + ShowRules.MAX_RESERVATIONS + " reservations");
        }
        events.add(new Event.ViewerReserved(actor.id()));
      }
      result.put("reservations", reservations.count() + events.size());
    }

    // ---- orders ----

    private void placeOrder(PlaceOrder c) {
      requireLive();
      ItemState item = item(c.itemId());
      if (c.qty() < 1 || c.qty() > ShowRules.MAX_ORDER_QTY) {
        throw ShowError.invalid("qty must be between 1 and " + ShowRules.MAX_ORDER_QTY);
      }
      if (!item.onShelf()) {
        throw new ShowError(ErrorCode.NOT_ON_SHELF, "item " + item.id() + " is not on the shelf");
      }
      long price = item.currentPriceCents();
      if (c.expectPriceCents() != null && c.expectPriceCents() != price) {
        throw new ShowError(CONFLICT, "item " + item.id() + " now costs " + Fen.yuan(price) + ", not "
            + Fen.yuan(c.expectPriceCents()) + "; nothing was ordered",
            List.of(new ShowError.Detail(null, "priceCents", Long.toString(price))));
      }
      if (item.stock() == 0) {
        throw new ShowError(ErrorCode.SOLD_OUT, "item " + item.id() + " has no stock left");
      }
      if (c.qty() > item.stock()) {
        throw new ShowError(ErrorCode.SOLD_OUT, "item " + item.id() + " has only " + item.stock() + " left");
      }
      Integer limit = item.spec().limitPerViewer();
      long already = state.liveUnits(actor.id(), item.id());
      if (limit != null && already + c.qty() > limit) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "item " + item.id() + " is limited to " + limit
            + " per viewer; " + actor.id() + " already has " + already);
      }
      FlashSale flash = state.promotions().liveFlashOn(item.id());
      if (flash != null) {
        withinFlash(flash, item, c.qty());
      }
      long amount = price * c.qty();
      Coupon coupon = c.couponId() == null ? null : usableCoupon(c.couponId(), item, amount);
      Long discount = coupon == null ? null : coupon.discountOn(amount);
      if (discount != null) {
        amount -= discount;
      }
      // the show's id in it: a payment for one show's order can never name another show's
      String orderId = state.id() + "-o" + nextSeq();
      long expiresAt = now + rules.orderHoldMillis();
      events.add(new Event.OrderPlaced(orderId, actor.id(), item.id(), c.qty(), price, amount, expiresAt,
          flash == null ? null : flash.id(), coupon == null ? null : coupon.id(), discount));
      if (item.stock() == c.qty()) {
        events.add(new Event.SoldOut(item.id()));
      }
      if (flash != null && flash.left(item.stock()) == c.qty()) {
        endFlash(flash, "sold_out", flash.sold() + c.qty());
      }
      result.put("orderId", orderId);
      result.put("priceCents", price);
      result.put("amountCents", amount);
      result.put("status", OrderState.Status.PENDING.wire());
      result.put("expiresAt", expiresAt);
      if (flash != null) {
        result.put("flashId", flash.id());
      }
      if (coupon != null) {
        result.put("couponId", coupon.id());
        result.put("discountCents", discount);
      }
    }

    private void cancelOrder(CancelOrder c) {
      OrderState order = state.order(c.orderId());
      if (order == null || !order.terms().viewerId().equals(actor.id())) {
        throw ShowError.notFound("no order " + c.orderId() + " of viewer " + actor.id());
      }
      if (order.status() != OrderState.Status.PENDING) {
        throw new ShowError(CONFLICT, "order " + order.id() + " is " + order.status().lower() + " and cannot be cancelled");
      }
      if (order.terms().expiresAt() <= now) {
        throw new ShowError(CONFLICT, "order " + order.id() + " has expired");
      }
      events.add(new Event.OrderCancelled(order.id()));
      result.put("orderId", order.id());
      result.put("status", OrderState.Status.CANCELLED.wire());
    }

    private void payment(RecordPayment c) {
      OrderState order = state.order(c.orderId());
      if (order == null) {
        throw ShowError.notFound("no order " + c.orderId());
      }
      if (!"PAID".equals(c.status()) && !"FAILED".equals(c.status())) {
        throw ShowError.invalid("status must be PAID or FAILED");
      }
      if (c.paymentId() == null || c.paymentId().isBlank()) {
        throw ShowError.invalid("paymentId is required");
      }
      result.put("orderId", order.id());
      if (c.amountCents() != order.terms().amountCents()) {
        if (!order.hasMismatch(c.paymentId(), c.amountCents())) {
          events.add(new Event.PaymentMismatch(order.id(), c.paymentId(), c.status(), c.amountCents(),
              order.terms().amountCents()));
        }
        result.put("status", order.status().wire());
        result.put("conflict", "payment " + c.paymentId() + " is for " + c.amountCents() + " fen but order "
            + order.id() + " is for " + order.terms().amountCents() + "; recorded, the order is unchanged");
        return;
      }
      OrderState.Status status = order.status();
      if (status == OrderState.Status.PENDING && order.terms().expiresAt() <= now) {
        events.add(new Event.OrderExpired(order.id()));
        status = OrderState.Status.EXPIRED;
      }
      if ("FAILED".equals(c.status())) {
        if (status == OrderState.Status.PENDING) {
          events.add(new Event.PaymentFailed(order.id(), c.paymentId()));
        }
        result.put("status", status.wire());
        return;
      }
      switch (status) {
        case PENDING -> {
          events.add(new Event.OrderPaid(order.id(), c.paymentId()));
          reachTier(state.item(order.terms().itemId()), order.terms().qty());
          if (state.status() == ShowStatus.ENDED) {
            // paid within its hold after the end: what is owed back is settled again, so the last word is right
            Event.TierSettled settled = Refunds.settlementAfterPaying(state, order);
            if (settled != null) {
              events.add(settled);
            }
          }
        }
        case PAID -> {
          if (!c.paymentId().equals(order.paymentId())) {
            conflict(order, c.paymentId(), status, "is already paid by " + order.paymentId());
          }
        }
        case CANCELLED, EXPIRED -> conflict(order, c.paymentId(), status,
            "is " + status.lower() + " and its stock stays released");
      }
      result.put("status", status == OrderState.Status.PENDING ? OrderState.Status.PAID.wire() : status.wire());
    }

    /** Paid units alone move a group deal: announce the highest tier this payment reaches, if a new one. */
    private void reachTier(ItemState item, int paidQty) {
      long paidUnits = item.paidUnits() + paidQty;
      int tier = item.tierFor(paidUnits);
      if (tier > item.tierReached()) {
        Tier reached = item.spec().tiers().get(tier);
        events.add(new Event.TierReached(item.id(), tier, reached.minUnits(), reached.priceCents(), paidUnits));
      }
    }

    /** Money arrived for an order that cannot take it: recorded once per payment, for a refund. */
    private void conflict(OrderState order, String paymentId, OrderState.Status status, String why) {
      if (!order.hasConflict(paymentId)) {
        events.add(new Event.PaymentConflict(order.id(), paymentId, status.wire()));
      }
      result.put("conflict", "order " + order.id() + " " + why + "; the payment " + paymentId
          + " is recorded for refund");
    }

    private void expire() {
      Map<String, Long> flashUnitsReleased = new HashMap<>();
      for (OrderState order : state.holdsExpiredBy(now)) {
        events.add(new Event.OrderExpired(order.id()));
        if (order.terms().flashId() != null) {
          flashUnitsReleased.merge(order.terms().flashId(), (long) order.terms().qty(), Long::sum);
        }
      }
      if (state.status() == ShowStatus.LIVE) {
        for (FlashSale flash : state.promotions().flashesDueBy(now)) {
          moveFlash(flash, flashUnitsReleased.getOrDefault(flash.id(), 0L));
        }
      }
      for (LotteryState open : state.lotteries()) {
        if (open.phase() == LotteryState.Phase.OPEN && open.terms().closesAt() != null && open.terms().closesAt() <= now) {
          close(open, true);
        }
      }
      for (Approvals.Pending waiting : state.approvals().expiredBy(now)) {
        events.add(new Event.ApprovalExpired(waiting.id()));
      }
      result.clear();
      result.put("expired", events.size());
    }

    // ---- promotions (docs/protocol.md §Promotions) ----

    private void scheduleFlash(ScheduleFlash c) {
      requireLive();
      ItemState item = sellable(c.itemId());
      long price = c.priceCents();
      upToListPrice("flash price", price, item);
      int startIn = c.startInSeconds() == null ? ShowRules.DEFAULT_FLASH_COUNTDOWN_SECONDS : c.startInSeconds();
      within("startInSeconds", startIn, 0, ShowRules.MAX_FLASH_COUNTDOWN_SECONDS);
      within("durationSeconds", c.durationSeconds(), ShowRules.MIN_FLASH_SECONDS, ShowRules.MAX_FLASH_SECONDS);
      if (c.stock() != null) {
        within("stock", c.stock(), 1, ShowRules.MAX_STOCK);
      }
      int limit = c.limitPerViewer() == null ? 1 : c.limitPerViewer();
      within("limitPerViewer", limit, 1, ShowRules.MAX_ORDER_QTY);
      FlashSale open = state.promotions().openFlashOn(item.id());
      if (open != null) {
        throw new ShowError(CONFLICT, item.id() + " already has flash sale " + open.id() + " "
            + open.status().wire() + "; cancel it first");
      }
      if (state.promotions().flashes().size() >= ShowRules.MAX_FLASH_SALES) {
        throw new ShowError(CONFLICT, "a show holds at most " + ShowRules.MAX_FLASH_SALES + " flash sales");
      }
      String concern = concernWithCoupons(item, price);
      if (concern != null && !c.confirm()) {
        throw new ShowError(ErrorCode.PRICE_GUARD, concern + "; send confirm: true to schedule it");
      }
      if (heldForApproval(c, item.id(), item.spec().listPriceCents(), price)) {
        return;
      }
      String id = "f" + nextSeq();
      long startsAt = now + startIn * 1000L;
      long endsAt = startsAt + c.durationSeconds() * 1000L;
      events.add(new Event.FlashScheduled(id, item.id(), price, startsAt, endsAt, c.stock(), limit, concern != null));
      if (startIn == 0) {
        events.add(new Event.FlashStarted(id));
        events.add(new Event.PriceChanged(item.id(), item.currentPriceCents(), item.priceWith(price), false, false,
            "flash_start"));
      }
      result.put("flashId", id);
      result.put("startsAt", startsAt);
      result.put("endsAt", endsAt);
    }

    private void cancelFlash(CancelFlash c) {
      requireNotEnded();
      FlashSale flash = state.promotions().flash(c.flashId());
      if (flash == null) {
        throw ShowError.notFound("no flash sale " + c.flashId() + " in show " + state.id());
      }
      if (!flash.status().open()) {
        throw new ShowError(CONFLICT, "flash sale " + flash.id() + " is already " + flash.status().wire());
      }
      endFlash(flash, "cancelled", flash.sold());
      result.put("flashId", flash.id());
    }

    /** The clock reached a sale's start or end; {@code released} of its units expire in this same decision. */
    private void moveFlash(FlashSale flash, long released) {
      if (flash.status() == FlashSale.Status.LIVE || now >= flash.terms().endsAt()) {
        // a sale whose whole window passed while nothing ran ends without ever changing the price
        endFlash(flash, "time", flash.sold() - released);
      } else {
        ItemState item = state.item(flash.terms().itemId());
        events.add(new Event.FlashStarted(flash.id()));
        events.add(new Event.PriceChanged(item.id(), item.currentPriceCents(), item.priceWith(flash.terms().priceCents()),
            false, false, "flash_start"));
      }
    }

    /** Ends a sale; a live one gives the item back the price it had before. */
    private void endFlash(FlashSale flash, String reason, long sold) {
      events.add(new Event.FlashEnded(flash.id(), reason, sold));
      if (flash.status() == FlashSale.Status.LIVE) {
        ItemState item = state.item(flash.terms().itemId());
        events.add(new Event.PriceChanged(item.id(), item.currentPriceCents(), item.priceWith(item.livePriceCents()),
            false, false, "flash_end"));
      }
    }

    private void endFlashesWithShow() {
      for (FlashSale flash : state.promotions().flashes()) {
        if (flash.status().open()) {
          endFlash(flash, flash.status() == FlashSale.Status.LIVE ? "time" : "cancelled", flash.sold());
        }
      }
    }

    /** An order in a live sale stays within the sale's units and its per-viewer limit. */
    private void withinFlash(FlashSale flash, ItemState item, int qty) {
      long left = flash.left(item.stock());
      if (qty > left) {
        throw new ShowError(ErrorCode.SOLD_OUT, "flash sale " + flash.id() + " has only " + left + " left");
      }
      long already = flash.unitsOf(actor.id());
      if (already + qty > flash.terms().limitPerViewer()) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "flash sale " + flash.id() + " is limited to "
            + flash.terms().limitPerViewer() + " per viewer; " + actor.id() + " already has " + already);
      }
    }

    private void refuseDuringFlash(ItemState item) {
      FlashSale live = state.promotions().liveFlashOn(item.id());
      if (live != null) {
        throw new ShowError(CONFLICT, "flash sale " + live.id() + " is live on " + item.id()
            + "; its price comes back when it ends (or cancel it)");
      }
    }

    /** The guard on a new price (a staff price or a flash price), alone and with each coupon good for the item. */
    private String concernWithCoupons(ItemState item, long price) {
      String concern = priceGuard.concern(item.spec(), price);
      if (concern != null) {
        return concern;
      }
      for (Coupon coupon : state.promotions().couponsFor(item.id())) {
        concern = couponConcern(item, price, coupon.id(), coupon.terms().amountOffCents(), coupon.terms().minSpendCents());
        if (concern != null) {
          return concern;
        }
      }
      return null;
    }

    /** Why one unit bought at {@code priceCents} with this coupon needs confirming, or null. */
    private String couponConcern(ItemState item, long priceCents, String couponId, long amountOff, long minSpend) {
      if (priceCents < minSpend) {
        return null; // one unit does not reach the coupon's minimum spend
      }
      long withCoupon = Math.max(0, priceCents - amountOff);
      String concern = priceGuard.concern(item.spec(), withCoupon);
      return concern == null ? null : "with coupon " + couponId + " one unit sells at " + Fen.yuan(withCoupon)
          + ": " + concern;
    }

    private void createCoupon(CreateCoupon c) {
      requireNotEnded();
      if (!state.hasSheet()) {
        throw new ShowError(CONFLICT, "load a run-sheet before creating coupons");
      }
      String id = c.couponId() == null ? "c" + nextSeq() : couponId(c.couponId());
      if (state.promotions().coupon(id) != null) {
        throw new ShowError(CONFLICT, "coupon " + id + " already exists");
      }
      if (state.promotions().coupons().size() >= ShowRules.MAX_COUPONS) {
        throw new ShowError(CONFLICT, "a show holds at most " + ShowRules.MAX_COUPONS + " coupons");
      }
      String name = text(c.couponName(), "name");
      if (name.length() > ShowRules.MAX_COUPON_NAME_LENGTH) {
        throw ShowError.invalid("name is longer than " + ShowRules.MAX_COUPON_NAME_LENGTH + " characters");
      }
      price("amountOffCents", c.amountOffCents(), 1);
      long minSpend = c.minSpendCents() == null ? 0 : c.minSpendCents();
      price("minSpendCents", minSpend, 0);
      List<String> itemIds = c.itemIds() == null ? null : couponItems(c.itemIds());
      within("total", c.total(), 1, ShowRules.MAX_COUPON_TOTAL);
      int perViewer = c.perViewer() == null ? 1 : c.perViewer();
      within("perViewer", perViewer, 1, ShowRules.MAX_COUPONS_PER_VIEWER);
      if (c.claimSeconds() != null) {
        within("claimSeconds", c.claimSeconds(), 1, ShowRules.MAX_CLAIM_SECONDS);
      }
      String concern = null;
      for (ItemState item : state.running()) {
        if (item.role() != ItemRole.LOTTERY && (itemIds == null || itemIds.contains(item.id()))) {
          concern = concern != null ? concern : lowestWithCoupon(item, id, c.amountOffCents(), minSpend);
        }
      }
      if (concern != null && !c.confirm()) {
        throw new ShowError(ErrorCode.PRICE_GUARD, concern + "; send confirm: true to create it");
      }
      ItemState cheapest = cheapestCovered(itemIds);
      if (cheapest != null) {
        long base = Math.max(minSpend, cheapest.spec().listPriceCents());
        if (heldForApproval(c, cheapest.id(), base, Math.max(0, base - c.amountOffCents()))) {
          return;
        }
      }
      events.add(new Event.CouponCreated(id, name, c.amountOffCents(), minSpend, itemIds, c.total(), perViewer,
          c.claimSeconds(), concern != null));
      result.put("couponId", id);
    }

    /** The guard on an item with a coupon, at its current price and at the price of a sale ahead of it. */
    private String lowestWithCoupon(ItemState item, String couponId, long amountOff, long minSpend) {
      String concern = couponConcern(item, item.currentPriceCents(), couponId, amountOff, minSpend);
      FlashSale flash = state.promotions().openFlashOn(item.id());
      if (concern == null && flash != null) {
        concern = couponConcern(item, item.priceWith(flash.terms().priceCents()), couponId, amountOff, minSpend);
        return concern == null ? null : concern + " in flash sale " + flash.id();
      }
      return concern;
    }

    private String couponId(String id) {
      if (id.isEmpty() || id.length() > ShowRules.MAX_COUPON_ID_LENGTH || !id.matches("[A-Za-z0-9_-]+")) {
        throw ShowError.invalid("couponId must be 1 to " + ShowRules.MAX_COUPON_ID_LENGTH
            + " letters, digits, '-' or '_'");
      }
      return id;
    }

    private List<String> couponItems(List<String> itemIds) {
      if (itemIds.isEmpty() || itemIds.size() > ShowRules.MAX_COUPON_ITEMS) {
        throw ShowError.invalid("itemIds must name 1 to " + ShowRules.MAX_COUPON_ITEMS
            + " items, or be left out for every item");
      }
      Set<String> ids = new LinkedHashSet<>();
      for (String itemId : itemIds) {
        ids.add(sellable(itemId).id());
      }
      return List.copyOf(ids);
    }

    private void issueCoupon(IssueCoupon c) {
      requireLive();
      Coupon coupon = coupon(c.couponId());
      if (coupon.status() != Coupon.Status.CREATED) {
        throw new ShowError(CONFLICT, "coupon " + coupon.id() + " is already " + coupon.status().wire());
      }
      Long claimUntil = coupon.terms().claimSeconds() == null ? null : now + coupon.terms().claimSeconds() * 1000L;
      events.add(new Event.CouponIssued(coupon.id(), coupon.terms().name(), coupon.terms().amountOffCents(), coupon.terms().minSpendCents(),
          coupon.terms().itemIds(), coupon.terms().total(), coupon.terms().perViewer(), claimUntil));
      result.put("couponId", coupon.id());
      if (claimUntil != null) {
        result.put("claimUntil", claimUntil);
      }
    }

    private void stopCoupon(StopCoupon c) {
      requireNotEnded();
      Coupon coupon = coupon(c.couponId());
      if (coupon.status() != Coupon.Status.STOPPED) {
        events.add(new Event.CouponStopped(coupon.id()));
      }
      result.put("couponId", coupon.id());
    }

    private void claimCoupon(ClaimCoupon c) {
      requireLive();
      Coupon coupon = coupon(c.couponId());
      if (!coupon.claimable(now)) {
        String why = coupon.status() == Coupon.Status.ISSUED ? "past its claim window" : coupon.status() == Coupon.Status.CREATED
            ? "not issued yet" : "stopped";
        throw new ShowError(CONFLICT, "coupon " + coupon.id() + " is " + why);
      }
      if (coupon.remaining() <= 0) {
        throw new ShowError(ErrorCode.SOLD_OUT, "coupon " + coupon.id() + " is all claimed");
      }
      if (coupon.claimsOf(actor.id()) >= coupon.terms().perViewer()) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "coupon " + coupon.id() + " is limited to "
            + coupon.terms().perViewer() + " per viewer");
      }
      events.add(new Event.CouponClaimed(coupon.id(), actor.id()));
      result.put("couponId", coupon.id());
      result.put("remaining", coupon.remaining() - 1);
    }

    /** A coupon the viewer holds unused, good for this item and an order of {@code amountCents}. */
    private Coupon usableCoupon(String couponId, ItemState item, long amountCents) {
      Coupon coupon = state.promotions().coupon(couponId);
      if (coupon == null || coupon.unusedOf(actor.id()) < 1) {
        throw new ShowError(ErrorCode.NOT_ELIGIBLE, "coupon " + couponId + " is not one " + actor.id()
            + " holds unused");
      }
      if (!coupon.coversItem(item.id())) {
        throw new ShowError(ErrorCode.NOT_ELIGIBLE, "coupon " + coupon.id() + " is not for " + item.id());
      }
      if (amountCents < coupon.terms().minSpendCents()) {
        throw new ShowError(ErrorCode.NOT_ELIGIBLE, "coupon " + coupon.id() + " needs an order of at least "
            + Fen.yuan(coupon.terms().minSpendCents()) + "; this one is " + Fen.yuan(amountCents));
      }
      return coupon;
    }

    private Coupon coupon(String couponId) {
      Coupon coupon = state.promotions().coupon(couponId);
      if (coupon == null) {
        throw ShowError.notFound("no coupon " + couponId + " in show " + state.id());
      }
      return coupon;
    }

    private static void within(String field, long value, long min, long max) {
      if (value < min || value > max) {
        throw ShowError.invalid(field + " must be between " + min + " and " + max + ", got " + value);
      }
    }

    // ---- two-person rule (docs/protocol.md §Two-person rule) ----

    /**
     * Under the show's rule, a cut from {@code fromCents} to {@code toCents} deeper than its fraction is
     * recorded as a request instead of applied; true when it was. A granted request runs unheld.
     */
    private boolean heldForApproval(Command command, String itemId, long fromCents, long toCents) {
      ApprovalRule rule = state.meta().approval();
      if (rule == null || granting || !rule.needsApproval(fromCents, fromCents - toCents)) {
        return false;
      }
      if (state.approvals().pending().size() >= ApprovalRule.MAX_PENDING) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "show " + state.id() + " already has "
            + ApprovalRule.MAX_PENDING + " cuts waiting for approval; grant or deny some first");
      }
      String id = "ap" + nextSeq();
      long expiresAt = now + rule.expireMillis();
      events.add(new Event.ApprovalRequested(id, command.name(), command instanceof SetPrice s ? s : null,
          command instanceof ScheduleFlash f ? f : null, command instanceof CreateCoupon c ? c : null, itemId,
          fromCents, toCents, rule.cutFraction(), actor, expiresAt));
      result.clear();
      result.put("pending", true);
      result.put("approvalId", id);
      result.put("expiresAt", expiresAt);
      return true;
    }

    /** The item with the lowest list price a coupon covers (every sellable item when it names none), or null. */
    private ItemState cheapestCovered(List<String> itemIds) {
      ItemState cheapest = null;
      for (ItemState item : state.running()) {
        if (item.role() != ItemRole.LOTTERY && (itemIds == null || itemIds.contains(item.id()))
            && (cheapest == null || item.spec().listPriceCents() < cheapest.spec().listPriceCents())) {
          cheapest = item;
        }
      }
      return cheapest;
    }

    /** Applies a waiting request: judged again, guard included, against the show as it is now. */
    private void grant(GrantApproval c) {
      Approvals.Pending waiting = waiting(c.approvalId());
      Event.ApprovalRequested request = waiting.request();
      if (request.requester().keyScope().equals(actor.keyScope())) {
        throw new ShowError(ErrorCode.FORBIDDEN, "approval " + waiting.id()
            + " was requested by you; someone else of the staff must grant it");
      }
      events.add(new Event.ApprovalGranted(waiting.id()));
      granting = true;
      apply(request.command());
      result.put("approvalId", waiting.id());
    }

    private void deny(DenyApproval c) {
      Approvals.Pending waiting = waiting(c.approvalId());
      events.add(new Event.ApprovalDenied(waiting.id()));
      result.put("approvalId", waiting.id());
    }

    private Approvals.Pending waiting(String approvalId) {
      if (approvalId == null || approvalId.isBlank()) {
        throw ShowError.invalid("approvalId is required");
      }
      Approvals.Pending waiting = state.approvals().pending(approvalId);
      String settled = state.approvals().settled(approvalId);
      if (waiting != null && waiting.request().expiresAt() <= now) {
        settled = "expired";
      } else if (waiting != null) {
        return waiting;
      }
      if (settled != null) {
        throw new ShowError(CONFLICT, "approval " + approvalId + " is already " + settled);
      }
      throw ShowError.notFound("no approval " + approvalId + " waiting in show " + state.id());
    }

    // ---- lookups and guards ----

    private ItemState item(String itemId) {
      if (itemId == null || itemId.isBlank()) {
        throw ShowError.invalid("itemId is required");
      }
      ItemState item = state.item(itemId);
      if (item == null) {
        throw ShowError.notFound("no item " + itemId + " in the run-sheet of show " + state.id());
      }
      return item;
    }

    private ItemState sellable(String itemId) {
      ItemState item = item(itemId);
      if (item.role() == ItemRole.LOTTERY) {
        throw ShowError.invalid(item.id() + " is a lottery prize and is not sold");
      }
      return item;
    }

    private LotteryState lottery(String lotteryId) {
      LotteryState found = lotteryId == null ? null : state.lottery(lotteryId);
      if (found == null) {
        throw ShowError.notFound("no lottery " + lotteryId + " in show " + state.id());
      }
      return found;
    }

    private void requireLive() {
      requireNotEnded();
      if (state.status() != ShowStatus.LIVE) {
        throw new ShowError(ErrorCode.SHOW_NOT_LIVE, "show " + state.id() + " has not started");
      }
    }

    private void requireNotEnded() {
      if (state.status() == ShowStatus.ENDED) {
        throw new ShowError(ErrorCode.SHOW_ENDED, "show " + state.id() + " has ended");
      }
    }

    private String text(String text, String field) {
      if (text == null || text.isBlank()) {
        throw ShowError.invalid(field + " is required");
      }
      if (text.length() > ShowRules.MAX_TEXT_LENGTH) {
        throw ShowError.invalid(field + " is longer than " + ShowRules.MAX_TEXT_LENGTH + " characters");
      }
      return text.strip();
    }
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
