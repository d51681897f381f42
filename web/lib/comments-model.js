// Comments folded from their events (docs/protocol.md §Comments), as the server folds them (Comments in
// ShowState): the snapshot's `comments` and `pinnedComment`, then every comment event, kept to the latest few
// hundred so a long show does not grow the page.
import { byKind, foldWith } from './vocabulary.js';

const KEPT = 300;

/** Makes sure a snapshot has its comment lists. */
export function loadComments(show) {
  show.comments = (show.comments || []).map((c) => ({ ...c, replies: c.replies || [] }));
  show.pinnedComment = show.pinnedComment || null;
}

export function commentOf(show, commentId) {
  return show.comments.find((c) => c.commentId === commentId);
}

/**
 * Repeated questions grouped by their text once spaces and punctuation are left out (as the server counts
 * them): [{text, count, latest}], most asked first. Shadowed and hidden comments are left out.
 */
export function groupedQuestions(show) {
  const groups = new Map();
  for (const comment of show.comments) {
    if (comment.shadow || comment.hidden) {
      continue;
    }
    const key = normalised(comment.text);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.latest = comment;
    } else {
      groups.set(key, { text: comment.text, count: 1, latest: comment });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.latest.ts - a.latest.ts);
}

function normalised(text) {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

const COMMENT_FOLDS = byKind({
  'comment.posted': (show, data, frame) => {
    if (!commentOf(show, data.commentId)) {
      show.comments.push({ commentId: data.commentId, author: data.author, text: data.text, ts: frame.ts,
        shadow: Boolean(data.shadow), replies: [] });
      if (show.comments.length > KEPT) {
        show.comments.splice(0, show.comments.length - KEPT);
      }
    }
  },
  'comment.hidden': (show, data) => {
    Object.assign(commentOf(show, data.commentId) || {}, { hidden: true });
    if (show.pinnedComment?.commentId === data.commentId) {
      show.pinnedComment = null;
    }
  },
  'comment.pinned': (show, data, frame) => {
    show.pinnedComment = { commentId: data.commentId, author: data.author, text: data.text, ts: frame.ts };
  },
  'comment.unpinned': (show) => { show.pinnedComment = null; },
  'comment.replied': (show, data, frame) => {
    commentOf(show, data.commentId)?.replies.push({ text: data.text, auto: Boolean(data.auto), ts: frame.ts });
  },
  'viewer.muted': () => {},
  'comments.words_blocked': (show, data) => {
    show.blockedWords = [...(show.blockedWords || []), ...data.words];
  },
});

/** Folds a comment frame in; false when the frame is none of theirs. */
export const applyComment = foldWith(COMMENT_FOLDS);
