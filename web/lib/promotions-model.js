// Flash sales and coupons folded from their events (docs/protocol.md §Promotions), as the server folds them
// (Promotions in ShowState): the snapshot's `flashes`, `coupons` and, for a viewer, `myCoupons`.
import { byKind, foldWith } from './vocabulary.js';

/** Makes sure a snapshot has its promotion lists. */
export function loadPromotions(show) {
  show.flashes = show.flashes || [];
  show.coupons = show.coupons || [];
  show.myCoupons = show.myCoupons || [];
}

/** The item's sale that is scheduled or live, or undefined. */
export function openFlashOn(show, itemId) {
  return show.flashes.find((f) => f.itemId === itemId && (f.status === 'scheduled' || f.status === 'live'));
}

/** The item's most recent sale, whatever became of it. */
export function lastFlashOn(show, itemId) {
  const all = show.flashes.filter((f) => f.itemId === itemId);
  return all[all.length - 1];
}

export function coupon(show, couponId) {
  return show.coupons.find((c) => c.couponId === couponId);
}

const flashOf = (show, id) => show.flashes.find((f) => f.flashId === id);

/** What each promotion event does to the show, as Promotions in ShowState folds it. */
const PROMOTION_FOLDS = byKind({
  'flash.scheduled': (show, data) => {
    show.flashes.push({ flashId: data.flashId, itemId: data.itemId, priceCents: data.priceCents, startsAt: data.startsAt,
      endsAt: data.endsAt, stock: data.stock ?? null, sold: 0, limitPerViewer: data.limitPerViewer, status: 'scheduled' });
  },
  'flash.started': (show, data) => {
    Object.assign(flashOf(show, data.flashId) || {}, { status: 'live' });
  },
  'flash.ended': (show, data) => {
    Object.assign(flashOf(show, data.flashId) || {}, { status: data.reason === 'cancelled' ? 'cancelled' : 'ended',
      reason: data.reason, sold: data.sold });
  },
  'coupon.created': (show, data, frame) => upsertCoupon(show, data, 'created', frame.ts),
  'coupon.issued': (show, data, frame) => upsertCoupon(show, data, 'issued', frame.ts),
  'coupon.stopped': (show, data) => {
    Object.assign(coupon(show, data.couponId) || {}, { status: 'stopped' });
  },
  'coupon.claimed': (show, data, frame) => claimed(show, data, Boolean(frame.actor)),
  'coupon.remaining': (show, data) => {
    const found = coupon(show, data.couponId);
    if (found) {
      found.claimed = found.total - data.remaining;
    }
  },
});

/** Folds a promotion frame in; false when the frame is none of theirs. */
export const applyPromotion = foldWith(PROMOTION_FOLDS);

/** An item's figures may carry its live sale's: sold and left. */
export function flashFigures(show, figures) {
  if (figures.flash) {
    const live = show.flashes.find((f) => f.flashId === figures.flash.flashId);
    if (live) {
      live.sold = figures.flash.sold;
      live.left = figures.flash.left;
    }
  }
}

/** A staff frame's coupon counts: claimed and used as the server has them now. */
export function couponCounts(show, counts) {
  Object.assign(coupon(show, counts.couponId) || {}, { claimed: counts.claimed, used: counts.used });
}

/** A viewer's own order placed with a coupon, or given back: the coupons they hold and its use. */
export function couponUse(show, couponId, delta) {
  const found = coupon(show, couponId);
  if (found) {
    found.used = (found.used || 0) + delta;
  }
  const mine = show.myCoupons.find((c) => c.couponId === couponId);
  if (mine) {
    mine.unused -= delta;
  }
}

function upsertCoupon(show, data, status, ts) {
  const known = coupon(show, data.couponId);
  const fields = { couponId: data.couponId, name: data.name, amountOffCents: data.amountOffCents,
    minSpendCents: data.minSpendCents, itemIds: data.itemIds ?? null, total: data.total, perViewer: data.perViewer,
    status, claimUntil: data.claimUntil ?? null, issuedAt: status === 'issued' ? ts : null };
  if (known) {
    Object.assign(known, fields);
  } else {
    show.coupons.push({ ...fields, claimed: 0, used: 0 });
  }
}

/** Staff frames (they name the actor) count every claim; a viewer's own frame makes the coupon theirs. */
function claimed(show, data, staff) {
  const found = coupon(show, data.couponId);
  if (!staff && found) {
    const mine = show.myCoupons.find((c) => c.couponId === data.couponId);
    if (mine) {
      mine.mine += 1;
      mine.unused += 1;
    } else {
      show.myCoupons.push({ ...found, mine: 1, unused: 1 });
    }
  }
}
