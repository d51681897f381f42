// The console's side panels: live figure tiles and sparklines from the ticks, the announcement composer,
// notes to the host with their acknowledgement, and the lottery desk.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { clock, count, duration, figure } from '../lib/format.js';
import { t } from '../lib/i18n.js';

/** Ten minutes of ticks, one a second. */
const SPARK_POINTS = 600;

/** The tiles in order: the tick's figures by name, then the show's time and the on-air item's figures. */
const TILES = [
  ...['online', 'peakOnline', 'uv', 'pv', 'gmvCents', 'paidGmvCents', 'refundCents', 'orders', 'units', 'orderers',
    'clickRate', 'orderConversion', 'clickConversion', 'newSubscribers', 'avgWatchSeconds']
    .map((name) => [name, (f) => figure(f, name)]),
  ['showTime', (f) => `${duration(f.showSeconds)} / ${duration(f.plannedShowSeconds)}`],
  ...[['currentClicks', 'clicks'], ['currentOrders', 'orders'], ['currentGmv', 'gmvCents']]
    .map(([key, name]) => [key, (f) => (f.current && name in f.current ? figure(f.current, name) : '—')]),
];

export function panelsDesk(desk) {
  const { model } = desk;
  const series = { online: [], gmv: [] };

  function tiles() {
    const figures = model.show.figures || {};
    keyedList($('tiles'), TILES.map(([key]) => key),
      (key) => el('div', { className: 'tile', dataset: { figure: key } }, el('span', { className: 'label' }), el('strong', { className: 'value' })),
      (node, key) => {
        setText(node.firstChild, t(`figure.${key}`));
        setText(node.lastChild, TILES.find(([name]) => name === key)[1](figures));
      });
  }

  function spark(svg, values) {
    if (values.length < 2) {
      svg.replaceChildren();
      return;
    }
    const max = Math.max(...values, 1);
    const min = Math.min(...values, 0);
    const span = max - min || 1;
    const step = 200 / (values.length - 1);
    const points = values.map((value, i) => `${(i * step).toFixed(1)},${(38 - ((value - min) / span) * 36).toFixed(1)}`).join(' ');
    let line = svg.firstChild;
    if (!line) {
      line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
      svg.append(line);
    }
    line.setAttribute('points', points);
  }

  function announcements() {
    const live = model.show.announcements;
    keyedList($('announcements'), live.map((a) => a.announcementId).reverse(), (id) => {
      const retract = desk.button('retract', 'announce.retract', { announcementId: id });
      return el('li', { dataset: { announcement: id } }, el('span', { className: 'tag', hidden: true }), el('span', { className: 'text' }), retract);
    }, (node, id) => {
      const announcement = live.find((a) => a.announcementId === id);
      const tag = node.querySelector('.tag');
      tag.hidden = !announcement.pinned;
      setText(tag, t('announce.pinned'));
      setText(node.querySelector('.text'), announcement.text);
      setText(node.querySelector('.retract'), t('announce.retract'));
      node.querySelector('.retract').disabled = model.show.status === 'ended';
    });
  }

  function notes() {
    const all = model.show.notes;
    keyedList($('notes'), all.map((n) => n.noteId).reverse(),
      (id) => el('li', { dataset: { note: id } }, el('span', { className: 'text' }), el('span', { className: 'state' })),
      (node, id) => {
        const note = all.find((n) => n.noteId === id);
        setText(node.querySelector('.text'), note.text);
        const state = node.querySelector('.state');
        state.className = `state ${note.ackedAt ? 'done' : 'waiting'}`;
        setText(state, note.ackedAt ? t('note.acked', { time: clock(note.ackedAt) }) : t('note.waiting'));
      });
  }

  async function publish() {
    const text = $('announce-text').value;
    if (!text.trim()) {
      return;
    }
    try {
      await desk.command('announce.publish', { text, pinned: $('announce-pinned').checked });
      $('announce-text').value = '';
      desk.notice(t('done.published'), 'info');
    } catch {
      // the refusal is on screen already
    }
  }

  async function sendNote() {
    const text = $('note-text').value;
    if (!text.trim()) {
      return;
    }
    try {
      await desk.command('cue.note', { text });
      $('note-text').value = '';
      desk.notice(t('done.noteSent'), 'info');
    } catch {
      // the refusal is on screen already
    }
  }

  function prizeChoices() {
    const select = $('lottery-item');
    const prizes = model.items.filter((item) => item.role === 'lottery' && item.prizesLeft > 0);
    const wanted = prizes.map((p) => `${p.id}:${p.prizesLeft}`).join('|') + t('lottery.noPrize');
    if (select.dataset.choices === wanted) {
      return;
    }
    select.dataset.choices = wanted;
    const previous = select.value;
    select.replaceChildren(...(prizes.length > 0
      ? prizes.map((p) => el('option', { value: p.id }, t('lottery.prizeOption', { name: p.name, left: p.prizesLeft })))
      : [el('option', { value: '' }, t('lottery.noPrize'))]));
    if (prizes.some((p) => p.id === previous)) {
      select.value = previous;
    } else {
      prizeChosen();
    }
  }

  /** A prize on air is the likely one to raffle: it is picked when the cue reaches it. */
  function followCue() {
    const onAir = model.onAir();
    const select = $('lottery-item');
    if (onAir && onAir.role === 'lottery' && onAir.prizesLeft > 0 && select.dataset.followed !== onAir.id) {
      select.dataset.followed = onAir.id;
      select.value = onAir.id;
      prizeChosen();
    }
  }

  function prizeChosen() {
    const prize = model.item($('lottery-item').value);
    if (prize) {
      $('lottery-winners').value = String(Math.min(prize.prizesLeft, Math.max(1, Number($('lottery-winners').value) || 1)));
      $('lottery-winners').max = String(prize.prizesLeft);
    }
  }

  async function openLottery() {
    const itemId = $('lottery-item').value;
    if (!itemId) {
      return;
    }
    const rule = { type: $('lottery-rule').value };
    if (rule.type === 'keyword') {
      rule.keyword = $('lottery-keyword').value;
    }
    const args = { itemId, winners: Number.parseInt($('lottery-winners').value, 10), rule };
    const seconds = $('lottery-seconds').value.trim();
    if (seconds !== '') {
      args.seconds = Number.parseInt(seconds, 10);
    }
    await desk.command('lottery.open', args).catch(() => {});
  }

  function lotteries() {
    const all = model.show.lotteries;
    keyedList($('lotteries'), all.map((l) => l.lotteryId).reverse(), (id) => {
      const close = desk.button('close', 'lottery.close', { lotteryId: id });
      const draw = desk.button('draw primary', 'lottery.draw', { lotteryId: id });
      const proof = el('a', { className: 'proof', target: '_blank', rel: 'noopener',
        href: `/api/shows/${encodeURIComponent(desk.showId)}/lotteries/${encodeURIComponent(id)}/proof` });
      return el('li', { dataset: { lottery: id } },
        el('div', { className: 'lottery-head' }, el('span', { className: 'prize' }), el('span', { className: 'phase' })),
        el('div', { className: 'line rule' }),
        el('div', {}, el('span', { className: 'entrants' }), ' ', el('span', { className: 'line countdown' })),
        el('div', { className: 'winners' }),
        el('div', { className: 'buttons' }, close, draw, proof),
        el('code', { className: 'commitment' }));
    }, (node, id) => updateLottery(node, all.find((l) => l.lotteryId === id)));
  }

  function updateLottery(node, lottery) {
    const part = (name) => node.querySelector(`.${name}`);
    const prize = model.item(lottery.itemId);
    node.dataset.phase = lottery.phase;
    setText(part('prize'), prize ? prize.name : lottery.itemId);
    const phase = part('phase');
    phase.className = `phase ${lottery.phase}`;
    setText(phase, t(`phase.${lottery.phase}`));
    const rule = t('lottery.ruleLine', { rule: t(`rule.${lottery.rule.type}`) })
      + (lottery.rule.type === 'keyword' ? ` · ${t('lottery.keywordLine', { keyword: lottery.rule.keyword })}` : '');
    setText(part('rule'), rule);
    setText(part('entrants'), t('lottery.entrants', { count: count(lottery.entrants) }));
    countdown(node, lottery);
    const winners = lottery.winners || [];
    setText(part('winners'), lottery.phase === 'drawn'
      ? (winners.length > 0 ? t('lottery.winnersLine', { winners: winners.join('、') }) : t('lottery.noWinners')) : '');
    part('close').hidden = lottery.phase !== 'open';
    setText(part('close'), t('lottery.close'));
    part('draw').hidden = lottery.phase !== 'closed';
    setText(part('draw'), t('lottery.draw'));
    setText(part('proof'), t('lottery.proof'));
    setText(part('commitment'), t('lottery.commitment', { hash: lottery.commitment.slice(0, 16) }));
  }

  function countdown(node, lottery) {
    const line = node.querySelector('.countdown');
    if (lottery.phase === 'open' && lottery.closesAt) {
      const left = Math.max(0, Math.ceil((lottery.closesAt - desk.live.serverNow()) / 1000));
      setText(line, t('lottery.closesIn', { time: duration(left) }));
    } else {
      setText(line, '');
    }
  }

  $('announce-publish').addEventListener('click', publish);
  $('note-send').addEventListener('click', sendNote);
  $('lottery-open').addEventListener('click', openLottery);
  $('lottery-item').addEventListener('change', prizeChosen);
  $('lottery-rule').addEventListener('change', () => {
    $('lottery-keyword-field').hidden = $('lottery-rule').value !== 'keyword';
  });

  return {
    tick(frame) {
      const figures = frame.figures;
      series.online.push(figures.online);
      series.gmv.push(figures.gmvCents);
      for (const values of Object.values(series)) {
        if (values.length > SPARK_POINTS) {
          values.splice(0, values.length - SPARK_POINTS);
        }
      }
    },
    render() {
      tiles();
      spark($('spark-online'), series.online);
      spark($('spark-gmv'), series.gmv);
      announcements();
      notes();
      prizeChoices();
      followCue();
      lotteries();
      $('lottery-open').disabled = model.show.status !== 'live' || !$('lottery-item').value;
    },
    relabel() {
      $('lottery-item').dataset.choices = '';
    },
  };
}
