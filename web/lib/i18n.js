// Page texts in Chinese first, English on request; the choice is remembered across pages in localStorage.

const STORAGE_KEY = 'livedesk.lang';
const LANGUAGES = ['zh', 'en'];
const dictionaries = { zh: {}, en: {} };
const listeners = new Set();

/** Adds a page's texts: { zh: { key: '…' }, en: { key: '…' } }. "{name}" in a text is filled by t(). */
export function define(messages) {
  for (const language of LANGUAGES) {
    Object.assign(dictionaries[language], messages[language] || {});
  }
}

/** The current language: what was chosen before, else Chinese. */
export function lang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : 'zh';
  } catch {
    return 'zh';
  }
}

/** Switches language, remembers it and lets every listener render again. */
export function setLang(language) {
  if (!LANGUAGES.includes(language)) {
    return;
  }
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage may be off (private mode): the switch still holds for this page
  }
  applyDocumentLang();
  listeners.forEach((listener) => listener(language));
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** The text for a key in the current language (Chinese when English lacks it), with {params} filled in. */
export function t(key, params = {}) {
  const text = dictionaries[lang()][key] ?? dictionaries.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Fills every [data-i18n] element's text, [data-i18n-title] title and [data-i18n-placeholder] placeholder under root. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-title]').forEach((element) => {
    element.title = t(element.dataset.i18nTitle);
  });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((element) => {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  });
}

function applyDocumentLang() {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
}

/** Makes a button switch between 中文 and English; the page re-renders through onLangChange. */
export function languageToggle(button) {
  const label = () => {
    button.textContent = lang() === 'zh' ? 'English' : '中文';
  };
  label();
  applyDocumentLang();
  button.addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    label();
  });
}
