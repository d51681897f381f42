// A run-sheet file as a page takes it: picked or dropped, sent as it is with the media type the server reads
// it by (CSV, .xlsx or JSON, docs/protocol.md §Run-sheet).
import { el } from './dom.js';
import { t } from './i18n.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type the server reads the sheet by: .xlsx by name, type or its zip signature, else JSON or CSV. */
export function sheetType(file, bytes) {
  const start = new Uint8Array(bytes.slice(0, 4));
  const zip = start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04;
  if (/\.xlsx$/i.test(file.name) || file.type === XLSX || zip) {
    return XLSX;
  }
  const head = new TextDecoder().decode(bytes.slice(0, 64)).replace(/^\uFEFF/, '').trimStart();
  const json = /\.json$/i.test(file.name) || file.type === 'application/json' || (!/\.csv$/i.test(file.name) && head.startsWith('{'));
  return json ? 'application/json' : 'text/csv';
}

/** What the file input offers: the formats the server reads a run-sheet in. */
const ACCEPT = ['.csv', '.xlsx', '.json', 'text/csv', XLSX, 'application/json'].join(',');

/**
 * Fills a drop zone with its line (`${texts}.drop`), the file input #sheet-file and its button
 * (`${texts}.pick`), and calls onFile with a file dropped on the zone or picked with the input.
 */
export function fileDrop(zone, texts, onFile) {
  const input = el('input', { type: 'file', id: 'sheet-file', accept: ACCEPT });
  const text = (key) => el('span', { dataset: { i18n: key } }, t(key));
  zone.replaceChildren(text(`${texts}.drop`), el('label', { className: 'file-button' }, input, text(`${texts}.pick`)));
  zone.addEventListener('dragover', (event) => {
    if ([...event.dataTransfer.types].includes('Files')) {
      event.preventDefault();
      zone.classList.add('over');
    }
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) {
      onFile(file);
    }
  });
  input.addEventListener('change', (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (file) {
      onFile(file);
    }
  });
}

/** Lists a refused sheet's problems in a table's body, one row each (line, field, message); hidden when none. */
export function sheetErrors(table, details) {
  table.tBodies[0].replaceChildren(...details.map((detail) => el('tr', {},
    el('td', {}, detail.line ?? t('errors.none')), el('td', {}, detail.field ?? t('errors.none')), el('td', {}, detail.message))));
  table.hidden = details.length === 0;
}
