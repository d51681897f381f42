// The storefront's flash sales and coupons: the countdown and the flash price with the usual price struck
// through, the sale's units left ("抢光了" when gone), coupons to claim, the viewer's own, and the coupon
// chosen at checkout with the total it makes.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { count, duration, yuan } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';
import { lastFlashOn, openFlashOn } from '../lib/promotions-model.js';

define({
  zh: {
    'flash.countdown': '秒杀 {price} · {time} 后开抢',
    'flash.live': '秒杀中 · 还剩 {time}',
    'flash.left': '秒杀剩余 {left} 件',
    'flash.soldOut': '秒杀已抢光了',
    'flash.limit': '秒杀每人限购 {limit} 件',
    'coupons.title': '直播间优惠券',
    'coupons.none': '暂无可领的优惠券',
    'coupon.ruleNone': '无门槛减 {off}',
    'coupon.ruleMin': '满 {min} 减 {off}',
    'coupon.forItems': '限指定商品',
    'coupon.claim': '领取',
    'coupon.claimed': '已领取',
    'coupon.mine': '已领 {mine} 张，可用 {unused} 张',
    'coupon.remaining': '剩余 {remaining} 张',
    'coupon.allClaimed': '已领完',
    'coupon.stopped': '已停止发放',
    'coupon.none': '不使用优惠券',
    'coupon.option': '{name}（{rule}）',
    'checkout.total': '合计 {total}',
    'checkout.discounted': '合计 {total}（已减 {off}）',
    'checkout.short': '还差 {short} 可用 {name}',
    'error.priceChanged': '价格已变为 {price}，请确认后再下单',
    'error.couponNotEligible': '这张优惠券不能用于本单',
    'coupon.error.SOLD_OUT': '优惠券已被领完',
    'coupon.error.LIMIT_EXCEEDED': '已达每人可领上限',
    'coupon.error.CONFLICT': '这张优惠券现在不能领取（未发放、已停止或已过领取时间）',
  },
  en: {
    'flash.countdown': 'Flash sale {price} · starts in {time}',
    'flash.live': 'Flash sale · {time} left',
    'flash.left': '{left} left at the flash price',
    'flash.soldOut': 'Flash sale sold out',
    'flash.limit': 'Flash sale: at most {limit} per viewer',
    'coupons.title': 'Coupons',
    'coupons.none': 'No coupons to claim',
    'coupon.ruleNone': '{off} off, no minimum',
    'coupon.ruleMin': '{off} off {min}',
    'coupon.forItems': 'selected items only',
    'coupon.claim': 'Claim',
    'coupon.claimed': 'Claimed',
    'coupon.mine': '{mine} claimed, {unused} to use',
    'coupon.remaining': '{remaining} left',
    'coupon.allClaimed': 'All claimed',
    'coupon.stopped': 'No longer issued',
    'coupon.none': 'No coupon',
    'coupon.option': '{name} ({rule})',
    'checkout.total': 'Total {total}',
    'checkout.discounted': 'Total {total} ({off} off)',
    'checkout.short': '{short} more to use {name}',
    'error.priceChanged': 'The price is now {price}; check it before ordering',
    'error.couponNotEligible': 'This coupon cannot be used for this order',
    'coupon.error.SOLD_OUT': 'All of this coupon has been claimed',
    'coupon.error.LIMIT_EXCEEDED': 'You have claimed as many as allowed',
    'coupon.error.CONFLICT': 'This coupon cannot be claimed now (not issued, stopped or past its window)',
  },
});

export function rule(coupon) {
  return coupon.minSpendCents > 0
    ? t('coupon.ruleMin', { min: yuan(coupon.minSpendCents), off: yuan(coupon.amountOffCents) })
    : t('coupon.ruleNone', { off: yuan(coupon.amountOffCents) });
}

/** The flash box of the product card: countdown, time left and units, or that it sold out. */
export function flashCard(show, item, now) {
  const box = $('flash');
  const flash = openFlashOn(show, item.id);
  const last = lastFlashOn(show, item.id);
  const soldOut = !flash && last && last.reason === 'sold_out';
  box.hidden = !flash && !soldOut;
  box.dataset.status = flash ? flash.status : 'sold_out';
  const fill = $('flash-fill');
  if (soldOut) {
    setText($('flash-text'), t('flash.soldOut'));
    fill.style.width = '0%';
    return;
  }
  if (!flash) {
    return;
  }
  if (flash.status === 'scheduled') {
    setText($('flash-text'), t('flash.countdown', { price: yuan(flash.priceCents),
      time: duration(Math.max(0, Math.ceil((flash.startsAt - now) / 1000))) }));
    fill.style.width = '100%';
    return;
  }
  const total = flash.stock ?? (item.stock + flash.sold);
  const left = flash.left ?? Math.max(0, total - flash.sold);
  fill.style.width = `${total > 0 ? (100 * left) / total : 0}%`;
  setText($('flash-text'), `${t('flash.live', { time: duration(Math.max(0, Math.ceil((flash.endsAt - now) / 1000))) })}`
    + ` · ${t('flash.left', { left: count(left) })} · ${t('flash.limit', { limit: flash.limitPerViewer })}`);
}

/** Whether anything on the page counts down: a sale ahead or running. */
export function countingDown(show) {
  return show.flashes.some((f) => f.status === 'scheduled' || f.status === 'live');
}

/** Coupons issued in the room, with a claim button, and what the viewer holds of each. */
export function couponBlock(show, claim) {
  const shown = show.coupons.filter((c) => c.status !== 'created');
  $('coupons-empty').hidden = shown.length > 0;
  keyedList($('coupon-list'), shown.map((c) => c.couponId), (couponId) => {
    const button = el('button', { type: 'button', className: 'claim' });
    button.addEventListener('click', () => claim(couponId));
    return el('li', { className: 'coupon', dataset: { coupon: couponId } },
      el('strong', { className: 'off' }), el('span', { className: 'name' }), el('span', { className: 'rule' }),
      el('span', { className: 'left' }), button, el('small', { className: 'mine' }));
  }, (node, couponId) => {
    const coupon = show.coupons.find((c) => c.couponId === couponId);
    const mine = show.myCoupons.find((c) => c.couponId === couponId);
    const remaining = Math.max(0, coupon.total - coupon.claimed);
    node.dataset.status = coupon.status;
    setText(node.querySelector('.off'), yuan(coupon.amountOffCents));
    setText(node.querySelector('.name'), coupon.name);
    setText(node.querySelector('.rule'), rule(coupon) + (coupon.itemIds ? ` · ${t('coupon.forItems')}` : ''));
    setText(node.querySelector('.left'), coupon.status === 'stopped' ? t('coupon.stopped')
      : remaining === 0 ? t('coupon.allClaimed') : t('coupon.remaining', { remaining: count(remaining) }));
    const button = node.querySelector('.claim');
    const full = mine && mine.mine >= coupon.perViewer;
    button.disabled = coupon.status !== 'issued' || remaining === 0 || full;
    setText(button, full ? t('coupon.claimed') : t('coupon.claim'));
    setText(node.querySelector('.mine'), mine ? t('coupon.mine', { mine: mine.mine, unused: mine.unused }) : '');
  });
}

/** The viewer's coupons good for this item, offered at checkout, and the total with the one chosen. */
export function checkout(show, item, qty) {
  const select = $('coupon-choice');
  const usable = show.myCoupons.filter((c) => c.unused > 0 && (!c.itemIds || c.itemIds.includes(item.id)));
  const wanted = usable.map((c) => `${c.couponId}:${c.unused}`).join('|') + item.id;
  if (select.dataset.choices !== wanted) {
    select.dataset.choices = wanted;
    const previous = select.value;
    select.replaceChildren(el('option', { value: '' }, t('coupon.none')),
      ...usable.map((c) => el('option', { value: c.couponId }, t('coupon.option', { name: c.name, rule: rule(c) }))));
    select.value = usable.some((c) => c.couponId === previous) ? previous : (usable[0]?.couponId ?? '');
  }
  $('coupon-choice-box').hidden = usable.length === 0;
  const amount = item.priceCents * qty;
  const chosen = usable.find((c) => c.couponId === select.value);
  let text = t('checkout.total', { total: yuan(amount) });
  if (chosen && amount < chosen.minSpendCents) {
    text = `${text} · ${t('checkout.short', { short: yuan(chosen.minSpendCents - amount), name: chosen.name })}`;
  } else if (chosen) {
    const off = Math.min(chosen.amountOffCents, amount);
    text = t('checkout.discounted', { total: yuan(amount - off), off: yuan(off) });
  }
  setText($('checkout-total'), text);
  return chosen && amount >= chosen.minSpendCents ? chosen.couponId : undefined;
}
