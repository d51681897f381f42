// The sign-in page (docs/protocol.md §People): POST /api/login sets the session cookie, then back to the page
// that sent us here (only a path of this site), or the studio.
import '../lib/head.js';
import { ApiError, request } from '../lib/api.js';
import { $ } from '../lib/dom.js';
import { define, languageToggle, onLangChange, t, translate } from '../lib/i18n.js';

define({
  zh: {
    'page.title': '员工登录',
    'page.eyebrow': '直播中控 · Livedesk',
    'field.login': '账号',
    'field.password': '密码',
    'action.signIn': '登录',
    'state.wrong': '账号或密码不正确。',
    'state.locked': '失败次数过多，请 15 分钟后再试。',
    'state.busy': '登录的人太多，请稍后再试。',
    'state.failed': '登录失败：{message}',
  },
  en: {
    'page.title': 'Staff sign-in',
    'page.eyebrow': 'Live control room · Livedesk',
    'field.login': 'Login',
    'field.password': 'Password',
    'action.signIn': 'Sign in',
    'state.wrong': 'The login or the password is wrong.',
    'state.locked': 'Too many failed sign-ins; try again in 15 minutes.',
    'state.busy': 'Too many sign-ins at once; try again in a moment.',
    'state.failed': 'Sign-in failed: {message}',
  },
});

/** Where to go once signed in: a path of this site only, never another site's address. */
function next() {
  const asked = new URLSearchParams(location.search).get('next') || '';
  return asked.startsWith('/') && !asked.startsWith('//') ? asked : '/studio/';
}

function say(text) {
  const state = $('state');
  state.textContent = text;
  state.hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  const button = $('sign-in');
  button.disabled = true;
  try {
    await request('/api/login', { method: 'POST', body: { login: $('login').value.trim().toLowerCase(), password: $('password').value } });
    location.replace(next());
  } catch (error) {
    const code = error instanceof ApiError ? error.code : '';
    say(code === 'UNAUTHORIZED' ? t('state.wrong') : code === 'RATE_LIMITED' ? t('state.locked')
      : code === 'UNAVAILABLE' ? t('state.busy') : t('state.failed', { message: error.message }));
    button.disabled = false;
  }
}

translate();
languageToggle($('lang'));
onLangChange(() => translate());
$('login-form').addEventListener('submit', signIn);
