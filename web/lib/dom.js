// Building the pages' elements. Text goes in as text only: whatever a run-sheet, a technician or a viewer
// typed is shown as typed and never read as markup.

export const $ = (id) => document.getElementById(id);

/** el('li', { className: 'x', dataset: { id: 'a1' }, title: '…' }, 'text', child, …) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'className') {
      node.className = value;
    } else if (key === 'on') {
      for (const [type, listener] of Object.entries(value)) {
        node.addEventListener(type, listener);
      }
    } else {
      node[key] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** Sets an element's text only when it changed, so a busy page does not rewrite what it already shows. */
export function setText(node, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (node.textContent !== value) {
    node.textContent = value;
  }
}

/** True while the user is typing somewhere: shortcuts keep out of the way. */
export function typing(event) {
  const target = event.target;
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Keeps a container's children in step with a list, one child per key: new keys get create(key), every
 * child gets update(node, key), gone keys are removed. Children are kept, not rebuilt, so what the user is
 * typing or pointing at survives a busy update.
 */
export function keyedList(container, keys, create, update) {
  const existing = new Map();
  for (const child of [...container.children]) {
    if (child.dataset.key !== undefined) {
      existing.set(child.dataset.key, child);
    }
  }
  const wanted = new Set(keys);
  for (const [key, child] of existing) {
    if (!wanted.has(key)) {
      child.remove();
    }
  }
  let previous = null;
  for (const key of keys) {
    let node = existing.get(key);
    if (!node) {
      node = create(key);
      node.dataset.key = key;
    }
    const expected = previous ? previous.nextElementSibling : container.firstElementChild;
    if (node !== expected) {
      if (previous) {
        previous.after(node);
      } else {
        container.prepend(node);
      }
    }
    update(node, key);
    previous = node;
  }
}
