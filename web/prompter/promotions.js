// The prompter's promotions: a large countdown before and during a flash sale, so the host can count the
// room in, and a banner for a coupon just issued, for the host to announce (docs/protocol.md §Promotions).
import { $, setText } from '../lib/dom.js';
import { count, duration, yuan } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';

/** How long a coupon's banner stays after it is issued. */
const COUPON_BANNER_MILLIS = 60_000;

define({
  zh: {
    'promo.flashSoon': '秒杀倒计时',
    'promo.flashLive': '秒杀进行中 · 还剩',
    'promo.flashWhat': '{name} · 秒杀价 {price}',
    'promo.flashSold': '已抢 {sold} · 剩 {left}',
    'promo.couponIssued': '发券啦！请口播',
    'promo.couponText': '{name}：{rule}，共 {total} 张，剩 {left} 张',
    'promo.ruleNone': '无门槛减 {off}',
    'promo.ruleMin': '满 {min} 减 {off}',
  },
  en: {
    'promo.flashSoon': 'Flash sale in',
    'promo.flashLive': 'Flash sale live · left',
    'promo.flashWhat': '{name} · flash price {price}',
    'promo.flashSold': '{sold} sold · {left} left',
    'promo.couponIssued': 'Coupon issued: announce it',
    'promo.couponText': '{name}: {rule}, {total} in all, {left} left',
    'promo.ruleNone': '{off} off, no minimum',
    'promo.ruleMin': '{off} off {min}',
  },
});

/** The sale to count: the live one, else the one starting soonest. */
function nextFlash(show) {
  const open = show.flashes.filter((f) => f.status === 'scheduled' || f.status === 'live');
  return open.find((f) => f.status === 'live') || open.sort((a, b) => a.startsAt - b.startsAt)[0];
}

export function promotionClocks(model, now) {
  const show = model.show;
  const flash = nextFlash(show);
  const box = $('flash-box');
  box.hidden = !flash;
  if (flash) {
    const item = model.item(flash.itemId);
    const live = flash.status === 'live';
    box.dataset.status = flash.status;
    setText($('flash-label'), t(live ? 'promo.flashLive' : 'promo.flashSoon'));
    setText($('flash-clock'), duration(Math.max(0, Math.ceil(((live ? flash.endsAt : flash.startsAt) - now) / 1000))));
    setText($('flash-what'), t('promo.flashWhat', { name: item ? item.name : flash.itemId, price: yuan(flash.priceCents) }));
    const left = flash.left ?? (flash.stock === null || flash.stock === undefined ? item?.stock ?? 0 : flash.stock - flash.sold);
    setText($('flash-sold'), live ? t('promo.flashSold', { sold: count(flash.sold), left: count(left) }) : '');
  }
  const issued = show.coupons.filter((c) => c.status === 'issued' && c.issuedAt && now - c.issuedAt < COUPON_BANNER_MILLIS);
  const latest = issued[issued.length - 1];
  const banner = $('coupon-banner');
  banner.hidden = !latest;
  if (latest) {
    const rule = latest.minSpendCents > 0
      ? t('promo.ruleMin', { min: yuan(latest.minSpendCents), off: yuan(latest.amountOffCents) })
      : t('promo.ruleNone', { off: yuan(latest.amountOffCents) });
    setText($('coupon-banner-text'), t('promo.couponText', { name: latest.name, rule, total: count(latest.total),
      left: count(Math.max(0, latest.total - latest.claimed)) }));
  }
}
