// The live run-sheet: one row per item in running order, on air in red and next in green; cue any row,
// shelf on/off, price and stock edited in place, a guarded price cut confirmed in a dialog, reverts and swaps.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { count, duration, percent, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';

/** "88", "88.5", "¥1,288.00" → fen; null when it is not a price. */
export function parseYuan(text) {
  const cleaned = String(text).replace(/[¥,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    return null;
  }
  const [whole, fraction = ''] = cleaned.split('.');
  return Number.parseInt(whole, 10) * 100 + Number.parseInt(fraction.padEnd(2, '0'), 10);
}

export function sheetDesk(desk) {
  const { model } = desk;
  let guarded = null;

  function cueStep(cmd) {
    desk.command(cmd).then(listAfterCue).catch(() => {});
  }

  /** With "list on cue", the item just cued goes on the shelf too. */
  async function listAfterCue(reply) {
    if (!$('auto-list').checked) {
      return;
    }
    await desk.live.caughtUp(reply.seq);
    const item = model.onAir();
    if (item && item.role !== 'lottery' && ['pending', 'off_shelf'].includes(item.status)) {
      await desk.command('item.list', { itemId: item.id }).catch(() => {});
    }
  }

  function cueGo(item) {
    const args = { itemId: item.id };
    if ($('auto-list').checked && item.role !== 'lottery') {
      args.list = true;
    }
    desk.command('cue.go', args).catch(() => {});
  }

  async function setPrice(item, priceCents, confirm) {
    try {
      await desk.direct.command('item.set_price', { itemId: item.id, priceCents, confirm });
    } catch (error) {
      if (error.code === 'PRICE_GUARD' && !confirm) {
        openGuard(item, priceCents, error.message);
      } else {
        desk.fail(error);
      }
    }
  }

  /** The guard's question: old, new and the cut in percent, before a deep cut goes to every viewer. */
  function openGuard(item, priceCents, reason) {
    guarded = { item, priceCents };
    const old = item.livePriceCents;
    setText($('guard-item'), `${item.name} (${item.id})`);
    setText($('guard-old'), yuan(old));
    setText($('guard-new'), yuan(priceCents));
    setText($('guard-cut'), t('guard.cutValue', {
      cut: percent((old - priceCents) / old),
      listCut: percent((item.listPriceCents - priceCents) / item.listPriceCents),
    }));
    setText($('guard-list'), yuan(item.listPriceCents));
    setText($('guard-floor'), item.floorPriceCents === null || item.floorPriceCents === undefined ? t('guard.noFloor') : yuan(item.floorPriceCents));
    setText($('guard-reason'), reason);
    $('guard-dialog').showModal();
  }

  $('guard-cancel').addEventListener('click', () => {
    guarded = null;
    $('guard-dialog').close();
  });
  $('guard-confirm').addEventListener('click', () => {
    const pending = guarded;
    guarded = null;
    $('guard-dialog').close();
    if (pending) {
      setPrice(pending.item, pending.priceCents, true);
    }
  });

  /** Turns a cell's button into an input; Enter sends, Escape or leaving the field cancels. */
  function editInPlace(cell, initial, submit) {
    if (cell.dataset.editing) {
      return;
    }
    cell.dataset.editing = 'true';
    const button = cell.querySelector('.edit');
    const input = el('input', { type: 'text', className: 'inline', value: initial });
    button.hidden = true;
    cell.prepend(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (send) => {
      if (done) {
        return;
      }
      done = true;
      const value = input.value;
      input.remove();
      button.hidden = false;
      delete cell.dataset.editing;
      if (send) {
        submit(value);
      }
      desk.schedule();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        finish(false);
      }
    });
    input.addEventListener('blur', () => finish(false));
  }

  function editPrice(itemId, cell) {
    const item = model.item(itemId);
    editInPlace(cell, (item.livePriceCents / 100).toFixed(2), (text) => {
      const fen = parseYuan(text);
      if (fen === null) {
        desk.notice(t('edit.badMoney', { text }));
        return;
      }
      setPrice(model.item(itemId), fen, false);
    });
  }

  function editStock(itemId, cell) {
    const item = model.item(itemId);
    editInPlace(cell, String(item.stock), (text) => {
      const stock = Number(text.trim());
      if (!Number.isInteger(stock) || stock < 0) {
        desk.notice(t('edit.badStock', { text }));
        return;
      }
      desk.command('item.set_stock', { itemId, stock }).catch(() => {});
    });
  }

  function revert(itemId) {
    desk.command('item.revert_price', { itemId }).catch(() => {});
  }

  function createRow(itemId) {
    const priceButton = el('button', { type: 'button', className: 'edit', title: t('edit.price') });
    const priceCell = el('td', { className: 'num price' }, priceButton, el('s'),
      el('button', { type: 'button', className: 'revert', hidden: true }, '↶'));
    priceButton.addEventListener('click', () => editPrice(itemId, priceCell));
    priceCell.querySelector('.revert').addEventListener('click', () => revert(itemId));
    const stockButton = el('button', { type: 'button', className: 'edit', title: t('edit.stock') });
    const stockCell = el('td', { className: 'num stock' }, stockButton);
    stockButton.addEventListener('click', () => editStock(itemId, stockCell));
    const shelf = el('button', { type: 'button', className: 'shelf' });
    shelf.addEventListener('click', () => {
      const item = model.item(itemId);
      desk.command(item.status === 'on_shelf' || item.status === 'sold_out' ? 'item.delist' : 'item.list', { itemId }).catch(() => {});
    });
    const cue = el('button', { type: 'button', className: 'cue-go' });
    cue.addEventListener('click', () => cueGo(model.item(itemId)));
    const swap = el('select', { className: 'swap' });
    swap.addEventListener('change', () => {
      const backupId = swap.value;
      swap.value = '';
      const item = model.item(itemId);
      const backup = model.item(backupId);
      if (backup && window.confirm(t('swap.confirm', { item: item.name, backup: backup.name }))) {
        desk.command('runsheet.swap', { itemId, backupId }).catch(() => {});
      }
    });
    return el('tr', { dataset: { item: itemId } },
      el('td', { className: 'num pos' }),
      el('td', { className: 'role' }),
      el('td', { className: 'name' }, el('span'), el('small')),
      priceCell,
      stockCell,
      el('td', { className: 'num sold' }, el('span'), el('small', { className: 'refund' })),
      el('td', { className: 'status' }, shelf),
      el('td', { className: 'num time' }),
      el('td', { className: 'ops' }, cue, ' ', swap));
  }

  function updateRow(row, itemId, position, next, now) {
    const item = model.item(itemId);
    const onAir = model.show.cue?.itemId === itemId;
    const live = model.show.status === 'live';
    row.className = [item.role, onAir ? 'on-air' : '', next === item ? 'next' : ''].filter(Boolean).join(' ');
    const cell = (name) => row.querySelector(`.${name}`);
    setText(cell('pos'), position);
    setText(cell('role'), t(`role.${item.role}`));
    setText(cell('name').firstChild, item.name);
    setText(cell('name').lastChild, item.id);
    const sellable = item.role !== 'lottery';
    const price = cell('price');
    price.querySelector('.edit').hidden = !sellable || Boolean(price.dataset.editing);
    if (sellable) {
      setText(price.querySelector('.edit'), yuan(item.priceCents));
      setText(price.querySelector('s'), item.listPriceCents > item.priceCents ? yuan(item.listPriceCents) : '');
      const back = price.querySelector('.revert');
      const history = item.priceHistory || [];
      back.hidden = history.length === 0 || model.show.status === 'ended';
      back.title = history.length > 0 ? t('revert.one', { price: yuan(history[0]) }) : '';
    } else {
      setText(price.querySelector('s'), '');
      price.querySelector('.revert').hidden = true;
    }
    const stock = cell('stock');
    stock.querySelector('.edit').hidden = !sellable || Boolean(stock.dataset.editing);
    setText(stock.querySelector('.edit'), count(item.stock));
    stock.querySelector('.edit').classList.toggle('low', sellable && item.stock <= Math.max(5, Math.ceil((item.stock + item.sold) * 0.1)));
    setText(cell('sold').firstChild, sellable ? count(item.sold) : '');
    // what a group-deal tier left the item's paid orders owed back (docs/protocol.md §Group-buy tiers)
    setText(cell('sold').lastChild, item.refundCents > 0 ? t('sheet.refund', { amount: yuan(item.refundCents) }) : '');
    const shelf = cell('status').querySelector('.shelf');
    shelf.className = `shelf ${item.status}`;
    shelf.disabled = !sellable || !live;
    setText(shelf, sellable ? t(`item.${item.status}`) : t('prize.left', { left: count(item.prizesLeft), total: count(item.winners) }));
    shelf.title = sellable ? t(item.status === 'on_shelf' || item.status === 'sold_out' ? 'shelf.delist' : 'shelf.list') : '';
    const aired = Math.floor(model.airedMillis(item, now) / 1000);
    const time = cell('time');
    setText(time, item.plannedSeconds > 0 || aired > 0 ? `${duration(aired)} / ${duration(item.plannedSeconds)}` : '');
    time.classList.toggle('over', item.plannedSeconds > 0 && aired > item.plannedSeconds);
    const cue = cell('ops').querySelector('.cue-go');
    cue.disabled = !live || onAir;
    setText(cue, onAir ? t('cue.onAir') : t('cue.go'));
    swapChoices(cell('ops').querySelector('.swap'), item, onAir || !live);
  }

  function swapChoices(select, item, disabled) {
    const backups = model.items.filter((i) => i.role === 'backup');
    select.hidden = item.role !== 'main' || backups.length === 0;
    select.disabled = disabled;
    const wanted = ['', ...backups.map((b) => b.id)].join('\u0000');
    if (select.dataset.choices !== wanted || select.dataset.lang !== t('swap.placeholder')) {
      select.dataset.choices = wanted;
      select.dataset.lang = t('swap.placeholder');
      select.replaceChildren(el('option', { value: '' }, t('swap.placeholder')),
        ...backups.map((b) => el('option', { value: b.id }, b.name)));
    }
  }

  function revertLast() {
    const button = $('revert-last');
    const changes = model.show.priceChanges;
    const last = changes[changes.length - 1];
    const item = last ? model.item(last.itemId) : undefined;
    const history = item ? item.priceHistory || [] : [];
    button.disabled = !item || history.length === 0 || model.show.status !== 'live';
    button.dataset.item = item ? item.id : '';
    setText(button, item && history.length > 0
      ? t('revert.last', { name: item.name, from: yuan(item.livePriceCents), to: yuan(history[0]) })
      : t('revert.none'));
  }

  $('revert-last').addEventListener('click', () => {
    const itemId = $('revert-last').dataset.item;
    if (itemId) {
      revert(itemId);
    }
  });
  $('cue-next').addEventListener('click', () => cueStep('cue.next'));
  $('cue-prev').addEventListener('click', () => cueStep('cue.prev'));
  $('cue-opening').addEventListener('click', () => desk.command('cue.go', { segment: 'opening' }).catch(() => {}));
  $('cue-closing').addEventListener('click', () => desk.command('cue.go', { segment: 'closing' }).catch(() => {}));

  return {
    cueStep,
    render() {
      if (model.show.status === 'draft') {
        return;
      }
      const live = model.show.status === 'live';
      ['cue-next', 'cue-prev', 'cue-opening', 'cue-closing'].forEach((id) => { $(id).disabled = !live; });
      $('cue-opening').hidden = !model.show.opening;
      $('cue-closing').hidden = !model.show.closing;
      const next = live ? model.next() : undefined;
      const now = desk.live.serverNow();
      const ids = model.items.map((item) => item.id);
      const positions = new Map(ids.map((id, index) => [id, index + 1]));
      keyedList($('sheet').tBodies[0], ids, createRow, (row, id) => updateRow(row, id, positions.get(id), next, now));
      revertLast();
    },
    relabel() {
      document.querySelectorAll('#sheet .edit').forEach((button) => {
        button.title = t(button.closest('.price') ? 'edit.price' : 'edit.stock');
      });
    },
  };
}
