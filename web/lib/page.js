// What the live pages share around their model: drawing at most once a frame, and the show's heading.
import { $, setText } from './dom.js';
import { t } from './i18n.js';

/** A function that asks for `render` on the next animation frame; asked again before then, it draws once. */
export function onNextFrame(render) {
  let scheduled = false;
  return () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        render();
      });
    }
  };
}

/** The show's title and status in the page heading and the tab, and its status on the body for the styles. */
export function showHeading(show) {
  document.title = `${t('page.title')} · ${show.title}`;
  document.body.dataset.status = show.status;
  setText($('title'), show.title);
  setText($('status'), t(`status.${show.status}`));
}

/** Says in the page's state line (#state) why it cannot go on: a missing token, a refused request. */
export function stateError(text) {
  const state = $('state');
  state.removeAttribute('data-i18n');
  state.textContent = text;
  state.hidden = false;
  state.classList.add('error');
}

/** What a page says about its socket: connecting, live, lost, or refused with the server's reason. */
export function connectionText(state, error) {
  return state === 'denied'
    ? t('connection.denied', { message: error ? error.message : '' })
    : t(`connection.${state}`);
}
