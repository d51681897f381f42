// The two-person rule on the console (docs/protocol.md §Two-person rule): every cut waiting for a second
// staff member, with the item, old → new price, the cut, who asked and the time left. Another console grants
// or denies it; the one that asked sees its own as waiting and may withdraw it.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { duration, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { who } from './feed.js';

const keyOf = (actor) => `${actor.role}:${actor.id}`;

export function approvalsDesk(desk) {
  const { model } = desk;
  const storeKey = `livedesk.approvals.${desk.showId}`;
  const saved = JSON.parse(sessionStorage.getItem(storeKey) || '{}');
  /** The ids this console asked for, and the identity the server recorded them under once seen. */
  const own = { ids: new Set(saved.ids || []), me: saved.me || null };

  function save() {
    sessionStorage.setItem(storeKey, JSON.stringify({ ids: [...own.ids].slice(-50), me: own.me }));
  }

  desk.requested = (approvalId) => {
    own.ids.add(approvalId);
    save();
    desk.notice(t('approval.sent'), 'info');
    desk.schedule();
  };

  function mine(request) {
    if (own.ids.has(request.approvalId)) {
      if (own.me !== keyOf(request.requester)) {
        own.me = keyOf(request.requester);
        save();
      }
      return true;
    }
    return own.me !== null && own.me === keyOf(request.requester);
  }

  function render() {
    const waiting = model.show.approvals || [];
    $('approvals').hidden = waiting.length === 0;
    const now = desk.live.serverNow();
    keyedList($('approval-list'), waiting.map((a) => a.approvalId), (id) => el('li', { dataset: { approval: id } },
      el('div', { className: 'what' }), el('div', { className: 'who' }),
      el('div', { className: 'row' }, el('span', { className: 'left' }),
        el('button', { type: 'button', className: 'grant primary', on: { click: () => decide('approval.grant', id) } }),
        el('button', { type: 'button', className: 'deny', on: { click: () => decide('approval.deny', id) } }))),
    (node, id) => {
      const request = waiting.find((a) => a.approvalId === id);
      const item = model.item(request.itemId);
      const cut = request.fromCents > 0 ? Math.round(((request.fromCents - request.toCents) * 100) / request.fromCents) : 0;
      setText(node.querySelector('.what'), t('approval.what', { kind: t(`approval.cmd.${request.cmd}`),
        name: item?.name ?? request.itemId, from: yuan(request.fromCents), to: yuan(request.toCents), cut,
        limit: Math.round(request.cutFraction * 100) }));
      const self = mine(request);
      node.classList.toggle('mine', self);
      setText(node.querySelector('.who'), self ? t('approval.mine') : t('approval.by', { who: who(request.requester) }));
      setText(node.querySelector('.left'), t('approval.left',
        { left: duration(Math.max(0, Math.ceil((request.expiresAt - now) / 1000))) }));
      const grant = node.querySelector('.grant');
      grant.hidden = self;
      setText(grant, t('approval.grant'));
      setText(node.querySelector('.deny'), self ? t('approval.withdraw') : t('approval.deny'));
    });
  }

  async function decide(cmd, approvalId) {
    await desk.command(cmd, { approvalId }).catch(() => {});
  }

  return { render };
}
