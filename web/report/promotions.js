// The review's promotions: each flash sale (units, orderers, GMV, paid GMV, how fast it sold out) and
// each coupon (claimed, used, discount, GMV of the orders using it), as the report counts them.
import { count, duration, yuan } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';

define({
  zh: {
    'section.promotions': '秒杀与优惠券',
    'tile.discountCents': '优惠金额',
    'promo.flash': '秒杀',
    'promo.item': '商品',
    'promo.price': '秒杀价',
    'promo.stock': '秒杀库存',
    'promo.sold': '已售',
    'promo.orderers': '下单人数',
    'promo.gmv': '下单金额',
    'promo.paidGmv': '成交金额',
    'promo.soldOut': '抢光用时',
    'promo.allStock': '全部',
    'promo.coupon': '优惠券',
    'promo.claimed': '已领/总量',
    'promo.used': '已用',
    'promo.discount': '优惠金额',
    'promo.couponGmv': '用券订单金额',
    'promo.none': '本场没有秒杀或优惠券',
    'chart.flash': '秒杀',
    'chart.coupon': '发券',
  },
  en: {
    'section.promotions': 'Flash sales and coupons',
    'tile.discountCents': 'Discounts',
    'promo.flash': 'Flash sale',
    'promo.item': 'Item',
    'promo.price': 'Flash price',
    'promo.stock': 'Sale units',
    'promo.sold': 'Sold',
    'promo.orderers': 'Orderers',
    'promo.gmv': 'GMV',
    'promo.paidGmv': 'Paid GMV',
    'promo.soldOut': 'Sold out in',
    'promo.allStock': 'all',
    'promo.coupon': 'Coupon',
    'promo.claimed': 'Claimed / total',
    'promo.used': 'Used',
    'promo.discount': 'Discount',
    'promo.couponGmv': 'GMV with it',
    'promo.none': 'No flash sale or coupon in this show',
    'chart.flash': 'Flash sale',
    'chart.coupon': 'Coupon',
  },
});

function row(body, cells, numeric) {
  const tr = body.insertRow();
  cells.forEach((text, i) => {
    const td = tr.insertCell();
    td.textContent = text;
    if (numeric[i]) {
      td.className = 'num';
    }
  });
  return tr;
}

function head(table, keys) {
  const tr = document.createElement('tr');
  for (const key of keys) {
    const th = document.createElement('th');
    th.textContent = t(key);
    tr.append(th);
  }
  table.tHead.replaceChildren(tr);
}

export function promotions(report) {
  const flashes = report.flashes || [];
  const coupons = report.coupons || [];
  const names = new Map(report.items.map((item) => [item.id, item.name]));
  document.getElementById('promotions-none').hidden = flashes.length + coupons.length > 0;
  const flashTable = document.getElementById('flashes');
  flashTable.hidden = flashes.length === 0;
  head(flashTable, ['promo.flash', 'promo.item', 'promo.price', 'promo.stock', 'promo.sold', 'promo.orderers',
    'promo.gmv', 'promo.paidGmv', 'promo.soldOut']);
  flashTable.tBodies[0].replaceChildren();
  for (const f of flashes) {
    row(flashTable.tBodies[0], [f.flashId, names.get(f.itemId) ?? f.itemId, yuan(f.priceCents),
      f.stock === null ? t('promo.allStock') : count(f.stock), count(f.sold), count(f.orderers), yuan(f.gmvCents),
      yuan(f.paidGmvCents), f.soldOutSeconds === null ? '—' : duration(f.soldOutSeconds)],
    [false, false, true, true, true, true, true, true, true]).dataset.flash = f.flashId;
  }
  const couponTable = document.getElementById('coupons');
  couponTable.hidden = coupons.length === 0;
  head(couponTable, ['promo.coupon', 'promo.claimed', 'promo.used', 'promo.discount', 'promo.couponGmv']);
  couponTable.tBodies[0].replaceChildren();
  for (const c of coupons) {
    row(couponTable.tBodies[0], [c.name, `${count(c.claimed)} / ${count(c.total)}`, count(c.used),
      yuan(c.discountCents), yuan(c.gmvCents)], [false, true, true, true, true]).dataset.coupon = c.couponId;
  }
}
