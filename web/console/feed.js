// The audit feed: every event with its time, what it was and who did it, newest first. The history comes
// from the events endpoint, then the socket keeps it going. Viewer activity is hidden unless asked for.
import { ApiError } from '../lib/api.js';
import { $, el, keyedList, setText } from '../lib/dom.js';
import { clock, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { promotionDetail } from './promotions.js';

const KEPT = 1000;
const SHOWN = 300;
const HISTORY = 500;
const VIEWER_KINDS = /^(viewer\.|order\.|lottery\.entered|coupon\.claimed)/;

export function feedDesk(desk) {
  const { model } = desk;
  // staff actions and viewer activity are kept apart, so a crowd's clicks never push the staff's out
  const staffEntries = new Map();
  const viewerEntries = new Map();
  let dirty = true;

  function add(frame) {
    const entries = VIEWER_KINDS.test(frame.kind) ? viewerEntries : staffEntries;
    if (entries.has(frame.seq)) {
      return;
    }
    dirty = dirty || entries === staffEntries || $('feed-viewers').checked;
    entries.set(frame.seq, { seq: frame.seq, ts: frame.ts, kind: frame.kind, actor: frame.actor || {}, data: frame.data || {} });
    while (entries.size > KEPT) {
      entries.delete(entries.keys().next().value);
    }
  }

  async function history() {
    const after = Math.max(0, (model.show.seq || 0) - HISTORY);
    try {
      const page = await desk.api.get(`/api/shows/${encodeURIComponent(desk.showId)}/events?after=${after}&limit=${HISTORY}`);
      page.events.forEach(add);
      desk.schedule();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
    }
  }

  const name = (itemId) => model.item(itemId)?.name ?? itemId;

  function who(actor) {
    const role = t(`by.${actor.role}`);
    return actor.id && actor.id !== actor.role ? `${role} ${actor.id}` : role;
  }

  function detail(entry) {
    const d = entry.data;
    switch (entry.kind) {
      case 'cue.changed':
        return d.itemId ? name(d.itemId) : t(`segment.${d.segment}`);
      case 'item.price_changed':
        return t('feed.price', { name: name(d.itemId), from: yuan(d.fromCents), to: yuan(d.toCents) })
          + (d.revert ? t('feed.priceRevert') : '') + (d.confirmed ? t('feed.priceConfirmed') : '');
      case 'item.stock_changed':
        return t('feed.stock', { name: name(d.itemId), stock: d.stock, delta: d.delta > 0 ? `+${d.delta}` : d.delta });
      case 'item.listed':
      case 'item.delisted':
      case 'item.sold_out':
        return name(d.itemId);
      case 'item.tier_reached':
        return t('feed.tier', { name: name(d.itemId), units: d.minUnits, price: yuan(d.priceCents) });
      case 'item.tier_settled':
        return t('feed.tierSettled', { name: name(d.itemId), price: yuan(d.priceCents), refunds: d.refunds,
          amount: yuan(d.refundCents) });
      case 'order.payment_mismatch':
        return t('feed.paymentMismatch', { orderId: d.orderId, paid: yuan(d.amountCents), amount: yuan(d.orderAmountCents) });
      case 'runsheet.swapped':
        return t('feed.swap', { item: name(d.itemId), backup: name(d.backupId) });
      case 'runsheet.loaded':
        return t('feed.loaded', { count: d.sheet?.items?.length ?? '' });
      case 'announce.published':
        return (d.pinned ? t('feed.pinned') : '') + d.text;
      case 'announce.retracted':
        return d.announcementId;
      case 'cue.note':
        return d.text;
      case 'cue.acked':
        return [d.noteId ? t('feed.ackNote', { noteId: d.noteId }) : '', d.seq ? t('feed.ackPrice', { seq: d.seq }) : ''].filter(Boolean).join(' · ');
      case 'lottery.opened':
        return t('feed.lotteryOpened', { name: name(d.itemId), winners: d.winners, rule: t(`rule.${d.rule?.type}`) });
      case 'lottery.closed':
        return t('feed.lotteryClosed', { count: d.entrants });
      case 'lottery.drawn':
        return t('feed.lotteryDrawn', { winners: (d.winners || []).join('、') || '—' });
      case 'lottery.entered':
        return model.lottery(d.lotteryId) ? name(model.lottery(d.lotteryId).itemId) : d.lotteryId;
      case 'order.placed':
        return t('feed.order', { viewer: d.viewerId, name: name(d.itemId), qty: d.qty, amount: yuan(d.amountCents) });
      case 'order.paid':
      case 'order.cancelled':
      case 'order.expired':
      case 'order.payment_failed':
      case 'order.payment_conflict':
        return d.orderId;
      case 'viewer.clicked':
        return name(d.itemId);
      default:
        return promotionDetail(entry, name);
    }
  }

  function render() {
    if (!dirty) {
      return;
    }
    dirty = false;
    const viewers = $('feed-viewers').checked;
    const shown = [...staffEntries.values(), ...(viewers ? viewerEntries.values() : [])]
      .sort((a, b) => b.seq - a.seq)
      .slice(0, SHOWN);
    const bySeq = new Map(shown.map((entry) => [String(entry.seq), entry]));
    keyedList($('feed'), shown.map((entry) => String(entry.seq)),
      () => el('li', {}, el('time'), el('span', { className: 'what' }, el('span', { className: 'kind' }), el('span', { className: 'who' })),
        el('span', { className: 'detail' })),
      (node, key) => {
        const entry = bySeq.get(key);
        node.className = VIEWER_KINDS.test(entry.kind) ? 'viewer' : '';
        node.dataset.kind = entry.kind;
        setText(node.querySelector('time'), clock(entry.ts));
        setText(node.querySelector('.kind'), t(`kind.${entry.kind}`));
        setText(node.querySelector('.who'), who(entry.actor));
        setText(node.querySelector('.detail'), detail(entry));
      });
  }

  $('feed-viewers').addEventListener('change', () => {
    dirty = true;
    desk.schedule();
  });

  return {
    snapshot() {
      history();
    },
    event(frame) {
      add(frame);
    },
    render,
    relabel() {
      dirty = true;
    },
  };
}
