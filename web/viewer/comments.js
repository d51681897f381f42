// The storefront's comments (评论 / 弹幕, docs/protocol.md §Comments): the latest comments, the pinned
// question, the shop's answers, and a box to ask. Every text goes in as text: a comment is never markup.
import { $, el, keyedList, setText } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

const SHOWN = 50;
const MAX_LENGTH = 200;
const own = new Set();

/** Shows the stream; ownId is the viewer's id (their own comments say 我). */
export function commentBlock(show, ownId) {
  const pinned = show.pinnedComment;
  $('comment-pinned').hidden = !pinned;
  if (pinned) {
    setText($('comment-pinned-text'), `${t('comments.pinned')} ${pinned.text}`);
  }
  const shown = show.comments.filter((c) => !c.hidden).slice(-SHOWN);
  keyedList($('comment-list'), shown.map((c) => c.commentId), () => el('li', { className: 'comment' },
    el('span', { className: 'author' }), el('span', { className: 'text' }), el('ul', { className: 'replies' })),
  (node, commentId) => {
    const comment = shown.find((c) => c.commentId === commentId);
    const mine = own.has(commentId) || comment.author === ownId;
    node.classList.toggle('mine', mine);
    setText(node.querySelector('.author'), mine ? t('comments.me') : comment.author);
    setText(node.querySelector('.text'), comment.text);
    const replies = node.querySelector('.replies');
    keyedList(replies, comment.replies.map((r, i) => String(i)), () => el('li', { className: 'reply' }),
      (reply, index) => setText(reply, `${t('comments.shop')}：${comment.replies[Number(index)].text}`));
  });
  $('comments-empty').hidden = shown.length > 0;
}

/** Wires the box: send posts the text and remembers the comment as the viewer's own. */
export function commentBox(send, errorText, rendered) {
  const input = $('comment-text');
  input.maxLength = MAX_LENGTH;
  const post = async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      return;
    }
    try {
      const { result } = await send('comment.post', { text });
      own.add(result.commentId);
      input.value = '';
      setText($('comment-message'), '');
      rendered();
    } catch (error) {
      setText($('comment-message'), errorText(error));
    }
  };
  $('comment-form').addEventListener('submit', post);
}
