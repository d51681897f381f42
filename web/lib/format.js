// How figures read on every page. Money arrives as integer fen and is only turned into yuan text here.

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 161000 → "¥1,610.00"; fractions of a fen (an average) are rounded; null → "—". */
export function yuan(cents) {
  if (cents === null || cents === undefined || Number.isNaN(cents)) {
    return '—';
  }
  const fen = Math.round(cents);
  const abs = Math.abs(fen);
  const whole = grouping.format(Math.floor(abs / 100));
  const part = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${whole}.${part}`;
}

/** A count with thousands separators; null → "—". */
export function count(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return grouping.format(value);
}

/** A rate in [0,1] as a percentage: 0.8333 → "83.3%"; null (no denominator) → "—". */
export function percent(rate, digits = 1) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) {
    return '—';
  }
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Seconds as a clock: 75 → "1:15", 3725 → "1:02:05"; negative values keep their sign. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const text = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return seconds < 0 ? `-${text}` : text;
}

/** An over/under time with its sign: 90 → "+1:30", -20 → "-0:20", 0 → "0:00". */
export function signedDuration(seconds) {
  return seconds > 0 ? `+${duration(seconds)}` : duration(seconds);
}

function two(n) {
  return String(n).padStart(2, '0');
}

/** Epoch milliseconds as local "HH:MM:SS"; null → "—". */
export function clock(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Epoch milliseconds as local "YYYY-MM-DD HH:MM"; null → "—". */
export function dateTime(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Each figure by the name ticks and the report give it, and how it reads: the same on every page. */
const FIGURE_FORMATS = [
  [count, ['online', 'peakOnline', 'uv', 'pv', 'clicks', 'clickers', 'orders', 'units', 'orderers', 'buyers',
    'paidOrders', 'newSubscribers', 'reservations', 'reservedAttended', 'comments', 'commenters']],
  [yuan, ['gmvCents', 'paidGmvCents', 'uvValueCents', 'gpmCents']],
  // nothing owed back reads ¥0.00, also from a server that does not send the figure
  [(cents) => yuan(cents ?? 0), ['refundCents', 'discountCents']],
  [percent, ['clickRate', 'orderConversion', 'clickConversion', 'interactionRate']],
  [duration, ['avgWatchSeconds']],
];
const FORMAT_OF = new Map(FIGURE_FORMATS.flatMap(([format, names]) => names.map((name) => [name, format])));

/** One figure of a tick, a report or an item as text: figure(totals, 'gmvCents') → "¥635.00". */
export function figure(figures, name) {
  return FORMAT_OF.get(name)(figures[name]);
}
