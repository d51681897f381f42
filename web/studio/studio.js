// The studio (工作室): every show with its headline figures and its four screens, a new show, its run-sheet,
// and the item history to choose the next show's items from. The admin token comes in the fragment
// (#token=…), as the other pages take theirs; links to a show's screens carry it the same way.
import '../lib/head.js';
import './texts.js';
import { ApiError, client, download } from '../lib/api.js';
import { $, el, setText } from '../lib/dom.js';
import { count, dateTime, duration, figure, percent, yuan } from '../lib/format.js';
import { onLangChange, t, translate } from '../lib/i18n.js';
import { stateError } from '../lib/page.js';
import { startStaffPage } from '../lib/session.js';
import { fileDrop, sheetErrors, sheetType } from '../lib/sheet-file.js';
import { sortableTable } from '../lib/sortable.js';
import { webhooksPanel } from './webhooks.js';

const SCREENS = ['console', 'prompter', 'report', 'viewer'];

let api;
let token;
let shows = [];
let items = [];
let target = null;
let itemTable;
let hooks;

/** A screen of a show: staff screens carry the token in the fragment, the storefront needs none. */
function screenLink(show, screen) {
  const query = `?show=${encodeURIComponent(show.id)}`;
  // on a member's session the screens open with the cookie, no token in their address
  const fragment = screen === 'viewer' || !token ? '' : `#token=${encodeURIComponent(token)}`;
  return el('a', { href: `/${screen}/${query}${fragment}`, target: '_blank', rel: 'noopener', dataset: { screen } },
    t(`screen.${screen}`));
}

function showRow(show) {
  const when = show.startedAt ?? show.plannedStartAt;
  const title = el('td', { className: 'name' }, show.title);
  if (show.rehearsal) {
    title.append(' ', el('span', { className: 'badge' }, t('badge.rehearsal')));
  }
  const sheet = el('td', {});
  if (show.status === 'draft') {
    sheet.append(el('button', { type: 'button', className: 'choose', on: { click: () => choose(show) } }, t('sheet.choose')));
  }
  const totals = show.totals;
  const remind = el('td', {});
  if (totals.reservations > 0) {
    remind.append(el('button', { type: 'button', className: 'remind', on: { click: () => reservations(show) } },
      t('reservations.download')));
  }
  return el('tr', { dataset: { show: show.id, status: show.status }, className: target && target.id === show.id ? 'target' : '' },
    title,
    el('td', {}, el('span', { className: `status ${show.status}` }, t(`status.${show.status}`))),
    el('td', {}, when === null || when === undefined ? '—' : dateTime(when)),
    ...['gmvCents', 'paidGmvCents', 'orders', 'uv', 'reservations'].map((name) =>
      el('td', { className: 'num', dataset: { figure: name } }, figure(totals, name))),
    el('td', { className: 'screens' }, ...SCREENS.map((screen) => screenLink(show, screen))),
    sheet, remind);
}

function renderShows() {
  const table = $('shows');
  table.tHead.replaceChildren(el('tr', {}, ...['title', 'status', 'when', 'gmvCents', 'paidGmvCents', 'orders', 'uv',
    'reservations', 'screens', 'sheet', 'remind'].map((key) => el('th', { className: ['gmvCents', 'paidGmvCents', 'orders', 'uv',
    'reservations'].includes(key) ? 'num' : '' }, t(`col.${key}`)))));
  const body = table.tBodies[0];
  body.replaceChildren(...shows.map(showRow));
  if (shows.length === 0) {
    body.append(el('tr', {}, el('td', { colSpan: 11, className: 'empty' }, t('shows.none'))));
  }
}

const itemColumns = () => [
  { key: 'id', value: (r) => r.id, text: (r) => r.id },
  { key: 'name', value: (r) => r.name, text: (r) => r.name, className: () => 'name' },
  { key: 'shows', numeric: true, value: (r) => r.shows, text: (r) => count(r.shows) },
  { key: 'airedSeconds', numeric: true, value: (r) => r.airedSeconds, text: (r) => duration(r.airedSeconds) },
  { key: 'units', numeric: true, value: (r) => r.units, text: (r) => count(r.units) },
  { key: 'gmvCents', numeric: true, value: (r) => r.gmvCents, text: (r) => yuan(r.gmvCents) },
  { key: 'paidGmvCents', numeric: true, value: (r) => r.paidGmvCents, text: (r) => yuan(r.paidGmvCents) },
  { key: 'gmvPerMinuteCents', numeric: true, value: (r) => r.gmvPerMinuteCents, text: (r) => yuan(r.gmvPerMinuteCents) },
  { key: 'clickConversion', numeric: true, value: (r) => r.clickConversion, text: (r) => percent(r.clickConversion) },
].map((column) => ({ ...column, label: () => t(`col.${column.key}`) }));

function renderItems() {
  if (!itemTable) {
    itemTable = sortableTable($('items'), itemColumns(), { sortKey: 'paidGmvCents', descending: true });
  }
  itemTable.render(items);
  if (items.length === 0) {
    $('items').tBodies[0].append(el('tr', {}, el('td', { colSpan: 9, className: 'empty' }, t('items.none'))));
  }
}

function renderTarget() {
  setText($('sheet-target'), target ? t('sheet.target', { title: target.title }) : t('sheet.noTarget'));
  $('drop-zone').classList.toggle('disabled', !target);
}

function render() {
  translate();
  renderShows();
  renderItems();
  renderTarget();
  hooks.render();
}

/** Who reserved the show, as CSV, for the shop to remind when it starts. */
function reservations(show) {
  download(`/api/shows/${encodeURIComponent(show.id)}/reservations.csv`, token, `livedesk-reservations-${show.id}.csv`)
    .catch((error) => stateError(problem(error, 'state.error')));
}

function choose(show) {
  target = show;
  setText($('sheet-summary'), '');
  $('sheet-errors').hidden = true;
  render();
}

async function load() {
  const [listed, history] = await Promise.all([api.get('/api/studio/shows'), api.get('/api/studio/items'),
    hooks.load()]);
  shows = listed.shows;
  items = history.items;
  if (target) {
    target = shows.find((show) => show.id === target.id) || null;
  }
  $('state').hidden = true;
  $('studio').hidden = false;
  render();
  document.body.dataset.ready = 'true';
}

function problem(error, key) {
  return t(key, { message: error.message, code: error.code });
}

async function create(event) {
  event.preventDefault();
  const body = { title: $('create-title').value.trim(), plannedMinutes: Number($('create-minutes').value) || 120 };
  const start = $('create-start').value;
  if (start) {
    body.plannedStartAt = new Date(start).getTime();
  }
  $('create-error').hidden = true;
  try {
    const created = await api.post('/api/shows', body);
    setText($('created-note'), t('created.note', { title: body.title }));
    setText($('created-control'), created.controlToken);
    setText($('created-prompter'), created.prompterToken);
    setText($('created-shop'), created.shopToken);
    $('created').hidden = false;
    $('create-form').reset();
    target = { id: created.id, title: body.title };
    await load();
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    setText($('create-error'), problem(error, 'create.error'));
    $('create-error').hidden = false;
  }
}

async function upload(file) {
  if (!target) {
    return;
  }
  const bytes = await file.arrayBuffer();
  const summary = $('sheet-summary');
  summary.className = 'sheet-summary';
  setText(summary, t('sheet.loading', { name: file.name }));
  const errors = $('sheet-errors');
  errors.hidden = true;
  try {
    const loaded = await api.putRaw(`/api/shows/${encodeURIComponent(target.id)}/runsheet`, bytes, sheetType(file, bytes));
    summary.className = 'sheet-summary ok';
    setText(summary, t('sheet.loaded', { items: loaded.items, main: loaded.counts.main, backup: loaded.counts.backup,
      lottery: loaded.counts.lottery, planned: duration(loaded.plannedSeconds) }));
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    summary.className = 'sheet-summary error';
    const details = error.details || [];
    setText(summary, details.length > 0 ? t('sheet.failed', { count: details.length }) : problem(error, 'sheet.error'));
    sheetErrors(errors, details);
  }
}

async function start() {
  const access = await startStaffPage();
  if (!access) {
    return;
  }
  token = access.token;
  api = client(token);
  hooks = webhooksPanel(api, (error) => problem(error, 'state.error'));
  onLangChange(() => {
    if (!$('studio').hidden) {
      render();
    }
  });
  $('create-form').addEventListener('submit', create);
  $('refresh').addEventListener('click', () => load().catch(failed));
  fileDrop($('drop-zone'), 'sheet', upload);
  await load().catch(failed);
}

function failed(error) {
  if (error instanceof ApiError) {
    stateError(problem(error, 'state.error'));
  } else {
    throw error;
  }
}

start();
