// The console's comment panel (评论, docs/protocol.md §Comments): repeated questions grouped ("包邮吗 ×37"),
// the latest comments with who wrote them, and what staff do with them: pin one for the host (观众问),
// answer as the shop, hide, mute the writer, block words. Comments are shown as text, never markup.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { clock } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';
import { groupedQuestions } from '../lib/comments-model.js';

define({
  zh: {
    'comments.title': '评论',
    'comments.pinned': '置顶提问（提词器显示）：{text}',
    'comments.unpin': '取消置顶',
    'comments.groups': '重复提问',
    'comments.latest': '最新评论',
    'comments.times': '×{count}',
    'comments.pin': '置顶',
    'comments.reply': '回复',
    'comments.hide': '隐藏',
    'comments.mute': '禁言10分钟',
    'comments.replyPrompt': '以商家身份回复「{text}」：',
    'comments.shadow': '仅作者可见',
    'comments.hidden': '已隐藏',
    'comments.auto': '自动回复',
    'comments.shop': '商家',
    'comments.block': '屏蔽词',
    'comments.blockPlaceholder': '用逗号或空格分隔，如：加微信, 刷单',
    'comments.blockButton': '屏蔽',
    'comments.blocked': '已屏蔽：{words}',
    'comments.muted': '{viewer} 已禁言至 {time}',
    'comments.none': '还没有评论',
  },
  en: {
    'comments.title': 'Comments',
    'comments.pinned': 'Pinned for the host: {text}',
    'comments.unpin': 'Unpin',
    'comments.groups': 'Repeated questions',
    'comments.latest': 'Latest comments',
    'comments.times': '×{count}',
    'comments.pin': 'Pin',
    'comments.reply': 'Reply',
    'comments.hide': 'Hide',
    'comments.mute': 'Mute 10 min',
    'comments.replyPrompt': 'Reply as the shop to "{text}":',
    'comments.shadow': 'only its author sees it',
    'comments.hidden': 'hidden',
    'comments.auto': 'auto reply',
    'comments.shop': 'Shop',
    'comments.block': 'Blocked words',
    'comments.blockPlaceholder': 'comma or space separated, e.g. 加微信, 刷单',
    'comments.blockButton': 'Block',
    'comments.blocked': 'Blocked: {words}',
    'comments.muted': '{viewer} muted until {time}',
    'comments.none': 'No comments yet',
  },
});

const GROUPS = 8;
const LATEST = 50;
const MUTE_SECONDS = 600;

export function commentsDesk(desk) {
  const model = desk.model;

  async function reply(comment) {
    const text = window.prompt(t('comments.replyPrompt', { text: comment.text }));
    if (text && text.trim()) {
      await desk.command('comment.reply', { commentId: comment.commentId, text: text.trim() }).catch(() => {});
    }
  }

  async function mute(comment) {
    const { result } = await desk.command('viewer.mute', { viewerId: comment.author, seconds: MUTE_SECONDS });
    desk.notice(t('comments.muted', { viewer: comment.author, time: clock(result.until) }), 'info');
  }

  function actions(comment) {
    const run = (cmd) => () => desk.command(cmd, { commentId: comment.commentId }).catch(() => {});
    return el('span', { className: 'actions' },
      el('button', { type: 'button', className: 'pin', on: { click: run('comment.pin') } }, t('comments.pin')),
      el('button', { type: 'button', className: 'reply', on: { click: () => reply(comment) } }, t('comments.reply')),
      el('button', { type: 'button', className: 'hide', on: { click: run('comment.hide') } }, t('comments.hide')),
      el('button', { type: 'button', className: 'mute', on: { click: () => mute(comment).catch(() => {}) } },
        t('comments.mute')));
  }

  function groups(show) {
    const repeated = groupedQuestions(show).filter((g) => g.count > 1).slice(0, GROUPS);
    keyedList($('comment-groups'), repeated.map((g) => g.text), () => el('li', { className: 'group' }),
      (node, text) => {
        const group = repeated.find((g) => g.text === text);
        const signature = `${group.count}|${group.latest.commentId}|${document.documentElement.lang}`;
        if (node.dataset.signature !== signature) {
          node.dataset.signature = signature;
          node.replaceChildren(el('span', { className: 'text' }, group.text),
            el('strong', { className: 'count' }, ` ${t('comments.times', { count: group.count })}`),
            actions(group.latest));
        }
      });
  }

  function latest(show) {
    const shown = show.comments.slice(-LATEST).reverse();
    keyedList($('comment-stream'), shown.map((c) => c.commentId), () => el('li', { className: 'comment' }),
      (node, commentId) => {
        const comment = shown.find((c) => c.commentId === commentId);
        const signature = `${comment.hidden}|${comment.replies.length}|${document.documentElement.lang}`;
        if (node.dataset.signature === signature) {
          return;
        }
        node.dataset.signature = signature;
        node.classList.toggle('shadow', comment.shadow);
        node.classList.toggle('hidden', Boolean(comment.hidden));
        node.replaceChildren(el('div', { className: 'line' },
          el('span', { className: 'time' }, clock(comment.ts)),
          el('span', { className: 'author' }, comment.author),
          el('span', { className: 'text' }, comment.text),
          comment.shadow && el('em', { className: 'mark' }, t('comments.shadow')),
          comment.hidden && el('em', { className: 'mark' }, t('comments.hidden'))),
        comment.hidden ? '' : actions(comment),
        ...comment.replies.map((r) => el('div', { className: 'reply-line' },
          `${r.auto ? t('comments.auto') : t('comments.shop')}：${r.text}`)));
      });
    $('comment-none').hidden = shown.length > 0;
  }

  async function block() {
    const words = $('block-words').value.split(/[,，\s]+/).map((w) => w.trim()).filter(Boolean);
    if (words.length === 0) {
      return;
    }
    await desk.command('comments.block_words', { words });
    $('block-words').value = '';
    desk.notice(t('comments.blocked', { words: words.join('、') }), 'info');
  }

  $('comment-unpin').addEventListener('click', () => desk.command('comment.unpin', {}).catch(() => {}));
  $('block-button').addEventListener('click', () => block().catch(() => {}));

  return {
    render() {
      const show = model.show;
      const pinned = show.pinnedComment;
      $('comment-pinned').hidden = !pinned;
      if (pinned) {
        setText($('comment-pinned-text'), t('comments.pinned', { text: pinned.text }));
      }
      groups(show);
      latest(show);
    },
    relabel() {
      $('comment-groups').replaceChildren();
      $('comment-stream').replaceChildren();
    },
  };
}
