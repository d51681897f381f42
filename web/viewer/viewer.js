// The reference storefront: how a shop shows the live room beside its stream. It connects as a viewer
// (?viewer=ID, a kept random id, or a shop-signed #viewerToken=…), follows the on-air item, buys over the
// socket, follows its own orders from the owner frames and enters lotteries.
import '../lib/head.js';
import './texts.js';
import '../lib/show-texts.js';
import { $, el, keyedList, setText } from '../lib/dom.js';
import { count, duration, yuan } from '../lib/format.js';
import { languageToggle, onLangChange, t, translate } from '../lib/i18n.js';
import { connectLive } from '../lib/live.js';
import { connectionText, onNextFrame } from '../lib/page.js';
import { couponUse } from '../lib/promotions-model.js';
import { ShowModel } from '../lib/show-model.js';
import { byKind, kind } from '../lib/vocabulary.js';
import { commentBlock, commentBox } from './comments.js';
import { checkout, countingDown, couponBlock, flashCard } from './promotions.js';

const VIEWER_KEY = 'livedesk.viewer';
const model = new ShowModel();
const orders = new Map();
const entered = new Set();
const clicked = new Set();
const messages = new Map();
let live;
let viewerId;
let selectedId = null;
let subscribed = false;
let reserved = false;

const schedule = onNextFrame(render);

/** The viewer's identity: a signed token from the shop, ?viewer=, or a random id this browser keeps. */
function identity() {
  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('viewerToken');
  if (token) {
    return { viewerToken: token, id: token.split('.')[1] || '' };
  }
  const given = query.get('viewer');
  if (given) {
    return { viewer: given, id: given };
  }
  let kept = null;
  try {
    kept = localStorage.getItem(VIEWER_KEY);
    if (!kept) {
      const random = new Uint8Array(6);
      crypto.getRandomValues(random);
      kept = `web-${[...random].map((b) => b.toString(36).padStart(2, '0')).join('')}`;
      localStorage.setItem(VIEWER_KEY, kept);
    }
  } catch {
    kept = `web-${Math.random().toString(36).slice(2, 12)}`;
  }
  return { viewer: kept, id: kept };
}

function errorText(error) {
  const key = `error.${error.code}`;
  const text = t(key);
  return text === key ? `${t('error.other')}: ${error.message}` : text;
}

function render() {
  if (!model.loaded) {
    return;
  }
  const show = model.show;
  document.title = `${show.title} · ${t('page.title')}`;
  setText($('title'), show.title);
  setText($('status'), t(`status.${show.status}`));
  $('rehearsal').hidden = !show.rehearsal;
  $('rehearsal-banner').hidden = !show.rehearsal;
  setText($('online'), t('online', { count: count(show.figures?.online ?? 0) }));
  announcements();
  product();
  couponBlock(show, claimCoupon);
  commentBlock(show, viewerId);
  lotteries();
  orderList();
  shelf();
  reservation();
  document.body.dataset.ready = 'true';
}

function announcements() {
  const list = [...model.show.announcements].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.publishedAt - a.publishedAt);
  keyedList($('announcements'), list.map((a) => a.announcementId), () => el('div', { className: 'announcement' }), (node, id) => {
    const announcement = model.show.announcements.find((a) => a.announcementId === id);
    node.classList.toggle('pinned', announcement.pinned);
    node.replaceChildren(...(announcement.pinned ? [el('span', { className: 'tag' }, t('pinned'))] : []), announcement.text);
  });
}

/** The item shown in the card: the one the viewer picked from the bag, else the one on air. */
function shownItem() {
  const picked = model.item(selectedId);
  if (picked && ['on_shelf', 'sold_out'].includes(picked.status)) {
    return { item: picked, onAir: picked.id === model.show.cue?.itemId };
  }
  const onAir = model.onAir();
  return onAir && onAir.role !== 'lottery' ? { item: onAir, onAir: true } : { item: undefined, onAir: false };
}

function product() {
  const { item, onAir } = shownItem();
  const card = $('product');
  card.hidden = !item;
  const waiting = $('waiting');
  waiting.hidden = Boolean(item);
  if (!item) {
    const status = model.show.status;
    setText(waiting, t(status === 'draft' ? 'waiting.draft' : status === 'ended' ? 'waiting.ended' : 'waiting.none'));
    return;
  }
  card.dataset.item = item.id;
  setText($('product-kind'), t(onAir ? 'onAir' : 'selected'));
  const image = $('product-image');
  image.hidden = !item.imageUrl;
  if (item.imageUrl && image.getAttribute('src') !== item.imageUrl) {
    image.src = item.imageUrl;
  }
  setText($('product-name'), item.name);
  const points = item.sellingPoints || [];
  const list = $('product-points');
  if ([...list.children].map((li) => li.textContent).join('\u0000') !== points.join('\u0000')) {
    list.replaceChildren(...points.map((point) => el('li', {}, point)));
  }
  setText($('price'), yuan(item.priceCents));
  // in a flash sale the price struck through is the one it comes back to
  const usual = item.priceCents < item.livePriceCents ? item.livePriceCents : item.listPriceCents;
  setText($('list-price'), usual > item.priceCents ? yuan(usual) : '');
  flashCard(model.show, item, live.serverNow());
  checkout(model.show, item, Math.max(1, Number.parseInt($('qty').value, 10) || 1));
  tier(item);
  stock(item);
  const status = item.status;
  const button = $('buy');
  button.disabled = status !== 'on_shelf' || model.show.status !== 'live';
  setText(button, status === 'sold_out' ? t('buy.soldOut') : status === 'on_shelf' ? t('buy') : t('buy.notOnShelf'));
  const qty = $('qty');
  if (item.limitPerViewer) {
    qty.max = String(item.limitPerViewer);
  } else {
    qty.removeAttribute('max');
  }
  setText($('limit'), item.limitPerViewer ? t('limit', { limit: item.limitPerViewer }) : '');
  const message = messages.get(item.id);
  const box = $('buy-message');
  setText(box, message ? message.text : '');
  box.className = `message ${message ? message.kind : ''}`;
}

function tier(item) {
  const box = $('tier');
  const current = item.tier;
  box.hidden = !current;
  if (!current) {
    return;
  }
  if (current.nextMinUnits !== undefined) {
    $('tier-fill').style.width = `${Math.min(100, (100 * item.sold) / current.nextMinUnits)}%`;
    setText($('tier-text'), t('tier.next', { sold: count(item.sold), units: count(current.unitsToNext), price: yuan(current.nextPriceCents) }));
  } else {
    $('tier-fill').style.width = '100%';
    setText($('tier-text'), t('tier.top', { price: yuan(current.priceCents) }));
  }
}

function stock(item) {
  const total = item.stock + item.sold;
  const out = item.stock === 0;
  const low = !out && item.stock <= Math.max(5, Math.ceil(total * 0.1));
  $('stock-fill').style.width = `${total > 0 ? (100 * item.stock) / total : 0}%`;
  const box = $('stock');
  box.classList.toggle('out', out);
  box.classList.toggle('low', low);
  setText($('stock-text'), out ? t('stock.out') : t(low ? 'stock.low' : 'stock.left', { stock: count(item.stock) }));
}

function lotteries() {
  const shown = model.show.lotteries.filter((l) => l.phase !== 'drawn' || l.winners);
  $('lotteries-empty').hidden = shown.length > 0;
  keyedList($('lotteries'), shown.map((l) => l.lotteryId).reverse(), lotteryCard, updateLottery);
}

function lotteryCard(lotteryId) {
  const keyword = el('input', { type: 'text', maxLength: 50, placeholder: t('lottery.keywordPlaceholder'), className: 'keyword' });
  const button = el('button', { type: 'button', className: 'enter-button' }, t('lottery.enter'));
  button.addEventListener('click', () => enter(lotteryId, keyword));
  keyword.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      enter(lotteryId, keyword);
    }
  });
  return el('div', { className: 'lottery', dataset: { lottery: lotteryId } },
    el('div', { className: 'prize' }),
    el('div', { className: 'line rule' }),
    el('div', { className: 'line count' }),
    el('div', { className: 'enter' }, keyword, button),
    el('div', { className: 'line state' }),
    el('div', { className: 'won' }),
    el('div', { className: 'winners' }));
}

function updateLottery(node, lotteryId) {
  const lottery = model.lottery(lotteryId);
  const prize = model.item(lottery.itemId);
  const part = (name) => node.querySelector(`.${name}`);
  node.dataset.phase = lottery.phase;
  setText(part('prize'), prize ? prize.name : lottery.itemId);
  setText(part('rule'), t('lottery.rule', { rule: t(`rule.${lottery.rule.type}`) }));
  const open = lottery.phase === 'open';
  const joined = entered.has(lotteryId);
  part('enter').hidden = !open || joined;
  part('keyword').hidden = lottery.rule.type !== 'keyword';
  let state = '';
  if (open && joined) {
    state = t('lottery.entered');
  } else if (lottery.phase === 'closed') {
    state = t('lottery.closed');
  }
  const message = messages.get(lotteryId);
  setText(part('state'), message ? message.text : state);
  const won = lottery.phase === 'drawn' && lottery.youWon;
  setText(part('won'), won ? t('lottery.youWon') : lottery.phase === 'drawn' && joined ? t('lottery.notWon') : '');
  part('won').hidden = lottery.phase !== 'drawn';
  const winners = lottery.winners || [];
  setText(part('winners'), lottery.phase === 'drawn'
    ? (winners.length > 0 ? t('lottery.winners', { winners: winners.join('、') }) : t('lottery.noWinners')) : '');
  lotteryClock(node, lottery);
}

function lotteryClock(node, lottery) {
  const line = node.querySelector('.count');
  let text = t('lottery.entrants', { count: count(lottery.entrants) });
  if (lottery.phase === 'open' && lottery.closesAt) {
    const left = Math.max(0, Math.ceil((lottery.closesAt - live.serverNow()) / 1000));
    text = `${t('lottery.closesIn', { time: duration(left) })} · ${text}`;
  }
  setText(line, text);
}

function orderList() {
  const list = [...orders.values()].sort((a, b) => b.placedAt - a.placedAt);
  $('orders-empty').hidden = list.length > 0;
  keyedList($('orders'), list.map((o) => o.orderId), (orderId) => {
    const cancel = el('button', { type: 'button', className: 'cancel' }, t('order.cancel'));
    cancel.addEventListener('click', () => cancelOrder(orderId));
    return el('li', { className: 'order', dataset: { order: orderId } },
      el('span', { className: 'what' }), el('span', { className: 'state' }), el('span', { className: 'amount' }), cancel,
      el('small', { className: 'refund' }));
  }, (node, orderId) => {
    const order = orders.get(orderId);
    const item = model.item(order.itemId);
    node.className = `order ${order.status}`;
    setText(node.querySelector('.what'), t('order.line', { name: item ? item.name : order.itemId, qty: order.qty }));
    let state = t(`order.${order.status}`);
    if (order.status === 'pending' && order.expiresAt) {
      state = `${state} ${duration(Math.max(0, Math.ceil((order.expiresAt - live.serverNow()) / 1000)))}`;
    }
    setText(node.querySelector('.state'), state);
    setText(node.querySelector('.amount'), yuan(order.amountCents));
    node.querySelector('.cancel').hidden = order.status !== 'pending';
    const back = tierRefund(order, item);
    const refund = node.querySelector('.refund');
    refund.hidden = !back;
    setText(refund, back ? t('order.tierRefund', { price: yuan(back.priceCents), refund: yuan(back.refundCents) }) : '');
  });
}

/**
 * What a group deal gives back on a paid order: each is due qty × min(its price, the tier price reached),
 * the rest is refunded (docs/protocol.md §Group-buy tiers). Null when nothing comes back.
 */
function tierRefund(order, item) {
  const tier = item && item.tier;
  if (order.status !== 'paid' || !tier || tier.reached < 0 || !(tier.priceCents < order.priceCents)) {
    return null;
  }
  const due = Math.max(0, order.qty * tier.priceCents - (order.discountCents || 0));
  return { priceCents: tier.priceCents, refundCents: order.amountCents - due };
}

function shelf() {
  const items = model.items.filter((i) => i.role !== 'lottery' && ['on_shelf', 'sold_out'].includes(i.status));
  $('shelf-empty').hidden = items.length > 0;
  const shown = shownItem().item;
  keyedList($('shelf'), items.map((i) => i.id), (itemId) => {
    const pick = el('button', { type: 'button', className: 'pick' });
    pick.addEventListener('click', () => {
      selectedId = itemId;
      click(itemId);
      schedule();
    });
    return el('li', { className: 'shelf-item', dataset: { item: itemId } }, pick, el('span', { className: 'shelf-price' }));
  }, (node, itemId) => {
    const item = model.item(itemId);
    node.classList.toggle('selected', shown !== undefined && shown.id === itemId);
    setText(node.querySelector('.pick'), item.name);
    setText(node.querySelector('.shelf-price'), item.status === 'sold_out' ? t('stock.out') : yuan(item.priceCents));
  });
}

function say(key, kind, text) {
  messages.set(key, { kind, text });
  schedule();
}

/** A click on an item, once per item per visit: what the funnel counts before an order. */
function click(itemId) {
  if (!clicked.has(itemId)) {
    clicked.add(itemId);
    live.command('viewer.click', { itemId }).catch(() => clicked.delete(itemId));
  }
}

async function buy() {
  const { item } = shownItem();
  if (!item) {
    return;
  }
  const qty = Math.max(1, Number.parseInt($('qty').value, 10) || 1);
  click(item.id);
  const args = { itemId: item.id, qty, expectPriceCents: item.priceCents };
  const couponId = checkout(model.show, item, qty);
  if (couponId) {
    args.couponId = couponId;
  }
  try {
    const { result } = await live.command('order.place', args);
    remember({ ...result, itemId: item.id, qty, placedAt: Date.now() });
    const hold = result.expiresAt ? duration(Math.ceil((result.expiresAt - live.serverNow()) / 1000)) : '';
    say(item.id, 'ok', t('ordered', { time: hold }));
  } catch (error) {
    say(item.id, 'error', error.code === 'CONFLICT' && item.priceCents !== undefined
      ? t('error.priceChanged', { price: yuan(item.priceCents) })
      : error.code === 'NOT_ELIGIBLE' ? t('error.couponNotEligible') : errorText(error));
  }
}

async function claimCoupon(couponId) {
  try {
    await live.command('coupon.claim', { couponId });
    setText($('coupon-message'), '');
  } catch (error) {
    const key = `coupon.error.${error.code}`;
    setText($('coupon-message'), t(key) === key ? errorText(error) : t(key));
  }
}

function remember(order) {
  const known = orders.get(order.orderId);
  orders.set(order.orderId, { ...order, ...(known || {}), status: known ? known.status : order.status });
  schedule();
}

async function cancelOrder(orderId) {
  try {
    await live.command('order.cancel', { orderId });
  } catch (error) {
    const order = orders.get(orderId);
    if (order) {
      say(order.itemId, 'error', errorText(error));
    }
  }
}

async function enter(lotteryId, keywordInput) {
  const lottery = model.lottery(lotteryId);
  const args = { lotteryId };
  if (lottery && lottery.rule.type === 'keyword') {
    args.keyword = keywordInput.value;
  }
  try {
    await live.command('lottery.enter', args);
    entered.add(lotteryId);
    messages.delete(lotteryId);
  } catch (error) {
    if (error.code === 'ALREADY_ENTERED') {
      entered.add(lotteryId);
      messages.delete(lotteryId);
    } else {
      messages.set(lotteryId, { kind: 'error', text: errorText(error) });
    }
  }
  schedule();
}

async function subscribe() {
  try {
    await live.command('viewer.subscribe', {});
    subscribed = true;
    $('subscribe').title = '';
  } catch (error) {
    $('subscribe').title = errorText(error);
  }
  subscribeButton();
}

/** Before the start: the reminder button (预约开播提醒) and how many have reserved. */
function reservation() {
  const draft = model.show.status === 'draft';
  $('reserve-box').hidden = !draft;
  if (!draft) {
    return;
  }
  const button = $('reserve');
  button.classList.toggle('done', reserved);
  button.disabled = reserved;
  setText(button, t(reserved ? 'reserved' : 'reserve'));
  setText($('reservations'), t('reservations', { count: count(model.show.reservations ?? 0) }));
}

async function reserve() {
  try {
    const { result } = await live.command('show.reserve', {});
    reserved = true;
    model.show.reservations = Math.max(model.show.reservations ?? 0, result?.reservations ?? 0);
    $('reserve').title = '';
  } catch (error) {
    $('reserve').title = errorText(error);
  }
  schedule();
}

function subscribeButton() {
  const button = $('subscribe');
  button.classList.toggle('done', subscribed);
  button.disabled = subscribed;
  setText(button, t(subscribed ? 'subscribed' : 'subscribe'));
}

/** What each of the viewer's own order events makes of the order. */
const ORDER_STATUS = byKind({
  'order.placed': 'pending', 'order.paid': 'paid', 'order.cancelled': 'cancelled',
  'order.expired': 'expired', 'order.payment_conflict': 'payment_conflict',
});
const ORDER_PLACED = kind('order.placed');

/** The viewer's own order events (owner frames): their orders as the server has them. */
function ownOrder(frame) {
  const data = frame.data || {};
  const status = ORDER_STATUS.get(frame.kind);
  if (!status || !data.orderId) {
    return false;
  }
  const known = orders.get(data.orderId);
  if (frame.kind === ORDER_PLACED) {
    orders.set(data.orderId, { ...data, placedAt: frame.ts, status: known ? known.status : status });
  } else if (known) {
    if (known.couponId && known.status === 'pending' && (status === 'cancelled' || status === 'expired')) {
      couponUse(model.show, known.couponId, -1);
    }
    known.status = status;
  }
  return true;
}

function connectionState(state, error) {
  const box = $('connection');
  box.hidden = state === 'live';
  setText(box, connectionText(state, error));
}

function changeQty(delta) {
  const input = $('qty');
  const max = Number.parseInt(input.max, 10) || 99;
  input.value = String(Math.min(max, Math.max(1, (Number.parseInt(input.value, 10) || 1) + delta)));
  schedule();
}

function start() {
  translate();
  languageToggle($('lang'));
  const show = new URLSearchParams(location.search).get('show');
  if (!show) {
    document.body.dataset.connection = 'denied';
    $('connection').hidden = false;
    setText($('connection'), t('missing'));
    return;
  }
  const who = identity();
  viewerId = who.id;
  setText($('viewer-id'), t('viewerId', { id: viewerId }));
  subscribeButton();
  onLangChange(() => {
    translate();
    subscribeButton();
    setText($('viewer-id'), t('viewerId', { id: viewerId }));
    connectionState(live.state());
    document.querySelectorAll('.lottery input.keyword').forEach((input) => { input.placeholder = t('lottery.keywordPlaceholder'); });
    document.querySelectorAll('.lottery .enter-button').forEach((button) => setText(button, t('lottery.enter')));
    document.querySelectorAll('.order .cancel').forEach((button) => setText(button, t('order.cancel')));
    render();
  });
  commentBox((cmd, args) => live.command(cmd, args), errorText, schedule);
  $('buy').addEventListener('click', buy);
  $('subscribe').addEventListener('click', subscribe);
  $('reserve').addEventListener('click', reserve);
  $('qty-minus').addEventListener('click', () => changeQty(-1));
  $('qty-plus').addEventListener('click', () => changeQty(1));
  $('qty').addEventListener('input', schedule);
  $('coupon-choice').addEventListener('change', schedule);
  $('product').addEventListener('click', (event) => {
    const { item } = shownItem();
    if (item && !event.target.closest('button, input')) {
      click(item.id);
    }
  });
  live = connectLive({
    show,
    role: 'viewer',
    viewer: who.viewer,
    viewerToken: who.viewerToken,
    onSnapshot(snapshot, welcome) {
      model.load(snapshot, welcome.serverTime);
      reserved = reserved || snapshot.reserved === true;
      // the server keeps the viewer's orders: after a reload or a resync they come back with the snapshot
      orders.clear();
      (snapshot.myOrders || []).forEach((order) => orders.set(order.orderId, { ...order }));
      schedule();
    },
    onEvent(frame) {
      const own = ownOrder(frame);
      if (model.apply(frame) || own) {
        schedule();
      }
    },
    onTick(frame) {
      if (model.loaded) {
        model.show.figures = frame.figures;
        schedule();
      }
    },
    onState: connectionState,
  });
  setInterval(() => {
    if (model.loaded) {
      document.querySelectorAll('.lottery').forEach((node) => {
        const lottery = model.lottery(node.dataset.lottery);
        if (lottery) {
          lotteryClock(node, lottery);
        }
      });
      orderList();
      if (countingDown(model.show)) {
        schedule();
      }
    }
  }, 500);
}

start();
