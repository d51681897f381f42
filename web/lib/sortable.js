// A table sortable by any column: click a header to sort by it, again to reverse. Cells are always set
// as text, never as markup, so whatever a run-sheet or a viewer typed shows as typed.

/**
 * columns: [{ key, label: () => string, value: row => sortable value, text: row => string,
 * className?: row => string, numeric?: boolean }]. Returns render(rows), which also relabels the headers.
 */
export function sortableTable(table, columns, { sortKey = columns[0].key, descending = false } = {}) {
  let rows = [];
  let key = sortKey;
  let desc = descending;
  const thead = table.createTHead();
  const tbody = table.tBodies[0] || table.createTBody();

  function header() {
    thead.replaceChildren();
    const tr = thead.insertRow();
    for (const column of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = column.key;
      if (column.numeric) {
        th.classList.add('num');
      }
      th.setAttribute('aria-sort', column.key === key ? (desc ? 'descending' : 'ascending') : 'none');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = column.label();
      button.addEventListener('click', () => {
        desc = column.key === key ? !desc : Boolean(column.numeric);
        key = column.key;
        header();
        body();
      });
      th.append(button);
      tr.append(th);
    }
  }

  function compare(a, b) {
    if (a === b) {
      return 0;
    }
    if (a === null || a === undefined) {
      return 1;
    }
    if (b === null || b === undefined) {
      return -1;
    }
    const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'zh-CN');
    return desc ? -order : order;
  }

  function body() {
    const column = columns.find((c) => c.key === key);
    const sorted = rows.map((row, index) => ({ row, index }))
      .sort((x, y) => compare(column.value(x.row), column.value(y.row)) || x.index - y.index);
    tbody.replaceChildren();
    for (const { row } of sorted) {
      const tr = tbody.insertRow();
      for (const c of columns) {
        const td = tr.insertCell();
        td.textContent = c.text(row);
        if (c.numeric) {
          td.classList.add('num');
        }
        const extra = c.className ? c.className(row) : '';
        if (extra) {
          td.classList.add(extra);
        }
      }
    }
  }

  return {
    render(newRows) {
      rows = newRows;
      header();
      body();
    },
  };
}
