// A run-sheet file as a page takes it: picked or dropped, sent as it is with the media type the server reads
// it by (CSV, .xlsx or JSON, docs/protocol.md §Run-sheet).

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

/** Calls onFile with a file dropped on the zone or picked with the input. */
export function fileDrop(zone, input, onFile) {
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
