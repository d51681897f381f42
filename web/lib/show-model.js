// A page's copy of its show: the snapshot of the welcome, then every event folded in as the server folds it
// (ShowState.evolve), so console, prompter and storefront show the same thing as the server without asking
// again. Staff frames carry the item's live figures; viewers' frames are rebuilt from what they carry.
// The kinds are the server's (lib/vocabulary.js); what each does to the show is written here.
import { applyComment, loadComments } from './comments-model.js';
import { applyPromotion, couponCounts, couponUse, flashFigures, loadPromotions } from './promotions-model.js';
import { byKind, kind } from './vocabulary.js';

/** Fields of a staff frame's `item`, copied onto the item as they are. */
const FIGURES = ['priceCents', 'stock', 'sold', 'status', 'tier', 'refundCents'];
const PRICE_CHANGES_KEPT = 50;
const ORDER_PLACED = kind('order.placed');

export class ShowModel {
  constructor() {
    this.show = null;
    this.items = [];
    this.byId = new Map();
  }

  /** Replaces everything with a snapshot; serverTime is when it was taken (for the on-air item's time). */
  load(snapshot, serverTime = Date.now()) {
    this.show = snapshot;
    this.items = snapshot.items || [];
    this.byId = new Map(this.items.map((item) => [item.id, item]));
    snapshot.announcements = snapshot.announcements || [];
    snapshot.lotteries = snapshot.lotteries || [];
    snapshot.notes = snapshot.notes || [];
    snapshot.priceChanges = snapshot.priceChanges || [];
    snapshot.approvals = snapshot.approvals || [];
    loadPromotions(snapshot);
    loadComments(snapshot);
    for (const item of this.items) {
      item.airedBaseMillis = item.airedSeconds * 1000;
    }
    const onAir = this.onAir();
    if (onAir) {
      onAir.airedBaseMillis = Math.max(0, onAir.airedBaseMillis - Math.max(0, serverTime - snapshot.cue.since));
    }
  }

  get loaded() {
    return this.show !== null;
  }

  item(id) {
    return id ? this.byId.get(id) : undefined;
  }

  /** The item on air, or undefined when a segment (or nothing) is. */
  onAir() {
    return this.item(this.show?.cue?.itemId);
  }

  /** Milliseconds an item has been on air, its running slot included. */
  airedMillis(item, now) {
    const cue = this.show.cue;
    const running = cue && cue.itemId === item.id ? Math.max(0, now - cue.since) : 0;
    return item.airedBaseMillis + running;
  }

  /** Where cue.next and cue.prev go, in order: opening, every non-backup item, closing (ShowState.cueStops). */
  stops() {
    const stops = [];
    if (hasText(this.show.opening)) {
      stops.push({ segment: 'opening' });
    }
    for (const item of this.items) {
      if (item.role !== 'backup') {
        stops.push({ itemId: item.id });
      }
    }
    if (hasText(this.show.closing)) {
      stops.push({ segment: 'closing' });
    }
    return stops;
  }

  /** The item after the one on air in running order, backups skipped. */
  next() {
    const stops = this.stops();
    const cue = this.show.cue;
    const at = cue ? stops.findIndex((s) => (cue.itemId ? s.itemId === cue.itemId : s.segment === cue.segment)) : -1;
    for (let i = at + 1; i < stops.length; i++) {
      if (stops[i].itemId) {
        return this.item(stops[i].itemId);
      }
    }
    return undefined;
  }

  /** Where the item starts by the plan: the planned seconds of every stop before it. */
  plannedStartSeconds(item) {
    let total = 0;
    for (const other of this.items) {
      if (other.id === item.id) {
        return total;
      }
      if (other.role !== 'backup') {
        total += other.plannedSeconds;
      }
    }
    return total;
  }

  pinned() {
    return this.show.announcements.find((a) => a.pinned);
  }

  lottery(id) {
    return this.show.lotteries.find((l) => l.lotteryId === id);
  }

  /** Price changes the host has not acknowledged yet, oldest first. */
  unackedPriceChanges() {
    return this.show.priceChanges.filter((change) => change.seq > (this.show.priceAckedThrough || 0));
  }

  unackedNotes() {
    return this.show.notes.filter((note) => !note.ackedAt);
  }

  /** Folds one event frame in; returns false for kinds that change nothing here (viewer activity, say). */
  apply(frame) {
    this.show.seq = Math.max(this.show.seq || 0, frame.seq);
    if (frame.item) {
      this.figures(frame.item);
    }
    const data = frame.data || {};
    if (frame.coupon) {
      couponCounts(this.show, frame.coupon);
    } else if (data.couponId && frame.kind === ORDER_PLACED) {
      couponUse(this.show, data.couponId, 1);
    }
    if (applyPromotion(this.show, frame) || applyComment(this.show, frame)) {
      return true;
    }
    const fold = FOLDS.get(frame.kind);
    if (!fold) {
      return Boolean(frame.item);
    }
    fold(this, frame, data);
    return true;
  }

  settleApproval(approvalId) {
    this.show.approvals = (this.show.approvals || []).filter((a) => a.approvalId !== approvalId);
  }

  /** A staff frame's item figures, or a viewer's stock frame: the numbers as the server has them now. */
  figures(figures) {
    const item = this.item(figures.itemId);
    if (item) {
      for (const key of FIGURES) {
        if (key in figures) {
          item[key] = figures[key];
        }
      }
    }
    flashFigures(this.show, figures);
  }

  closeCue(ts) {
    const onAir = this.onAir();
    if (onAir) {
      onAir.airedBaseMillis += Math.max(0, ts - this.show.cue.since);
    }
  }

  swap(itemId, backupId) {
    const item = this.item(itemId);
    const backup = this.item(backupId);
    if (!item || !backup) {
      return;
    }
    const itemAt = this.items.indexOf(item);
    const backupAt = this.items.indexOf(backup);
    backup.role = item.role;
    backup.plannedSeconds = item.plannedSeconds;
    item.role = 'backup';
    item.plannedSeconds = 0;
    this.items[itemAt] = backup;
    this.items[backupAt] = item;
  }

  shelf(itemId, on) {
    const item = this.item(itemId);
    if (item) {
      item.status = on ? (item.stock === 0 ? 'sold_out' : 'on_shelf') : 'off_shelf';
    }
  }

  soldOut(itemId) {
    const item = this.item(itemId);
    if (item && item.status === 'on_shelf') {
      item.status = 'sold_out';
    }
  }

  priceChanged(frame, data) {
    const item = this.item(data.itemId);
    if (!item) {
      return;
    }
    if ('priceCents' in data) {
      item.priceCents = data.priceCents;
    }
    if (data.reason) {
      return; // a flash sale's start or end: the live price and its history stay as staff set them
    }
    item.livePriceCents = data.toCents;
    if (Array.isArray(item.priceHistory)) {
      if (data.revert) {
        item.priceHistory.shift();
      } else {
        item.priceHistory.unshift(data.fromCents);
      }
      item.previousPriceCents = item.priceHistory.length > 0 ? item.priceHistory[0] : undefined;
    }
    if (frame.actor) {
      const changes = this.show.priceChanges;
      changes.push({ seq: frame.seq, ts: frame.ts, itemId: data.itemId, from: data.fromCents, to: data.toCents,
        revert: Boolean(data.revert), by: frame.actor.role, byName: frame.actor.name });
      if (changes.length > PRICE_CHANGES_KEPT) {
        changes.splice(0, changes.length - PRICE_CHANGES_KEPT);
      }
    }
  }

  /** A viewer's tier frame: the tier reached, what an order pays now and what the next step is. */
  tierReached(data) {
    const item = this.item(data.itemId);
    if (!item || !Array.isArray(item.tiers)) {
      return;
    }
    item.priceCents = Math.min(item.livePriceCents, data.priceCents);
    const next = item.tiers[data.tier + 1];
    // tiers are reached by paid units only (docs/protocol.md §Group-buy tiers)
    const paidUnits = data.paidUnits ?? item.tier?.paidUnits ?? 0;
    item.tier = { reached: data.tier, priceCents: data.priceCents, paidUnits };
    if (next) {
      Object.assign(item.tier, { nextMinUnits: next.minUnits, nextPriceCents: next.priceCents,
        unitsToNext: Math.max(0, next.minUnits - paidUnits) });
    }
  }

  /** The end of the show settled a tiered item: what its paid orders are owed back, for the staff. */
  tierSettled(data) {
    const item = this.item(data.itemId);
    if (item) {
      item.refundCents = data.refundCents;
      item.settlement = { priceCents: data.priceCents, paidUnits: data.paidUnits, refunds: data.refunds,
        refundCents: data.refundCents };
    }
  }

  acked(frame, data) {
    if (data.noteId) {
      const note = this.show.notes.find((n) => n.noteId === data.noteId);
      if (note) {
        note.ackedAt = frame.ts;
      }
    }
    if (data.seq) {
      this.show.priceAckedThrough = Math.max(this.show.priceAckedThrough || 0, data.seq);
    }
  }

  entrants(data) {
    const lottery = this.lottery(data.lotteryId);
    if (lottery) {
      lottery.entrants = 'entrants' in data ? data.entrants : lottery.entrants + 1;
    }
  }

  drawn(data) {
    const lottery = this.lottery(data.lotteryId);
    if (!lottery) {
      return;
    }
    Object.assign(lottery, { phase: 'drawn', winners: data.winners, seed: data.seed });
    if (data.youWon) {
      lottery.youWon = true;
    }
    const prize = this.item(lottery.itemId);
    if (prize && typeof prize.prizesLeft === 'number') {
      prize.prizesLeft -= data.winners.length;
    }
  }
}

/** How each kind changes the page's show, as ShowState.evolve changes the server's. */
const FOLDS = byKind({
  'show.started': (model, frame) => {
    model.show.status = 'live';
    model.show.startedAt = frame.ts;
  },
  'show.ended': (model, frame) => {
    model.closeCue(frame.ts);
    Object.assign(model.show, { cue: null, status: 'ended', endedAt: frame.ts });
  },
  'runsheet.loaded': (model, frame, data) => {
    if (data.items) {
      model.load({ ...model.show, items: data.items }, frame.ts);
    }
  },
  'cue.changed': (model, frame, data) => {
    model.closeCue(frame.ts);
    model.show.cue = data.itemId ? { itemId: data.itemId, since: frame.ts } : { segment: data.segment, since: frame.ts };
  },
  'runsheet.swapped': (model, frame, data) => model.swap(data.itemId, data.backupId),
  'item.listed': (model, frame, data) => model.shelf(data.itemId, true),
  'item.delisted': (model, frame, data) => model.shelf(data.itemId, false),
  'item.price_changed': (model, frame, data) => model.priceChanged(frame, data),
  'item.stock_changed': (model, frame, data) => {
    if ('stock' in data && 'sold' in data) {
      model.figures(data);
    }
  },
  'item.sold_out': (model, frame, data) => model.soldOut(data.itemId),
  'item.tier_reached': (model, frame, data) => {
    if (!frame.item) {
      model.tierReached(data);
    }
  },
  'item.tier_settled': (model, frame, data) => model.tierSettled(data),
  'announce.published': (model, frame, data) => {
    const { announcements } = model.show;
    if (data.pinned) {
      announcements.forEach((a) => { a.pinned = false; });
    }
    announcements.push({ announcementId: data.announcementId, text: data.text, pinned: Boolean(data.pinned), publishedAt: frame.ts });
  },
  'announce.retracted': (model, frame, data) => {
    model.show.announcements = model.show.announcements.filter((a) => a.announcementId !== data.announcementId);
  },
  'cue.note': (model, frame, data) => {
    model.show.notes.push({ noteId: data.noteId, text: data.text, sentAt: frame.ts, ackedAt: null });
  },
  'cue.acked': (model, frame, data) => model.acked(frame, data),
  'lottery.opened': (model, frame, data) => {
    model.show.lotteries.push({
      lotteryId: data.lotteryId, itemId: data.itemId, winnersCount: data.winners, rule: data.rule,
      phase: 'open', commitment: data.commitment, closesAt: data.closesAt ?? null, openedAt: frame.ts, entrants: 0,
    });
  },
  'lottery.entered': (model, frame, data) => model.entrants(data),
  'lottery.entrants': (model, frame, data) => model.entrants(data),
  'lottery.closed': (model, frame, data) => {
    Object.assign(model.lottery(data.lotteryId) || {}, { phase: 'closed', entrants: data.entrants, entrantsHash: data.entrantsHash });
  },
  'lottery.drawn': (model, frame, data) => model.drawn(data),
  // staff hear each reservation; viewers hear the count (docs/protocol.md §Event kinds)
  // two-person rule (docs/protocol.md §Two-person rule): the staff's waiting cuts, as Approvals folds them
  'approval.requested': (model, frame, data) => {
    model.show.approvals.push({ ...data, requestedAt: frame.ts });
  },
  'approval.granted': (model, frame, data) => model.settleApproval(data.approvalId),
  'approval.denied': (model, frame, data) => model.settleApproval(data.approvalId),
  'approval.expired': (model, frame, data) => model.settleApproval(data.approvalId),
  'show.reserved': (model) => { model.show.reservations = (model.show.reservations || 0) + 1; },
  'show.reservations': (model, frame, data) => { model.show.reservations = data.reservations; },
});

function hasText(text) {
  return typeof text === 'string' && text.trim() !== '';
}
