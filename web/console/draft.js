// Before the show: load a run-sheet by file picker or drag-and-drop (CSV, .xlsx or JSON, sent as it is), see every
// problem by line and field, check it against the 24/4/6 template and the planned time, edit an item or
// reorder by dragging (each change goes back to the server as a JSON run-sheet).
import { ApiError } from '../lib/api.js';
import { $, el, keyedList, setText } from '../lib/dom.js';
import { count, duration, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { fileDrop, sheetErrors, sheetType } from '../lib/sheet-file.js';
import { parseYuan } from './sheet.js';

/** The house template (runsheet.TemplateCheck): how many items of each role, and how close the time must be. */
const TEMPLATE = { main: 24, backup: 4, lottery: 6 };
const TIME_TOLERANCE = 0.1;

/** An item of the snapshot as the run-sheet's JSON form (PROTOCOL §Run-sheet). */
function itemJson(item) {
  const out = {
    id: item.id, role: item.role, name: item.name, listPriceCents: item.listPriceCents,
    livePriceCents: item.livePriceCents, stock: item.stock, plannedSeconds: item.plannedSeconds,
  };
  if (item.floorPriceCents !== null && item.floorPriceCents !== undefined) {
    out.floorPriceCents = item.floorPriceCents;
  }
  if (item.limitPerViewer !== null && item.limitPerViewer !== undefined) {
    out.limitPerViewer = item.limitPerViewer;
  }
  if (item.script) {
    out.script = item.script;
  }
  if (item.sellingPoints && item.sellingPoints.length > 0) {
    out.sellingPoints = item.sellingPoints;
  }
  if (item.tiers && item.tiers.length > 0) {
    out.tiers = item.tiers.map((tier) => ({ minUnits: tier.minUnits, priceCents: tier.priceCents }));
  }
  for (const key of ['link', 'imageUrl']) {
    if (item[key]) {
      out[key] = item[key];
    }
  }
  if (item.role === 'lottery') {
    out.winners = item.winners;
  }
  return out;
}

/** "100:449\n500:399.50" (units:yuan, a line or a | each) → tiers; throws on what it cannot read. */
function parseTiers(text) {
  return text.split(/[\n|]/).map((part) => part.trim()).filter(Boolean).map((part) => {
    const [units, price] = part.split(/[:：]/);
    const fen = parseYuan(price || '');
    if (!/^\d+$/.test((units || '').trim()) || fen === null) {
      throw new Error(part);
    }
    return { minUnits: Number.parseInt(units, 10), priceCents: fen };
  });
}

export function draftDesk(desk) {
  const { model } = desk;
  const path = () => `/api/shows/${encodeURIComponent(desk.showId)}/runsheet`;
  let warnings = [];
  let editingIndex = -1;
  let dragId = null;

  function shownSummary(summary) {
    const box = $('sheet-summary');
    box.className = 'sheet-summary ok';
    setText(box, t('draft.loaded', {
      items: summary.items, main: summary.counts.main, backup: summary.counts.backup,
      lottery: summary.counts.lottery, planned: duration(summary.plannedSeconds),
    }));
    $('sheet-errors').hidden = true;
    $('sheet-result').hidden = false;
    warnings = summary.warnings || [];
  }

  function shownErrors(error, table = $('sheet-errors')) {
    const box = $('sheet-summary');
    box.className = 'sheet-summary error';
    const details = error.details || [];
    setText(box, details.length > 0 ? t('draft.failed', { count: details.length }) : t('error.generic', { code: error.code, message: error.message }));
    sheetErrors(table, details);
    $('sheet-result').hidden = false;
  }

  async function upload(file) {
    const bytes = await file.arrayBuffer();
    const box = $('sheet-summary');
    box.className = 'sheet-summary';
    setText(box, t('draft.loading', { name: file.name }));
    $('sheet-result').hidden = false;
    try {
      shownSummary(await desk.api.putRaw(path(), bytes, sheetType(file, bytes)));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      shownErrors(error);
    }
    desk.schedule();
  }

  /** Sends the sheet as JSON; the problems, if any, come back by item number and field. */
  async function putSheet(sheet) {
    try {
      shownSummary(await desk.api.put(path(), sheet));
      return null;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      shownErrors(error);
      return error;
    }
  }

  function sheetWith(items, segments = {}) {
    const opening = 'opening' in segments ? segments.opening : model.show.opening;
    const closing = 'closing' in segments ? segments.closing : model.show.closing;
    const sheet = { items: items.map(itemJson) };
    if (opening) {
      sheet.opening = opening;
    }
    if (closing) {
      sheet.closing = closing;
    }
    return sheet;
  }

  function template() {
    const counts = { main: 0, backup: 0, lottery: 0 };
    let planned = 0;
    for (const item of model.items) {
      counts[item.role] += 1;
      planned += item.plannedSeconds;
    }
    const showSeconds = model.show.plannedMinutes * 60;
    const tiles = Object.entries(TEMPLATE).map(([role, expected]) => tile(`template.${role}`,
      t('template.value', { count: counts[role], expected }), counts[role] === expected, role));
    const timeOk = Math.abs(planned - showSeconds) <= showSeconds * TIME_TOLERANCE;
    tiles.push(tile('template.time', `${duration(planned)} / ${duration(showSeconds)}`, timeOk, 'time'));
    $('template').replaceChildren(...tiles);
    $('warnings').replaceChildren(...warnings.map((warning) => el('li', {}, warning)));
  }

  function tile(label, value, ok, key) {
    return el('div', { className: `check-tile ${ok ? 'ok' : 'warn'}`, dataset: { check: key } },
      el('span', {}, t(label)), el('strong', {}, value));
  }

  function createRow(itemId) {
    const edit = el('button', { type: 'button', className: 'edit-item' }, t('draft.edit'));
    edit.addEventListener('click', () => openEditor(model.items.findIndex((i) => i.id === itemId)));
    const row = el('tr', { draggable: true, dataset: { item: itemId } },
      el('td', { className: 'handle' }, '⠿'), el('td', { className: 'num pos' }), el('td', { className: 'role' }),
      el('td', { className: 'id' }), el('td', { className: 'name' }),
      el('td', { className: 'num list' }), el('td', { className: 'num live' }), el('td', { className: 'num floor' }),
      el('td', { className: 'num stock' }), el('td', { className: 'num limit' }), el('td', { className: 'num planned' }),
      el('td', {}, edit));
    row.addEventListener('dragstart', (event) => {
      dragId = itemId;
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', itemId);
    });
    row.addEventListener('dragend', () => {
      row.classList.remove('dragging');
      document.querySelectorAll('.drop-before').forEach((r) => r.classList.remove('drop-before'));
    });
    row.addEventListener('dragover', (event) => {
      if (dragId) {
        event.preventDefault();
        document.querySelectorAll('.drop-before').forEach((r) => r.classList.remove('drop-before'));
        row.classList.add('drop-before');
      }
    });
    row.addEventListener('drop', (event) => {
      event.preventDefault();
      const moved = dragId;
      dragId = null;
      if (moved && moved !== itemId) {
        const after = event.offsetY > row.offsetHeight / 2 && row === row.parentElement.lastElementChild;
        reorder(moved, itemId, after);
      }
    });
    return row;
  }

  function updateRow(row, itemId, position) {
    const item = model.item(itemId);
    const cell = (name) => row.querySelector(`.${name}`);
    setText(cell('pos'), position);
    setText(cell('role'), t(`role.${item.role}`));
    setText(cell('id'), item.id);
    setText(cell('name'), item.name);
    setText(cell('list'), yuan(item.listPriceCents));
    setText(cell('live'), yuan(item.livePriceCents));
    setText(cell('floor'), item.floorPriceCents === null || item.floorPriceCents === undefined ? '—' : yuan(item.floorPriceCents));
    setText(cell('stock'), count(item.stock));
    setText(cell('limit'), item.limitPerViewer ?? '—');
    setText(cell('planned'), duration(item.plannedSeconds));
    setText(row.querySelector('.edit-item'), t('draft.edit'));
  }

  function reorder(movedId, targetId, after) {
    const items = [...model.items];
    const moved = items.splice(items.findIndex((i) => i.id === movedId), 1)[0];
    const at = items.findIndex((i) => i.id === targetId) + (after ? 1 : 0);
    items.splice(at, 0, moved);
    putSheet(sheetWith(items));
  }

  function openEditor(index) {
    editingIndex = index;
    const item = model.items[index];
    const form = $('editor-form');
    const money = (fen) => (fen === null || fen === undefined ? '' : (fen / 100).toFixed(2));
    const values = {
      id: item.id, role: item.role, name: item.name, listPrice: money(item.listPriceCents), livePrice: money(item.livePriceCents),
      floorPrice: money(item.floorPriceCents), stock: item.stock, limitPerViewer: item.limitPerViewer ?? '',
      plannedSeconds: item.plannedSeconds, winners: item.role === 'lottery' ? item.winners : '', script: item.script || '',
      sellingPoints: (item.sellingPoints || []).join('\n'),
      tiers: (item.tiers || []).map((tier) => `${tier.minUnits}:${(tier.priceCents / 100).toFixed(2)}`).join('\n'),
      link: item.link || '', imageUrl: item.imageUrl || '',
    };
    for (const [name, value] of Object.entries(values)) {
      form.elements[name].value = String(value);
    }
    $('editor-errors').replaceChildren();
    $('item-editor').showModal();
  }

  /** The form as a run-sheet item; numbers go as typed so the server names what is wrong with them. */
  function editedItem() {
    const form = $('editor-form').elements;
    const problems = [];
    const text = (name) => form[name].value.trim();
    const money = (name, field, optional) => {
      if (text(name) === '' && optional) {
        return undefined;
      }
      const fen = parseYuan(text(name) || '0');
      if (fen === null) {
        problems.push(`${field}: ${t('edit.badMoney', { text: text(name) })}`);
      }
      return fen;
    };
    const item = {
      id: text('id'), role: form.role.value, name: text('name'),
      listPriceCents: money('listPrice', 'listPriceCents', false),
      livePriceCents: money('livePrice', 'livePriceCents', false),
      floorPriceCents: money('floorPrice', 'floorPriceCents', true),
      stock: text('stock') || '0',
      limitPerViewer: text('limitPerViewer') || undefined,
      plannedSeconds: text('plannedSeconds') || '0',
      script: form.script.value,
      sellingPoints: form.sellingPoints.value.split('\n').map((line) => line.trim()).filter(Boolean),
      link: text('link') || undefined,
      imageUrl: text('imageUrl') || undefined,
    };
    try {
      item.tiers = parseTiers(form.tiers.value);
    } catch (error) {
      problems.push(`tiers: ${error.message}`);
    }
    if (item.role === 'lottery') {
      item.winners = text('winners') || '0';
    }
    return { item, problems };
  }

  async function saveEditor(event) {
    event.preventDefault();
    const { item, problems } = editedItem();
    const errors = $('editor-errors');
    if (problems.length > 0) {
      errors.replaceChildren(...problems.map((problem) => el('li', {}, problem)));
      return;
    }
    const sheet = sheetWith(model.items);
    const clean = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined && value !== ''));
    if (clean.tiers && clean.tiers.length === 0) {
      delete clean.tiers;
    }
    sheet.items[editingIndex] = clean;
    const error = await putSheet(sheet);
    if (!error) {
      $('item-editor').close();
      return;
    }
    const mine = (error.details || []).filter((detail) => detail.line === editingIndex + 1 || detail.line === undefined);
    const shown = mine.length > 0 ? mine : error.details || [];
    errors.replaceChildren(...(shown.length > 0
      ? shown.map((detail) => el('li', {}, `${detail.field ? `${detail.field}: ` : ''}${detail.message}`))
      : [el('li', {}, t('error.generic', { code: error.code, message: error.message }))]));
  }

  fileDrop($('drop-zone'), 'draft', upload);
  $('editor-form').addEventListener('submit', saveEditor);
  $('editor-cancel').addEventListener('click', () => $('item-editor').close());
  $('save-segments').addEventListener('click', () => {
    putSheet(sheetWith(model.items, { opening: $('opening').value, closing: $('closing').value }));
  });

  return {
    snapshot() {
      if (model.show.status === 'draft') {
        $('opening').value = model.show.opening || '';
        $('closing').value = model.show.closing || '';
      }
    },
    render() {
      if (model.show.status !== 'draft') {
        return;
      }
      $('draft-sheet').hidden = model.items.length === 0;
      template();
      const ids = model.items.map((item) => item.id);
      const positions = new Map(ids.map((id, index) => [id, index + 1]));
      keyedList($('draft-items').tBodies[0], ids, createRow, (row, id) => updateRow(row, id, positions.get(id)));
    },
  };
}
