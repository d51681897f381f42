// The console's promotions panel: flash sales (秒杀) scheduled with a countdown, followed while they run
// and cancelled; coupons (直播间优惠券) created, issued and stopped with their claimed and used counts.
// A price past the guard (docs/protocol.md §Promotions) is asked about once, naming the worst price.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { clock, count, duration, yuan } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';
import { byKind } from '../lib/vocabulary.js';

define({
  zh: {
    'promo.title': '秒杀与优惠券',
    'promo.flash': '秒杀',
    'promo.item': '商品',
    'promo.flashPrice': '秒杀价（元）',
    'promo.startIn': '倒计时（秒）',
    'promo.duration': '持续（秒）',
    'promo.stock': '秒杀库存（空=全部）',
    'promo.limit': '每人限购',
    'promo.schedule': '安排秒杀',
    'promo.preview': '{countdown} 后开始（约 {at}），持续 {length}，至 {end} 结束',
    'promo.previewBad': '倒计时 0–3600 秒，持续 10–3600 秒',
    'promo.flashLine': '{item} · 秒杀价 {price}',
    'promo.startsIn': '{time} 后开始',
    'promo.left': '剩余 {time}',
    'promo.soldLeft': '已抢 {sold} · 剩 {left}',
    'promo.sold': '已抢 {sold}',
    'promo.status.scheduled': '倒计时',
    'promo.status.live': '进行中',
    'promo.status.ended': '已结束',
    'promo.status.cancelled': '已取消',
    'promo.reason.sold_out': '（抢光）',
    'promo.cancel': '取消',
    'promo.coupon': '优惠券',
    'promo.couponName': '券名',
    'promo.amountOff': '减（元）',
    'promo.minSpend': '满（元，0=无门槛）',
    'promo.couponItem': '适用商品',
    'promo.allItems': '全部商品',
    'promo.total': '发放总量',
    'promo.perViewer': '每人可领',
    'promo.claimSeconds': '领取时长（秒，空=到下播）',
    'promo.create': '创建优惠券',
    'promo.issue': '发放',
    'promo.stop': '停止发放',
    'promo.couponLine': '{name} · {rule}',
    'promo.ruleNone': '无门槛减 {off}',
    'promo.ruleMin': '满 {min} 减 {off}',
    'promo.couponCounts': '已领 {claimed}/{total} · 已用 {used}',
    'promo.couponStatus.created': '未发放',
    'promo.couponStatus.issued': '发放中',
    'promo.couponStatus.stopped': '已停止',
    'promo.guard': '价格保护：{message}\n\n确定仍要这样设置吗？',
    'promo.scheduled': '秒杀已安排：{time} 开始',
    'promo.created': '优惠券 {name} 已创建，点“发放”后观众可领',
    'feed.flashScheduled': '{name} 秒杀价 {price}，{start} 开始，{end} 结束',
    'feed.flashEnded': '{flashId} 已抢 {sold}（{reason}）',
    'feed.reason.time': '时间到',
    'feed.reason.sold_out': '抢光',
    'feed.reason.cancelled': '取消',
  },
  en: {
    'promo.title': 'Flash sales and coupons',
    'promo.flash': 'Flash sale',
    'promo.item': 'Item',
    'promo.flashPrice': 'Flash price (¥)',
    'promo.startIn': 'Countdown (s)',
    'promo.duration': 'Duration (s)',
    'promo.stock': 'Sale units (empty = all)',
    'promo.limit': 'Per viewer',
    'promo.schedule': 'Schedule flash sale',
    'promo.preview': 'Starts in {countdown} (about {at}), runs {length}, ends {end}',
    'promo.previewBad': 'Countdown 0–3600 s, duration 10–3600 s',
    'promo.flashLine': '{item} · flash price {price}',
    'promo.startsIn': 'starts in {time}',
    'promo.left': '{time} left',
    'promo.soldLeft': '{sold} sold · {left} left',
    'promo.sold': '{sold} sold',
    'promo.status.scheduled': 'Counting down',
    'promo.status.live': 'Live',
    'promo.status.ended': 'Ended',
    'promo.status.cancelled': 'Cancelled',
    'promo.reason.sold_out': ' (sold out)',
    'promo.cancel': 'Cancel',
    'promo.coupon': 'Coupon',
    'promo.couponName': 'Name',
    'promo.amountOff': 'Off (¥)',
    'promo.minSpend': 'Min spend (¥, 0 = none)',
    'promo.couponItem': 'For',
    'promo.allItems': 'Every item',
    'promo.total': 'Total',
    'promo.perViewer': 'Per viewer',
    'promo.claimSeconds': 'Claim window (s, empty = until the end)',
    'promo.create': 'Create coupon',
    'promo.issue': 'Issue',
    'promo.stop': 'Stop',
    'promo.couponLine': '{name} · {rule}',
    'promo.ruleNone': '{off} off, no minimum',
    'promo.ruleMin': '{off} off {min}',
    'promo.couponCounts': 'claimed {claimed}/{total} · used {used}',
    'promo.couponStatus.created': 'Not issued',
    'promo.couponStatus.issued': 'Issued',
    'promo.couponStatus.stopped': 'Stopped',
    'promo.guard': 'Price guard: {message}\n\nApply it anyway?',
    'promo.scheduled': 'Flash sale scheduled: starts {time}',
    'promo.created': 'Coupon {name} created; issue it for viewers to claim',
    'feed.flashScheduled': '{name} at {price}, {start} to {end}',
    'feed.flashEnded': '{flashId}: {sold} sold ({reason})',
    'feed.reason.time': 'time',
    'feed.reason.sold_out': 'sold out',
    'feed.reason.cancelled': 'cancelled',
  },
});

/** The audit feed's line for a promotion event. */
const couponText = (d) => `${d.name} · ${yuan(d.amountOffCents)}`;

/** How the audit feed describes each promotion event: by kind, given its data and how to name an item. */
export const PROMOTION_DETAILS = byKind({
  'flash.scheduled': (d, name) => t('feed.flashScheduled', { name: name(d.itemId), price: yuan(d.priceCents),
    start: clock(d.startsAt), end: clock(d.endsAt) }),
  'flash.started': (d) => d.flashId,
  'flash.ended': (d) => t('feed.flashEnded', { flashId: d.flashId, sold: d.sold, reason: t(`feed.reason.${d.reason}`) }),
  'coupon.created': couponText,
  'coupon.issued': couponText,
  'coupon.stopped': (d) => d.couponId,
  'coupon.claimed': (d) => `${d.couponId} · ${d.viewerId}`,
});

const fen = (input) => Math.round(Number.parseFloat(input.value) * 100);
const whole = (input) => (input.value.trim() === '' ? undefined : Number.parseInt(input.value, 10));

export function promotionsDesk(desk) {
  const model = desk.model;

  /** Sends a promotion command; past the guard it asks once and sends it again with confirm. */
  async function guarded(cmd, args) {
    try {
      return await desk.direct.command(cmd, args);
    } catch (error) {
      if (error.code === 'PRICE_GUARD' && window.confirm(t('promo.guard', { message: error.message }))) {
        return desk.command(cmd, { ...args, confirm: true });
      }
      desk.fail(error);
      throw error;
    }
  }

  function sellable() {
    return model.items.filter((item) => item.role !== 'lottery');
  }

  function choices(select, withAll) {
    const items = sellable();
    const wanted = items.map((i) => i.id).join('|') + (withAll ? '*' : '');
    if (select.dataset.choices === wanted) {
      return;
    }
    select.dataset.choices = wanted;
    const previous = select.value;
    select.replaceChildren(...(withAll ? [el('option', { value: '' }, t('promo.allItems'))] : []),
      ...items.map((item) => el('option', { value: item.id }, `${item.name} (${yuan(item.priceCents)})`)));
    if ([...select.options].some((o) => o.value === previous)) {
      select.value = previous;
    }
  }

  function preview() {
    const startIn = whole($('flash-start-in')) ?? 10;
    const length = whole($('flash-duration')) ?? 0;
    const box = $('flash-preview');
    if (!(startIn >= 0 && startIn <= 3600 && length >= 10 && length <= 3600)) {
      setText(box, t('promo.previewBad'));
      return;
    }
    const at = desk.live.serverNow() + startIn * 1000;
    setText(box, t('promo.preview', { countdown: duration(startIn), at: clock(at), length: duration(length),
      end: clock(at + length * 1000) }));
  }

  async function scheduleFlash() {
    const args = { itemId: $('flash-item').value, priceCents: fen($('flash-price')),
      startInSeconds: whole($('flash-start-in')) ?? 10, durationSeconds: whole($('flash-duration')) ?? 60,
      limitPerViewer: whole($('flash-limit')) ?? 1 };
    const stock = whole($('flash-stock'));
    if (stock !== undefined) {
      args.stock = stock;
    }
    const reply = await guarded('flash.schedule', args).catch(() => null);
    if (reply) {
      desk.notice(t('promo.scheduled', { time: clock(reply.result.startsAt) }), 'ok');
    }
  }

  async function createCoupon() {
    const args = { name: $('coupon-name').value.trim(), amountOffCents: fen($('coupon-off')),
      minSpendCents: fen($('coupon-min')) || 0, total: whole($('coupon-total')) ?? 0,
      perViewer: whole($('coupon-per-viewer')) ?? 1 };
    const itemId = $('coupon-item').value;
    if (itemId) {
      args.itemIds = [itemId];
    }
    const seconds = whole($('coupon-seconds'));
    if (seconds !== undefined) {
      args.claimSeconds = seconds;
    }
    const reply = await guarded('coupon.create', args).catch(() => null);
    if (reply) {
      desk.notice(t('promo.created', { name: args.name }), 'ok');
    }
  }

  function flashes() {
    const all = model.show.flashes;
    keyedList($('flashes'), all.map((f) => f.flashId).reverse(), (id) => {
      const cancel = desk.button('cancel', 'flash.cancel', { flashId: id });
      return el('li', { dataset: { flash: id } },
        el('div', { className: 'promo-head' }, el('span', { className: 'what' }), el('span', { className: 'phase' })),
        el('div', { className: 'line' }, el('span', { className: 'time' }), ' · ', el('span', { className: 'counts' })),
        el('div', { className: 'buttons' }, cancel));
    }, (node, id) => {
      const flash = all.find((f) => f.flashId === id);
      const part = (name) => node.querySelector(`.${name}`);
      const item = model.item(flash.itemId);
      node.dataset.status = flash.status;
      setText(part('what'), t('promo.flashLine', { item: item ? item.name : flash.itemId, price: yuan(flash.priceCents) }));
      setText(part('phase'), t(`promo.status.${flash.status}`) + (flash.reason === 'sold_out' ? t('promo.reason.sold_out') : ''));
      const now = desk.live.serverNow();
      setText(part('time'), flash.status === 'scheduled'
        ? t('promo.startsIn', { time: duration(Math.max(0, Math.ceil((flash.startsAt - now) / 1000))) })
        : flash.status === 'live' ? t('promo.left', { time: duration(Math.max(0, Math.ceil((flash.endsAt - now) / 1000))) })
          : clock(flash.endsAt));
      const left = flash.left ?? (flash.stock === null || flash.stock === undefined
        ? item?.stock : Math.max(0, flash.stock - flash.sold));
      setText(part('counts'), flash.status === 'live' && left !== undefined
        ? t('promo.soldLeft', { sold: count(flash.sold), left: count(left) }) : t('promo.sold', { sold: count(flash.sold) }));
      setText(part('cancel'), t('promo.cancel'));
      part('cancel').hidden = !(flash.status === 'scheduled' || flash.status === 'live');
    });
  }

  function coupons() {
    const all = model.show.coupons;
    keyedList($('coupons'), all.map((c) => c.couponId).reverse(), (id) => {
      const issue = desk.button('issue primary', 'coupon.issue', { couponId: id });
      const stop = desk.button('stop', 'coupon.stop', { couponId: id });
      return el('li', { dataset: { coupon: id } },
        el('div', { className: 'promo-head' }, el('span', { className: 'what' }), el('span', { className: 'phase' })),
        el('div', { className: 'line counts' }),
        el('div', { className: 'buttons' }, issue, stop));
    }, (node, id) => {
      const coupon = all.find((c) => c.couponId === id);
      const part = (name) => node.querySelector(`.${name}`);
      node.dataset.status = coupon.status;
      const rule = coupon.minSpendCents > 0
        ? t('promo.ruleMin', { min: yuan(coupon.minSpendCents), off: yuan(coupon.amountOffCents) })
        : t('promo.ruleNone', { off: yuan(coupon.amountOffCents) });
      setText(part('what'), t('promo.couponLine', { name: coupon.name, rule }));
      setText(part('phase'), t(`promo.couponStatus.${coupon.status}`));
      setText(part('counts'), t('promo.couponCounts', { claimed: count(coupon.claimed), total: count(coupon.total),
        used: count(coupon.used) }));
      setText(part('issue'), t('promo.issue'));
      setText(part('stop'), t('promo.stop'));
      part('issue').hidden = coupon.status !== 'created';
      part('stop').hidden = coupon.status === 'stopped';
    });
  }

  $('flash-schedule').addEventListener('click', scheduleFlash);
  $('coupon-create').addEventListener('click', createCoupon);
  for (const id of ['flash-start-in', 'flash-duration']) {
    $(id).addEventListener('input', preview);
  }

  return {
    render() {
      $('promotions').hidden = model.show.status !== 'live';
      choices($('flash-item'), false);
      choices($('coupon-item'), true);
      preview();
      flashes();
      coupons();
    },
    relabel() {
      $('flash-item').dataset.choices = '';
      $('coupon-item').dataset.choices = '';
    },
  };
}
