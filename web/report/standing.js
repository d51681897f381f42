// Show over show on the review: each headline figure against the previous show and the studio's median
// (GET /api/shows/{id}/standing), and the reserved viewers' funnel. Figures are defined in docs/design.md.
import { client } from '../lib/api.js';
import { count, dateTime, figure } from '../lib/format.js';
import { t } from '../lib/i18n.js';

/** The figures compared, in the order of the rows: the server's headline figures. */
const HEADLINE = ['gmvCents', 'paidGmvCents', 'orders', 'units', 'buyers', 'uv', 'pv', 'peakOnline',
  'avgWatchSeconds', 'newSubscribers', 'reservations', 'orderConversion', 'clickConversion', 'uvValueCents',
  'gpmCents'];

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

/** (this − other) / other in percent, one decimal and its sign; null when there is nothing to compare with. */
export function change(value, other) {
  if (value === null || value === undefined || other === null || other === undefined || other === 0) {
    return null;
  }
  return ((value - other) / Math.abs(other)) * 100;
}

function changeText(delta) {
  if (delta === null) {
    return '—';
  }
  return `${delta > 0 ? '+' : ''}${delta.toFixed(1)}%`;
}

function changeClass(delta) {
  if (delta === null || delta === 0) {
    return 'num';
  }
  return delta > 0 ? 'num up' : 'num down';
}

/** Renders the standing into the table; the section stays hidden when the server could not say. */
export function renderStanding(report, standing) {
  const section = document.getElementById('standing-block');
  const table = document.getElementById('standing');
  section.hidden = false;
  const previous = standing.previous;
  const note = document.getElementById('standing-note');
  note.textContent = previous
    ? t('standing.note', { title: previous.title, time: dateTime(previous.startedAt), shows: count(standing.shows) })
    : t('standing.noPrevious', { shows: count(standing.shows) });
  const head = table.tHead || table.createTHead();
  head.replaceChildren();
  const tr = head.insertRow();
  ['standing.figure', 'standing.this', 'standing.previous', 'standing.vsPrevious', 'standing.median',
    'standing.vsMedian'].forEach((key, index) => {
    const th = document.createElement('th');
    th.textContent = t(key);
    th.className = index > 0 ? 'num' : '';
    tr.append(th);
  });
  const body = table.tBodies[0] || table.createTBody();
  body.replaceChildren();
  for (const name of HEADLINE) {
    const value = report.totals[name];
    const before = previous ? previous.totals[name] : null;
    const median = standing.median[name];
    const row = body.insertRow();
    row.dataset.standing = name;
    cell(row, t(`tile.${name}`));
    cell(row, figure(report.totals, name), 'num');
    cell(row, previous ? figure(previous.totals, name) : '—', 'num');
    const vsPrevious = change(value, before);
    cell(row, changeText(vsPrevious), changeClass(vsPrevious)).dataset.change = 'previous';
    cell(row, figure(standing.median, name), 'num');
    const vsMedian = change(value, median);
    cell(row, changeText(vsMedian), changeClass(vsMedian)).dataset.change = 'median';
  }
}

let known = null;

/** Fetches the show's standing and renders it; a failure leaves the section hidden, the review whole. */
export async function standing(report, token) {
  try {
    known = await client(token).get(`/api/shows/${encodeURIComponent(report.show.id)}/standing`);
    renderStanding(report, known);
  } catch {
    document.getElementById('standing-block').hidden = true;
  }
}

/** The standing already fetched, rendered again (in another language, say). */
export function standingAgain(report) {
  if (known) {
    renderStanding(report, known);
  }
}

/** Reserved → attended → clicked → ordered → paid, each with its share of the reserved; hidden without reservations. */
export function reservationFunnel(report) {
  const section = document.getElementById('reservations-block');
  const funnel = report.funnel;
  section.hidden = !funnel || !funnel.reserved;
  if (section.hidden) {
    return;
  }
  const list = document.getElementById('reservation-funnel');
  list.replaceChildren();
  for (const step of ['reserved', 'attended', 'clicked', 'ordered', 'paid']) {
    const item = document.createElement('li');
    item.dataset.step = step;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = t(`reserved.${step}`);
    const value = document.createElement('strong');
    value.textContent = count(funnel[step]);
    const share = document.createElement('span');
    share.className = 'note';
    share.textContent = `${((100 * funnel[step]) / funnel.reserved).toFixed(1)}%`;
    item.append(label, value, share);
    list.append(item);
  }
}
