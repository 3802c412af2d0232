// Message bundles for every page: Vietnamese by default, English by a switch the browser remembers.
// Every visible string comes from /i18n/{lang}.json; elements name theirs in data-i18n (text),
// data-i18n-placeholder, data-i18n-title and data-i18n-aria-label. This file is identical in both services.

const STORAGE_KEY = 'cv.lang';
const LANGUAGES = ['vi', 'en'];
const listeners = [];
let lang = LANGUAGES.includes(localStorage.getItem(STORAGE_KEY)) ? localStorage.getItem(STORAGE_KEY) : 'vi';
let messages = {};

export function currentLanguage() {
    return lang;
}

/** Loads the bundle of the current language and translates the page. */
export async function loadMessages() {
    const response = await fetch(`/i18n/${lang}.json`, {cache: 'no-cache'});
    messages = await response.json();
    document.documentElement.lang = lang;
    translate(document);
}

/** The message under key, with {name} placeholders filled from params; the key itself if it is missing. */
export function t(key, params = {}) {
    const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function has(key) {
    return Object.prototype.hasOwnProperty.call(messages, key);
}

/** Translates every element under root that names its message. */
export function translate(root) {
    root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
    root.querySelectorAll('[data-i18n-aria-label]').forEach(el => {
        el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    });
    if (document.body && document.body.dataset.titleKey) {
        document.title = t(document.body.dataset.titleKey);
    }
    root.querySelectorAll('[data-lang-switch]').forEach(el => {
        el.textContent = t('lang.switch');
        el.setAttribute('aria-label', t('lang.switchLabel'));
    });
}

/** Calls back after each change of language, so a page can render its dynamic parts again. */
export function onLanguageChange(callback) {
    listeners.push(callback);
}

export async function switchLanguage() {
    lang = lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem(STORAGE_KEY, lang);
    await loadMessages();
    listeners.forEach(callback => callback(lang));
}

/** Wires every [data-lang-switch] button of the page. */
export function wireLanguageSwitch() {
    document.querySelectorAll('[data-lang-switch]').forEach(button => {
        button.addEventListener('click', () => switchLanguage());
    });
}

/** A number written the way the reader's language writes it (245 / 5.008 in Vietnamese). */
export function formatNumber(n) {
    return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}
