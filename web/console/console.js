// The technician's console (中控台): the show's whole job from one page. Before the show it loads and edits
// the run-sheet; live it cues, lists, prices and stocks items, publishes announcements, notes the host, runs
// lotteries and watches the figures and the audit feed. Everything goes over the show's socket, which
// reconnects and resumes by itself.
import '../lib/head.js';
import './texts.js';
import '../lib/show-texts.js';
import { ApiError, client, pageParams, request } from '../lib/api.js';
import { $, el, setText, typing } from '../lib/dom.js';
import { clock, duration } from '../lib/format.js';
import { onLangChange, t, translate } from '../lib/i18n.js';
import { connectLive } from '../lib/live.js';
import { connectionText, onNextFrame, showHeading } from '../lib/page.js';
import { signOut, startStaffPage } from '../lib/session.js';
import { ShowModel } from '../lib/show-model.js';
import { kind } from '../lib/vocabulary.js';
import { approvalsDesk } from './approvals.js';
import { commentsDesk } from './comments.js';
import { draftDesk } from './draft.js';
import { feedDesk } from './feed.js';
import { panelsDesk } from './panels.js';
import { promotionsDesk } from './promotions.js';
import { sheetDesk } from './sheet.js';

// a new run-sheet changes every item: the page takes a fresh snapshot rather than folding it in
const RUNSHEET_LOADED = kind('runsheet.loaded');

const desk = {
  model: new ShowModel(),
  live: null,
  api: null,
  showId: null,
  token: null,
  direct: {
    /** Sends a command, a refusal left to the caller; a cut held for a second staff member is noted as its own. */
    async command(cmd, args = {}) {
      const reply = await desk.live.command(cmd, args);
      if (reply?.result?.pending) {
        desk.requested(reply.result.approvalId);
      }
      return reply;
    },
  },
  requested: () => {},
  /** Sends a command; a refusal is shown as a notice and rethrown for callers that handle it. */
  async command(cmd, args = {}) {
    try {
      return await desk.direct.command(cmd, args);
    } catch (error) {
      desk.fail(error);
      throw error;
    }
  },
  /** A button (its class names given) that sends the command when pressed; a refusal shows as a notice. */
  button(className, cmd, args) {
    const button = el('button', { type: 'button', className });
    button.addEventListener('click', () => desk.command(cmd, args).catch(() => {}));
    return button;
  },
  fail(error) {
    notice(t('error.generic', { code: error.code || 'ERROR', message: error.message }), 'error');
  },
  notice: (text, kind) => notice(text, kind),
  schedule: () => schedule(),
};

let noticeTimer = 0;
let parts;

const schedule = onNextFrame(render);

function notice(text, kind = 'error') {
  const box = $('notice');
  setText(box, text);
  box.className = `notice ${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { box.hidden = true; }, kind === 'error' ? 12_000 : 4_000);
}

function render() {
  const model = desk.model;
  if (!model.loaded) {
    return;
  }
  const show = model.show;
  showHeading(show);
  $('rehearsal-badge').hidden = !show.rehearsal;
  $('rehearsal-banner').hidden = !show.rehearsal;
  $('start-show').hidden = show.status !== 'draft';
  $('end-show').hidden = show.status !== 'live';
  $('draft').hidden = show.status !== 'draft';
  $('live').hidden = show.status === 'draft';
  meta();
  for (const part of parts) {
    part.render();
  }
  document.body.dataset.ready = 'true';
}

function meta() {
  const show = desk.model.show;
  const bits = [t('meta.show', { id: show.id }), t('meta.planned', { minutes: show.plannedMinutes })];
  if (show.startedAt) {
    bits.push(t('meta.started', { time: clock(show.startedAt) }));
    const until = show.endedAt || desk.live.serverNow();
    bits.push(t('meta.elapsed', { elapsed: duration(Math.floor((until - show.startedAt) / 1000)) }));
  }
  if (show.endedAt) {
    bits.push(t('meta.ended', { time: clock(show.endedAt) }));
  }
  setText($('meta'), bits.join(' · '));
}

function connection(state, error) {
  const text = connectionText(state, error);
  setText($('connection'), text);
  if (state === 'denied') {
    notice(text);
  }
}

function keys(event) {
  if (typing(event) || event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) {
    return;
  }
  if (desk.model.loaded && desk.model.show.status === 'live') {
    if (event.key === 'ArrowRight') {
      event.preventDefault();
      parts[0].cueStep('cue.next');
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      parts[0].cueStep('cue.prev');
    }
  }
}

async function startShow() {
  if (window.confirm(t('confirm.start'))) {
    await desk.command('show.start').catch(() => {});
  }
}

async function endShow() {
  if (window.confirm(t('confirm.end'))) {
    await desk.command('show.end').catch(() => {});
  }
}

/** "Rehearse with N simulated viewers": a rehearsal copy of this show, opened in a new tab. */
async function rehearse() {
  const viewers = Number.parseInt($('rehearse-viewers').value, 10);
  const tab = window.open('about:blank', '_blank');
  try {
    const copy = await desk.api.post(`/api/shows/${encodeURIComponent(desk.showId)}/rehearse`, { viewers });
    const consoleUrl = `/console/?show=${encodeURIComponent(copy.id)}#token=${encodeURIComponent(copy.controlToken)}`;
    const addresses = [
      [t('rehearse.console'), consoleUrl],
      [t('rehearse.prompter'), `/prompter/?show=${encodeURIComponent(copy.id)}#token=${encodeURIComponent(copy.prompterToken)}`],
      [t('rehearse.viewer'), `/viewer/?show=${encodeURIComponent(copy.id)}`],
    ];
    const box = $('rehearse-result');
    box.replaceChildren(el('span', {}, t('rehearse.started')),
      ...addresses.map(([label, href]) => el('a', { href, target: '_blank', rel: 'noopener' }, label)));
    box.hidden = false;
    if (tab) {
      tab.opener = null;
      tab.location.href = consoleUrl;
    }
  } catch (error) {
    if (tab) {
      tab.close();
    }
    if (error instanceof ApiError) {
      desk.fail(error);
    } else {
      throw error;
    }
  }
}

function links() {
  const show = encodeURIComponent(desk.showId);
  // on a member's session the review opens with the cookie, no token in its address
  $('open-report').href = `/report/?show=${show}${desk.token ? `#token=${encodeURIComponent(desk.token)}` : ''}`;
  $('open-viewer').href = `/viewer/?show=${show}`;
}

/** Who is signed in (a member's session), and which members are on the show now. */
function people(member) {
  $('who').hidden = !member;
  if (member) {
    setText($('who-name'), t('who.member', { name: member.name, role: t(`by.${member.role}`) }));
  }
}

function staffOn(members) {
  desk.staffOn = members;
  $('staff-on').hidden = members.length === 0;
  setText($('staff-on'), t('staff.on', { names: members.map((m) => m.name).join('、') }));
}

async function start() {
  const access = await startStaffPage();
  if (!access) {
    return;
  }
  const { show, token, member } = access;
  if (!show) {
    document.body.dataset.connection = 'denied';
    notice(t('missing'));
    return;
  }
  desk.member = member;
  people(member);
  $('sign-out').addEventListener('click', signOut);
  desk.showId = show;
  desk.token = token;
  desk.api = client(token);
  links();
  parts = [sheetDesk(desk), draftDesk(desk), panelsDesk(desk), promotionsDesk(desk), commentsDesk(desk), approvalsDesk(desk),
    feedDesk(desk)];
  onLangChange(() => {
    translate();
    people(desk.member);
    staffOn(desk.staffOn || []);
    connection(desk.live.state());
    parts.forEach((part) => part.relabel?.());
    render();
  });
  $('notice').addEventListener('click', () => { $('notice').hidden = true; });
  $('start-show').addEventListener('click', startShow);
  $('end-show').addEventListener('click', endShow);
  $('rehearse').addEventListener('click', rehearse);
  document.addEventListener('keydown', keys);
  desk.live = connectLive({
    show,
    role: 'control',
    token,
    onSnapshot(snapshot, welcome) {
      desk.model.load(snapshot, welcome.serverTime);
      parts.forEach((part) => part.snapshot?.());
      schedule();
    },
    onEvent(frame, replayed) {
      if (frame.kind === RUNSHEET_LOADED) {
        desk.live.resnapshot();
        return;
      }
      desk.model.apply(frame);
      parts.forEach((part) => part.event?.(frame, replayed));
      schedule();
    },
    onTick(frame) {
      if (desk.model.loaded) {
        desk.model.show.figures = frame.figures;
        parts.forEach((part) => part.tick?.(frame));
        schedule();
      }
    },
    onStaff: staffOn,
    onState: connection,
  });
  watchWebhooks();
  setInterval(() => {
    if (desk.model.loaded && desk.model.show.status === 'live') {
      schedule();
    }
  }, 1000);
}

/** A banner while /health names failing webhooks: the shop is not hearing of orders (docs/protocol.md §Webhooks). */
function watchWebhooks() {
  let failing = {};
  const show = () => {
    const ids = Object.keys(failing);
    $('webhook-banner').hidden = ids.length === 0;
    setText($('webhook-banner'), t('banner.webhooks', { list: ids.map((id) => `${id}（${failing[id]}）`).join('；') }));
  };
  const look = () => request('/health').then((health) => {
    failing = (health.checks && health.checks.webhooks) || {};
    show();
  }).catch(() => {});
  onLangChange(show);
  look();
  setInterval(look, 10_000);
}

start();
