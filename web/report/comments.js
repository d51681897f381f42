// The review's comments (docs/protocol.md §Report): the most repeated questions with how often they were
// asked. Totals (comments, commenters, interaction rate) are tiles; comments per minute are on the chart.
import { $ } from '../lib/dom.js';
import { count } from '../lib/format.js';
import { define, t } from '../lib/i18n.js';

define({
  zh: {
    'section.questions': '高频提问',
    'questions.none': '本场没有重复的提问',
    'questions.line': '{text} ×{count}',
    'tile.comments': '评论数',
    'tile.commenters': '评论人数',
    'tile.interactionRate': '互动率',
    'sub.interaction': '评论人数 / 观看人数',
    'chart.comments': '每分钟评论',
  },
  en: {
    'section.questions': 'Top questions',
    'questions.none': 'No question was asked twice',
    'questions.line': '{text} ×{count}',
    'tile.comments': 'Comments',
    'tile.commenters': 'Commenters',
    'tile.interactionRate': 'Interaction rate',
    'sub.interaction': 'commenters / UV',
    'chart.comments': 'Comments a minute',
  },
});

/** The top questions, as text. */
export function topQuestions(report) {
  const list = $('top-questions');
  const questions = (report.topQuestions || []).filter((q) => q.count > 1);
  list.replaceChildren(...questions.map((q) => {
    const li = document.createElement('li');
    li.textContent = t('questions.line', { text: q.text, count: count(q.count) });
    return li;
  }));
  $('questions-none').hidden = questions.length > 0;
}
