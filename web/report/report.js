// The review (复盘) of one show: GET /api/shows/{id}/report with the control token from the fragment,
// drawn as tiles, charts and tables. Every text that came from a run-sheet, a title or a viewer is set as
// text, never as markup.
import '../lib/head.js';
import './texts.js';
import { ApiError, client, download } from '../lib/api.js';
import { startStaffPage } from '../lib/session.js';
import { clock, count, dateTime, duration, figure, percent, signedDuration, yuan } from '../lib/format.js';
import { onLangChange, t, translate } from '../lib/i18n.js';
import { stateError } from '../lib/page.js';
import { sortableTable } from '../lib/sortable.js';
import { drawCharts, fitCharts } from './charts.js';
import { topQuestions } from './comments.js';
import { promotions } from './promotions.js';
import { reservationFunnel, standing, standingAgain } from './standing.js';

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

/** The summary tiles, in order. */
const TILES = ['gmvCents', 'paidGmvCents', 'refundCents', 'orders', 'uv', 'pv', 'peakOnline', 'avgWatchSeconds',
  'newSubscribers', 'clickers', 'clickRate', 'orderConversion', 'clickConversion', 'orderers', 'buyers',
  'uvValueCents', 'gpmCents', 'discountCents', 'comments', 'commenters', 'interactionRate'];

/** The line some tiles carry under their figure. */
const TILE_NOTES = {
  gmvCents: (x) => t('sub.units', { units: count(x.units) }),
  paidGmvCents: (x) => t('sub.paidOrders', { paidOrders: count(x.paidOrders) }),
  refundCents: () => t('sub.refund'),
  peakOnline: (x) => (x.peakAt ? t('sub.peakAt', { time: clock(x.peakAt) }) : ''),
  clickers: (x) => t('sub.clicks', { clicks: count(x.clicks) }),
  interactionRate: () => t('sub.interaction'),
};

function tiles(totals) {
  const box = $('tiles');
  box.replaceChildren();
  for (const name of TILES) {
    const tile = element('div', null, 'tile');
    tile.dataset.figure = name;
    tile.append(element('span', t(`tile.${name}`), 'label'), element('strong', figure(totals, name), 'value'));
    const note = TILE_NOTES[name];
    const text = note ? note(totals) : '';
    if (text) {
      tile.append(element('span', text, 'note'));
    }
    box.append(tile);
  }
}

function header(show) {
  $('title').textContent = show.title;
  document.title = `${show.title} · ${t('page.title')}`;
  $('rehearsal-badge').hidden = !show.rehearsal;
  $('rehearsal-banner').hidden = !show.rehearsal;
  document.body.classList.toggle('rehearsal', show.rehearsal);
  const parts = [t('meta.show', { id: show.id }), t(`status.${show.status}`)];
  if (show.startedAt !== null) {
    parts.push(t('meta.started', { time: dateTime(show.startedAt) }));
  }
  if (show.endedAt !== null) {
    parts.push(t('meta.ended', { time: dateTime(show.endedAt) }));
  }
  parts.push(t('meta.duration', { aired: duration(show.airedSeconds), planned: duration(show.plannedMinutes * 60) }));
  if (show.status === 'live') {
    parts.push(t('meta.asOf', { time: clock(show.asOf) }));
  }
  $('meta').textContent = parts.join(' · ');
}

/** Seconds an item ran over its slot; null for items without a slot. */
function overSeconds(item) {
  return item.plannedSeconds > 0 ? item.airedSeconds - item.plannedSeconds : null;
}

const itemColumns = () => [
  { key: 'order', numeric: true, value: (r) => r.order, text: (r) => String(r.order + 1) },
  { key: 'name', value: (r) => r.name, text: (r) => r.name, className: () => 'name' },
  { key: 'role', value: (r) => r.role, text: (r) => t(`role.${r.role}`) },
  { key: 'plannedSeconds', numeric: true, value: (r) => r.plannedSeconds, text: (r) => duration(r.plannedSeconds) },
  { key: 'airedSeconds', numeric: true, value: (r) => r.airedSeconds, text: (r) => duration(r.airedSeconds),
    className: (r) => (overSeconds(r) > 0 ? 'over' : '') },
  { key: 'overSeconds', numeric: true, value: overSeconds,
    text: (r) => (overSeconds(r) === null ? '—' : signedDuration(overSeconds(r))),
    className: (r) => (overSeconds(r) > 0 ? 'over' : '') },
  ...['clicks', 'clickers', 'orders', 'units'].map((key) => ({ key, numeric: true, value: (r) => r[key], text: (r) => count(r[key]) })),
  ...['gmvCents', 'paidGmvCents', 'refundCents'].map((key) => ({ key, numeric: true, value: (r) => r[key] ?? 0,
    text: (r) => yuan(r[key] ?? 0) })),
  ...['orderers', 'buyers'].map((key) => ({ key, numeric: true, value: (r) => r[key], text: (r) => count(r[key]) })),
  { key: 'clickConversion', numeric: true, value: (r) => r.clickConversion, text: (r) => percent(r.clickConversion) },
  { key: 'priceChanges', numeric: true, value: (r) => r.priceChanges.length, text: (r) => count(r.priceChanges.length) },
].map((column) => ({ ...column, label: () => t(`col.${column.key}`) }));

let itemTable;

function items(report) {
  if (!itemTable) {
    itemTable = sortableTable($('items'), itemColumns(), { sortKey: 'order' });
  }
  itemTable.render(report.items.map((item, order) => ({ ...item, order })));
}

/** Planned vs aired time of every item that had a slot or was on air; overruns in red. */
function timing(report) {
  const box = $('timing');
  box.replaceChildren();
  const rows = report.items.filter((item) => item.plannedSeconds > 0 || item.airedSeconds > 0);
  if (rows.length === 0) {
    box.append(element('p', t('timing.none'), 'empty'));
    return;
  }
  const longest = Math.max(...rows.map((item) => Math.max(item.plannedSeconds, item.airedSeconds)), 1);
  for (const item of rows) {
    const over = item.airedSeconds - item.plannedSeconds;
    const row = element('div', null, item.plannedSeconds > 0 && over > 0 ? 'timing-row over' : 'timing-row');
    row.dataset.item = item.id;
    const bars = element('div', null, 'bars');
    const planned = element('div', null, 'bar planned');
    planned.style.width = `${(100 * item.plannedSeconds) / longest}%`;
    planned.title = t('timing.planned', { time: duration(item.plannedSeconds) });
    const aired = element('div', null, 'bar aired');
    aired.style.width = `${(100 * item.airedSeconds) / longest}%`;
    aired.title = t('timing.aired', { time: duration(item.airedSeconds) });
    bars.append(planned, aired);
    let delta = '';
    if (item.plannedSeconds > 0 && over !== 0) {
      delta = t(over > 0 ? 'timing.over' : 'timing.under', { time: duration(Math.abs(over)) });
    }
    row.append(
      element('span', item.name, 'name'),
      bars,
      element('span', `${duration(item.airedSeconds)} / ${duration(item.plannedSeconds)}`, 'times'),
      element('span', delta, 'delta'),
    );
    box.append(row);
  }
}

function tableHead(table, keys) {
  const tr = element('tr');
  keys.forEach((key) => tr.append(element('th', t(key))));
  table.tHead.replaceChildren(tr);
}

function prices(report) {
  const table = $('prices');
  tableHead(table, ['price.time', 'price.item', 'price.change', 'price.by']);
  const body = table.tBodies[0];
  body.replaceChildren();
  const changes = report.items.flatMap((item) => item.priceChanges.map((change) => ({ item, change })))
    .sort((a, b) => a.change.ts - b.change.ts || a.change.seq - b.change.seq);
  if (changes.length === 0) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = 4;
    td.className = 'empty';
    td.textContent = t('price.none');
    return;
  }
  for (const { item, change } of changes) {
    const tr = body.insertRow();
    tr.insertCell().textContent = clock(change.ts);
    tr.insertCell().textContent = item.name;
    const text = `${yuan(change.from)} → ${yuan(change.to)}${change.revert ? ` (${t('price.revert')})` : ''}`;
    tr.insertCell().textContent = text;
    tr.insertCell().textContent = change.byName && change.byName !== change.by ? change.byName : t(`by.${change.by}`);
  }
}

function lotteries(report, showId) {
  const table = $('lotteries');
  tableHead(table, ['lottery.id', 'lottery.prize', 'lottery.entrants', 'lottery.winners', 'lottery.commitment', 'lottery.verify']);
  const body = table.tBodies[0];
  body.replaceChildren();
  if (report.lotteries.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = 6;
    td.className = 'empty';
    td.textContent = t('lottery.none');
    return;
  }
  const names = new Map(report.items.map((item) => [item.id, item.name]));
  for (const lottery of report.lotteries) {
    const tr = body.insertRow();
    tr.dataset.lottery = lottery.lotteryId;
    tr.insertCell().textContent = `${lottery.lotteryId} · ${t(`lottery.phase.${lottery.phase}`)}`;
    tr.insertCell().textContent = names.get(lottery.itemId) ?? lottery.itemId;
    const entrants = tr.insertCell();
    entrants.className = 'num';
    entrants.textContent = count(lottery.entrants);
    tr.insertCell().textContent = lottery.winners ? lottery.winners.join(', ') || '—' : '—';
    const proof = tr.insertCell();
    proof.className = 'hash';
    proof.append(element('code', lottery.commitment));
    if (lottery.seed) {
      proof.append(element('br'), element('code', lottery.seed));
    }
    const verify = element('a', t('lottery.verify'));
    verify.className = 'verify';
    verify.href = `/api/shows/${encodeURIComponent(showId)}/lotteries/${encodeURIComponent(lottery.lotteryId)}/proof`;
    verify.target = '_blank';
    verify.rel = 'noopener';
    tr.insertCell().append(verify);
  }
}

let current;

function render(report) {
  current = report;
  translate();
  header(report.show);
  tiles(report.totals);
  items(report);
  timing(report);
  prices(report);
  lotteries(report, report.show.id);
  promotions(report);
  topQuestions(report);
  reservationFunnel(report);
  standingAgain(report);
  $('state').hidden = true;
  $('report').hidden = false;
  drawCharts(report);
  document.body.dataset.ready = 'true';
}

async function start() {
  const access = await startStaffPage();
  if (!access) {
    return;
  }
  const { show, token } = access;
  if (!show) {
    stateError(t('state.missing'));
    return;
  }
  onLangChange(() => {
    if (current) {
      render(current);
    } else {
      translate();
    }
  });
  $('print').addEventListener('click', () => window.print());
  $('download-csv').addEventListener('click', () => {
    download(`/api/shows/${encodeURIComponent(show)}/report.csv`, token, `livedesk-report-${show}.csv`)
      .catch((error) => stateError(t('state.csvError', { message: error.message })));
  });
  window.addEventListener('resize', fitCharts);
  try {
    render(await client(token).get(`/api/shows/${encodeURIComponent(show)}/report`));
    await standing(current, token);
    document.body.dataset.standing = 'true';
  } catch (error) {
    if (error instanceof ApiError) {
      stateError(t('state.error', { message: error.message, code: error.code }));
    } else {
      throw error;
    }
  }
}

start();
