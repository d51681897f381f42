// The studio's webhooks panel: the shop's webhooks, a new one (its secret shown once), rotation, deletion,
// the latest deliveries of one and a redelivery from a batch on (docs/protocol.md §Webhooks).
import { ApiError } from '../lib/api.js';
import { $, el, setText } from '../lib/dom.js';
import { dateTime } from '../lib/format.js';
import { t } from '../lib/i18n.js';

export function webhooksPanel(api, problem) {
  let hooks = [];
  let shown = null;
  let deliveries = [];

  function fail(error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    setText($('webhook-error'), problem(error));
    $('webhook-error').hidden = false;
  }

  async function load() {
    hooks = (await api.get('/api/webhooks')).webhooks;
    if (shown) {
      deliveries = hooks.some((hook) => hook.id === shown)
        ? (await api.get(`/api/webhooks/${encodeURIComponent(shown)}/deliveries`)).deliveries : [];
    }
    render();
  }

  function secretShown(hook) {
    setText($('webhook-secret'), t('webhooks.secret', { id: hook.id, secret: hook.secret }));
    $('webhook-secret').hidden = false;
  }

  async function act(work) {
    $('webhook-error').hidden = true;
    try {
      await work();
      await load();
    } catch (error) {
      fail(error);
    }
  }

  function row(hook) {
    const path = `/api/webhooks/${encodeURIComponent(hook.id)}`;
    const status = hook.failing
      ? el('span', { className: 'status failing', title: hook.failing }, t('webhooks.failing'))
      : el('span', { className: 'status ok' }, t('webhooks.ok'));
    return el('tr', { dataset: { webhook: hook.id } },
      el('td', { className: 'name' }, hook.url),
      el('td', {}, hook.kinds.join(', ')),
      el('td', {}, hook.shows.length === 0 ? t('webhooks.allShows') : hook.shows.join(', ')),
      el('td', {}, status),
      el('td', { className: 'screens' },
        el('button', { type: 'button', dataset: { action: 'deliveries' }, on: { click: () => act(async () => { shown = hook.id; }) } },
          t('webhooks.deliveries')),
        el('button', { type: 'button', dataset: { action: 'rotate' }, on: { click: () => act(async () => {
          if (confirm(t('webhooks.rotateConfirm'))) {
            secretShown(await api.post(`${path}/rotate`, {}));
          }
        }) } }, t('webhooks.rotate')),
        el('button', { type: 'button', dataset: { action: 'delete' }, on: { click: () => act(async () => {
          if (confirm(t('webhooks.deleteConfirm', { url: hook.url }))) {
            await api.del(path);
          }
        }) } }, t('webhooks.delete'))));
  }

  function deliveryRow(entry) {
    const redeliver = el('button', { type: 'button', on: { click: () => act(() =>
      api.post(`/api/webhooks/${encodeURIComponent(shown)}/redeliver`, { showId: entry.showId, fromSeq: entry.fromSeq })) } },
    t('webhooks.redeliver'));
    return el('tr', {},
      el('td', {}, dateTime(entry.at)), el('td', {}, entry.showId), el('td', { className: 'num' }, `${entry.fromSeq}–${entry.toSeq}`),
      el('td', {}, t(`webhooks.status.${entry.status}`)), el('td', { className: 'num' }, String(entry.attempts)),
      el('td', { className: 'num' }, entry.latencyMs === undefined ? '—' : `${entry.latencyMs} ms`),
      el('td', {}, entry.lastError || ''), el('td', {}, redeliver));
  }

  function render() {
    const table = $('webhook-list');
    table.tHead.replaceChildren(el('tr', {}, ...['url', 'kinds', 'shows', 'status', 'actions']
      .map((key) => el('th', {}, t(`webhooks.col.${key}`)))));
    table.tBodies[0].replaceChildren(...hooks.map(row));
    if (hooks.length === 0) {
      table.tBodies[0].append(el('tr', {}, el('td', { colSpan: 5, className: 'empty' }, t('webhooks.none'))));
    }
    const panel = $('webhook-deliveries');
    panel.hidden = !shown;
    if (shown) {
      setText($('webhook-deliveries-title'), t('webhooks.deliveriesOf', { id: shown }));
      const list = panel.querySelector('table');
      list.tHead.replaceChildren(el('tr', {}, ...['at', 'show', 'seqs', 'status', 'attempts', 'latency', 'error', 'redeliver']
        .map((key) => el('th', {}, t(`webhooks.col.${key}`)))));
      list.tBodies[0].replaceChildren(...deliveries.map(deliveryRow));
    }
  }

  $('webhook-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const kinds = $('webhook-kinds').value.split(',').map((kind) => kind.trim()).filter(Boolean);
    act(async () => {
      secretShown(await api.post('/api/webhooks', { url: $('webhook-url').value.trim(), kinds }));
      $('webhook-form').reset();
    });
  });

  return { load, render };
}
