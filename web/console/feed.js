// The audit feed: every event with its time, what it was and who did it, newest first. The history comes
// from the events endpoint, then the socket keeps it going. Viewer activity is hidden unless asked for.
import { ApiError } from '../lib/api.js';
import { $, el, keyedList, setText } from '../lib/dom.js';
import { clock, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { byKind } from '../lib/vocabulary.js';
import { PROMOTION_DETAILS } from './promotions.js';

const KEPT = 1000;
const SHOWN = 300;
const HISTORY = 500;
const VIEWER_KINDS = /^(viewer\.(?!muted)|order\.|lottery\.entered|coupon\.claimed|comment\.posted)/;

/** Who did something, as the feed and the approvals name them: the role, and the id when it says more. */
export function who(actor) {
  const role = t(`by.${actor.role}`);
  if (actor.name) {
    // a member signed in with a password: their name first (docs/protocol.md §People)
    return `${actor.name} · ${role}`;
  }
  return actor.id && actor.id !== actor.role ? `${role} ${actor.id}` : role;
}

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

  const itemName = (d) => name(d.itemId);
  const orderId = (d) => d.orderId;
  const details = byKind({
    'cue.changed': (d) => (d.itemId ? name(d.itemId) : t(`segment.${d.segment}`)),
    'item.price_changed': (d) => t('feed.price', { name: name(d.itemId), from: yuan(d.fromCents), to: yuan(d.toCents) })
      + (d.revert ? t('feed.priceRevert') : '') + (d.confirmed ? t('feed.priceConfirmed') : ''),
    'item.stock_changed': (d) => t('feed.stock', { name: name(d.itemId), stock: d.stock, delta: d.delta > 0 ? `+${d.delta}` : d.delta }),
    'item.listed': itemName,
    'item.delisted': itemName,
    'item.sold_out': itemName,
    'item.tier_reached': (d) => t('feed.tier', { name: name(d.itemId), units: d.minUnits, price: yuan(d.priceCents) }),
    'item.tier_settled': (d) => t('feed.tierSettled', { name: name(d.itemId), price: yuan(d.priceCents), refunds: d.refunds,
      amount: yuan(d.refundCents) }),
    'order.payment_mismatch': (d) => t('feed.paymentMismatch', { orderId: d.orderId, paid: yuan(d.amountCents), amount: yuan(d.orderAmountCents) }),
    'runsheet.swapped': (d) => t('feed.swap', { item: name(d.itemId), backup: name(d.backupId) }),
    'runsheet.loaded': (d) => t('feed.loaded', { count: d.sheet?.items?.length ?? '' }),
    'announce.published': (d) => (d.pinned ? t('feed.pinned') : '') + d.text,
    'announce.retracted': (d) => d.announcementId,
    'cue.note': (d) => d.text,
    'cue.acked': (d) => [d.noteId ? t('feed.ackNote', { noteId: d.noteId }) : '', d.seq ? t('feed.ackPrice', { seq: d.seq }) : ''].filter(Boolean).join(' · '),
    'lottery.opened': (d) => t('feed.lotteryOpened', { name: name(d.itemId), winners: d.winners, rule: t(`rule.${d.rule?.type}`) }),
    'lottery.closed': (d) => t('feed.lotteryClosed', { count: d.entrants }),
    'lottery.drawn': (d) => t('feed.lotteryDrawn', { winners: (d.winners || []).join('、') || '—' }),
    'lottery.entered': (d) => (model.lottery(d.lotteryId) ? name(model.lottery(d.lotteryId).itemId) : d.lotteryId),
    'order.placed': (d) => t('feed.order', { viewer: d.viewerId, name: name(d.itemId), qty: d.qty, amount: yuan(d.amountCents) }),
    'order.paid': orderId,
    'order.cancelled': orderId,
    'order.expired': orderId,
    'order.payment_failed': orderId,
    'order.payment_conflict': orderId,
    'viewer.clicked': itemName,
    'comment.posted': (d) => `${d.author}：${d.text}`,
    'comment.pinned': (d) => d.text,
    'comment.replied': (d) => d.text,
    'viewer.muted': (d) => d.viewerId,
    'comments.words_blocked': (d) => d.words.join('、'),
    'approval.requested': (d) => t('feed.approval', { name: name(d.itemId), from: yuan(d.fromCents), to: yuan(d.toCents),
      who: who(d.requester) }),
    'approval.granted': (d) => d.approvalId,
    'approval.denied': (d) => d.approvalId,
    'approval.expired': (d) => d.approvalId,
  });

  function detail(entry) {
    const describe = details.get(entry.kind) ?? PROMOTION_DETAILS.get(entry.kind);
    return describe ? describe(entry.data, name) : '';
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
