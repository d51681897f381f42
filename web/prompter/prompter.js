// The host's prompter: the on-air item's script in large type, its live price and stock, the slot's
// countdown and the show's over/under clock on the server's time, the next item, the pinned announcement,
// the lottery, and backstage notes and price changes flashing until the host acknowledges them.
// Display options come from the address, as Sofie's prompter takes them: mirror, vmirror, fontsize, marker, margin.
import '../lib/head.js';
import './texts.js';
import '../lib/show-texts.js';
import { staffAccess } from '../lib/session.js';
import { $, el, setText, typing } from '../lib/dom.js';
import { count, duration, signedDuration, yuan } from '../lib/format.js';
import { languageToggle, onLangChange, t, translate } from '../lib/i18n.js';
import { connectLive } from '../lib/live.js';
import { connectionText, onNextFrame, showHeading } from '../lib/page.js';
import { ShowModel } from '../lib/show-model.js';
import { promotionClocks } from './promotions.js';
import { kind } from '../lib/vocabulary.js';

// a new run-sheet changes every item: the page takes a fresh snapshot rather than folding it in
const RUNSHEET_LOADED = kind('runsheet.loaded');

const CLOCK_MILLIS = 250;
const model = new ShowModel();
let live;
let cueForbidden = false;
let shownCue = '';

const schedule = onNextFrame(render);

/** ?mirror=1&vmirror=1&fontsize=9&marker=center&margin=5 */
function displayOptions() {
  const query = new URLSearchParams(location.search);
  const flag = (name) => ['1', 'true', 'yes', 'on'].includes((query.get(name) || '').toLowerCase());
  const number = (name, min, max) => {
    const value = Number.parseFloat(query.get(name));
    return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : null;
  };
  const stage = $('stage');
  stage.classList.toggle('mirror', flag('mirror'));
  stage.classList.toggle('vmirror', flag('vmirror'));
  const fontsize = number('fontsize', 3, 40);
  if (fontsize !== null) {
    document.documentElement.style.setProperty('--fontsize', String(fontsize));
  }
  const margin = number('margin', 0, 25);
  if (margin !== null) {
    document.documentElement.style.setProperty('--margin', String(margin));
  }
  const marker = (query.get('marker') || 'hide').toLowerCase();
  document.body.dataset.marker = ['top', 'center', 'bottom'].includes(marker) ? marker : 'hide';
  $('marker').hidden = document.body.dataset.marker === 'hide';
}

function render() {
  if (!model.loaded) {
    return;
  }
  const show = model.show;
  showHeading(show);
  $('rehearsal').hidden = !show.rehearsal;
  showOnAir();
  nextUp();
  pinned();
  question();
  showLottery();
  flashes();
  clocks();
  document.body.dataset.ready = 'true';
}

function showOnAir() {
  const show = model.show;
  const item = model.onAir();
  const cue = show.cue;
  let kind;
  let name;
  let script = '';
  let points = [];
  if (show.status === 'draft') {
    kind = t('onAir.waiting');
    name = show.title;
    script = show.opening || '';
  } else if (show.status === 'ended') {
    kind = t('onAir.ended');
    name = show.title;
  } else if (item) {
    kind = t(item.role === 'lottery' ? 'onAir.lottery' : 'onAir.item');
    name = item.name;
    script = item.script || '';
    points = item.sellingPoints || [];
  } else if (cue && cue.segment) {
    kind = t('onAir.segment');
    name = t(`segment.${cue.segment}`);
    script = show[cue.segment] || '';
  } else {
    kind = t('onAir.none');
    name = '';
  }
  setText($('on-air-kind'), kind);
  setText($('on-air-name'), name);
  setText($('script-text'), script);
  const list = $('selling-points');
  const current = [...list.children].map((li) => li.textContent);
  if (current.join('\u0000') !== points.join('\u0000')) {
    list.replaceChildren(...points.map((point) => el('li', {}, point)));
  }
  const cueKey = `${show.status}:${cue ? cue.itemId || cue.segment : ''}:${cue ? cue.since : ''}`;
  if (cueKey !== shownCue) {
    shownCue = cueKey;
    $('script-scroll').scrollTop = 0;
  }
  prices(item);
}

/** The struck-through price: the one before the last change if it was higher, else the list price. */
function oldPrice(item) {
  if (item.previousPriceCents !== undefined && item.previousPriceCents > item.priceCents) {
    return item.previousPriceCents;
  }
  return item.listPriceCents > item.priceCents ? item.listPriceCents : null;
}

function lowStock(item) {
  return item.stock <= Math.max(5, Math.ceil((item.stock + item.sold) * 0.1));
}

function prices(item) {
  const priceBox = $('price-box');
  const stockBox = $('stock-box');
  const sellable = item && item.role !== 'lottery';
  priceBox.hidden = !sellable;
  stockBox.hidden = !item;
  if (!item) {
    return;
  }
  if (sellable) {
    setText($('price'), yuan(item.priceCents));
    const old = oldPrice(item);
    setText($('old-price'), old === null ? '' : yuan(old));
    setText($('tier'), tierText(item));
    priceBox.classList.toggle('changed', model.unackedPriceChanges().some((c) => c.itemId === item.id));
    setText($('stock-label'), t('stock.left'));
    const out = item.stock === 0 || item.status === 'sold_out';
    setText($('stock'), out ? t('stock.soldOut') : count(item.stock));
    setText($('sold'), t('stock.sold', { sold: count(item.sold) }));
    stockBox.classList.toggle('out', out);
    stockBox.classList.toggle('low', !out && lowStock(item));
  } else {
    setText($('stock-label'), t('stock.prizes'));
    setText($('stock'), t('prize.count', { left: count(item.prizesLeft), total: count(item.winners) }));
    setText($('sold'), '');
    stockBox.classList.remove('out', 'low');
  }
}

function tierText(item) {
  const tier = item.tier;
  if (!tier) {
    return '';
  }
  if (tier.nextMinUnits !== undefined) {
    return t('tier.next', { units: count(tier.unitsToNext), price: yuan(tier.nextPriceCents) });
  }
  return tier.reached >= 0 ? t('tier.top') : '';
}

function nextUp() {
  const next = model.show.status === 'ended' ? undefined : model.next();
  setText($('next-name'), next ? next.name : t('next.none'));
  setText($('next-price'), next && next.role !== 'lottery' ? yuan(next.priceCents) : '');
}

function pinned() {
  const announcement = model.pinned();
  $('pinned').hidden = !announcement;
  setText($('pinned-text'), announcement ? announcement.text : '');
}

/** The question staff pinned for the host (观众问), beside the script, never over it. */
function question() {
  const comment = model.show.pinnedComment;
  $('question-box').hidden = !comment;
  setText($('question-text'), comment ? comment.text : '');
}

/** The lottery worth showing: one still running, or the last one drawn while its prize is on air. */
function currentLottery() {
  const onAir = model.onAir();
  const lotteries = model.show.lotteries;
  for (let i = lotteries.length - 1; i >= 0; i--) {
    const lottery = lotteries[i];
    if (lottery.phase !== 'drawn' || (onAir && lottery.itemId === onAir.id)) {
      return lottery;
    }
  }
  return undefined;
}

function showLottery() {
  const current = currentLottery();
  $('lottery-box').hidden = !current;
  if (!current) {
    return;
  }
  const prize = model.item(current.itemId);
  setText($('lottery-prize'), prize ? prize.name : current.itemId);
  setText($('lottery-count'), t('lottery.entrants', { count: count(current.entrants) }));
  const winners = current.winners && current.winners.length > 0 ? t('lottery.winners', { winners: current.winners.join('、') }) : '';
  const keyword = current.rule && current.rule.type === 'keyword' ? t('lottery.keyword', { keyword: current.rule.keyword }) : '';
  setText($('lottery-winners'), current.phase === 'drawn' ? winners : keyword);
}

function lotteryClock(now) {
  const current = currentLottery();
  if (!current) {
    return;
  }
  let text;
  if (current.phase === 'open') {
    text = current.closesAt
      ? t('lottery.open', { time: duration(Math.max(0, Math.ceil((current.closesAt - now) / 1000))) })
      : t('lottery.openNoTimer');
  } else {
    text = t(`lottery.${current.phase}`);
  }
  setText($('lottery-state'), text);
}

function flashes() {
  const notes = model.unackedNotes();
  const noteFlash = $('note-flash');
  noteFlash.hidden = notes.length === 0;
  if (notes.length > 0) {
    setText($('note-text'), notes[0].text);
    setText($('note-more'), notes.length > 1 ? t('flash.more', { count: notes.length - 1 }) : '');
  }
  const changes = model.unackedPriceChanges();
  const priceFlash = $('price-flash');
  priceFlash.hidden = changes.length === 0;
  if (changes.length > 0) {
    const last = changes[changes.length - 1];
    const item = model.item(last.itemId);
    setText($('price-flash-text'), t('priceFlash.text', { name: item ? item.name : last.itemId, from: yuan(last.from), to: yuan(last.to) }));
    setText($('price-flash-more'), changes.length > 1 ? t('flash.more', { count: changes.length - 1 }) : '');
  }
}

/** Over or under the run-sheet's plan: how late the current stop started, plus how far it has run past its slot. */
function overUnderSeconds(now) {
  const show = model.show;
  const until = show.endedAt || now;
  const elapsed = (until - show.startedAt) / 1000;
  const planned = model.items.filter((i) => i.role !== 'backup').reduce((sum, i) => sum + i.plannedSeconds, 0);
  if (show.status === 'ended') {
    return elapsed - planned;
  }
  const cue = show.cue;
  if (!cue) {
    return elapsed;
  }
  const item = model.onAir();
  let plannedStart = 0;
  let slot = 0;
  if (item) {
    plannedStart = model.plannedStartSeconds(item);
    slot = item.plannedSeconds;
  } else if (cue.segment === 'closing') {
    plannedStart = planned;
  }
  const startedLate = (cue.since - show.startedAt) / 1000 - plannedStart;
  const onCue = (now - cue.since) / 1000;
  return startedLate + Math.max(0, onCue - slot);
}

function clocks() {
  if (!model.loaded) {
    return;
  }
  const now = live.serverNow();
  const show = model.show;
  const showClock = $('show-clock');
  const plannedShow = duration(show.plannedMinutes * 60);
  if (show.startedAt) {
    const diff = Math.round(overUnderSeconds(now));
    setText($('show-diff'), signedDuration(diff));
    showClock.classList.toggle('over', diff > 0);
    showClock.classList.toggle('under', diff <= 0);
    const elapsed = Math.floor(((show.endedAt || now) - show.startedAt) / 1000);
    setText($('show-elapsed'), t('clock.elapsed', { elapsed: duration(elapsed), planned: plannedShow }));
  } else {
    setText($('show-diff'), '—');
    showClock.classList.remove('over', 'under');
    setText($('show-elapsed'), t('clock.notStarted'));
  }
  slotClock(now);
  lotteryClock(now);
  promotionClocks(model, now);
}

function slotClock(now) {
  const slot = $('slot-clock');
  const cue = model.show.cue;
  const item = model.onAir();
  slot.classList.remove('over', 'warn');
  if (!cue) {
    setText($('slot-label'), t('slot.left'));
    setText($('slot-countdown'), '—');
    setText($('slot-planned'), '');
    return;
  }
  if (item && item.plannedSeconds > 0) {
    const leftMillis = item.plannedSeconds * 1000 - model.airedMillis(item, now);
    const over = leftMillis < 0;
    setText($('slot-label'), t(over ? 'slot.over' : 'slot.left'));
    setText($('slot-countdown'), over ? `+${duration(Math.floor(-leftMillis / 1000))}` : duration(Math.ceil(leftMillis / 1000)));
    setText($('slot-planned'), t('slot.planned', { planned: duration(item.plannedSeconds) }));
    slot.classList.toggle('over', over);
    slot.classList.toggle('warn', !over && leftMillis <= 60_000);
    return;
  }
  setText($('slot-label'), t('slot.elapsed'));
  setText($('slot-countdown'), duration(Math.floor(Math.max(0, now - cue.since) / 1000)));
  setText($('slot-planned'), '');
}

function legend() {
  setText($('legend-keys'), t('legend.keys') + (cueForbidden ? '' : t('legend.cue')));
  setText($('cue-hint'), cueForbidden ? t('cue.forbidden') : '');
}

/** Acknowledges the oldest note, the price changes, or both ('all'), in one cue.ack. */
function acknowledge(which) {
  if (!model.loaded) {
    return;
  }
  const args = {};
  const notes = model.unackedNotes();
  const changes = model.unackedPriceChanges();
  if (which !== 'price' && notes.length > 0) {
    args.noteId = notes[0].noteId;
  }
  if (which !== 'note' && changes.length > 0) {
    args.seq = changes[changes.length - 1].seq;
  }
  if (Object.keys(args).length > 0) {
    live.command('cue.ack', args).catch(() => {
      // a lost connection shows in the banner; the flash stays until an acknowledgement gets through
    });
  }
}

function hostCue(cmd) {
  live.command(cmd).catch((error) => {
    if (error.code === 'FORBIDDEN') {
      cueForbidden = true;
      legend();
    }
  });
}

/**
 * A host member (主播 or 副播) writes on the private channel: a cue.note every staff screen shows, the other
 * host's prompter flashing it like the technician's (docs/protocol.md §People).
 */
function hostNotes(member) {
  const form = $('host-note');
  form.hidden = member?.role !== 'host';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('host-note-text');
    const text = input.value.trim();
    if (!text) {
      return;
    }
    live.command('cue.note', { text }).then(() => {
      input.value = '';
      setText($('host-note-state'), t('hostNote.sent'));
    }, (error) => {
      setText($('host-note-state'), t('hostNote.failed', { reason: error.message || error.code }));
    });
  });
}

function keys(event) {
  if (typing(event) || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const scroller = $('script-scroll');
  const line = (window.innerHeight * Number(getComputedStyle(document.documentElement).getPropertyValue('--fontsize'))) / 100;
  switch (event.key) {
    case ' ':
    case 'Enter':
      event.preventDefault();
      acknowledge('all');
      break;
    case 'PageDown':
      event.preventDefault();
      hostCue('cue.next');
      break;
    case 'PageUp':
      event.preventDefault();
      hostCue('cue.prev');
      break;
    case 'ArrowDown':
      event.preventDefault();
      scroller.scrollTop += line;
      break;
    case 'ArrowUp':
      event.preventDefault();
      scroller.scrollTop -= line;
      break;
    default:
      break;
  }
}

function connection(state, error) {
  $('lost').hidden = state !== 'lost';
  setText($('lost'), t('lost'));
  const denied = $('denied');
  denied.hidden = state !== 'denied';
  if (state === 'denied') {
    setText(denied, connectionText(state, error));
  }
}

async function start() {
  translate();
  languageToggle($('lang'));
  displayOptions();
  legend();
  const access = await staffAccess().catch(() => null);
  if (!access) {
    return;
  }
  const { show, token, member } = access;
  if (!show) {
    document.body.dataset.connection = 'denied';
    $('denied').hidden = false;
    setText($('denied'), t('missing'));
    return;
  }
  onLangChange(() => {
    translate();
    legend();
    connection(live.state());
    render();
  });
  $('note-flash').addEventListener('click', () => acknowledge('note'));
  $('price-flash').addEventListener('click', () => acknowledge('price'));
  document.addEventListener('keydown', keys);
  hostNotes(member);
  live = connectLive({
    show,
    role: 'prompter',
    token,
    onSnapshot(snapshot, welcome) {
      model.load(snapshot, welcome.serverTime);
      schedule();
    },
    onEvent(frame) {
      if (frame.kind === RUNSHEET_LOADED) {
        live.resnapshot();
        return;
      }
      if (model.apply(frame)) {
        schedule();
      }
    },
    onState(state, error) {
      connection(state, error);
    },
  });
  setInterval(clocks, CLOCK_MILLIS);
}

start();
