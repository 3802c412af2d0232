// The audit page: the event log itself (filters, keyset paging), the hash chain's verification, exports.

import {loadMessages, t, has, wireLanguageSwitch, onLanguageChange, formatNumber} from '/assets/i18n.js';
import {call, describe, queryBase, Session, $, el} from '/assets/api.js';

const session = new Session('staff'); // the same staff session as the console, in this tab
const PAGE = 100;
const TYPES = ['CongressCreatedEvent', 'DelegateRegisteredEvent', 'CredentialsAcceptedEvent', 'CredentialsRejectedEvent',
    'CredentialsVerifiedEvent', 'AlternateSeatedEvent', 'DelegateDeclaredAbsentEvent', 'DelegateCheckedInEvent',
    'DelegateCheckedOutEvent', 'SessionOpenedEvent', 'CongressClosedEvent', 'MotionCreatedEvent', 'MotionOpenedEvent',
    'MotionClosedEvent', 'VoteCastEvent', 'CardReissuedEvent', 'ElectionCreatedEvent', 'RoundStartedEvent',
    'RoundKeyCreatedEvent', 'RoundOpenedEvent', 'BallotCastEvent', 'BallotBoxOpenedEvent', 'RoundClosedEvent'];

let next = null;
let shown = 0;
let lastVerification = null;

async function api(path, options = {}) {
    try {
        return await call(path, {...options, token: session.token});
    } catch (error) {
        if (error.status === 401) {
            session.clear();
            showSignIn(t('console.sessionEnded'));
        }
        throw error;
    }
}

function showSignIn(message) {
    $('workspace').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').hidden = !message;
    $('sign-in-error').textContent = message || '';
}

async function signIn() {
    $('sign-in-button').disabled = true;
    try {
        const answer = await call('/api/auth/login', {method: 'POST',
            json: {username: $('username').value.trim(), password: $('password').value}});
        session.set({token: answer.token, role: answer.role, subject: answer.subject});
        $('password').value = '';
        enter();
    } catch (error) {
        $('sign-in-error').textContent = describe(error);
        $('sign-in-error').hidden = false;
    } finally {
        $('sign-in-button').disabled = false;
    }
}

function enter() {
    const s = session.get();
    $('sign-in').hidden = true;
    $('workspace').hidden = false;
    $('sign-out').hidden = false;
    $('who').textContent = t('console.signedInAs', {user: s.subject, role: t(`role.${s.role}`)});
    load(true);
}

/** The filters as query parameters; local date-times become ISO instants. */
function filters() {
    const params = new URLSearchParams();
    const put = (name, value) => {
        if (value && value.trim()) {
            params.set(name, value.trim());
        }
    };
    put('type', typeOf($('f-type').value));
    put('congress', $('f-congress').value);
    put('delegate', $('f-delegate').value);
    put('motion', $('f-motion').value);
    for (const [name, id] of [['from', 'f-from'], ['to', 'f-to']]) {
        if ($(id).value) {
            params.set(name, new Date($(id).value).toISOString());
        }
    }
    return params;
}

async function load(fresh) {
    const params = filters();
    params.set('limit', String(PAGE));
    if (!fresh && next !== null) {
        params.set('after', String(next));
    }
    $('events-error').hidden = true;
    try {
        const page = await api(`/api/audit/events?${params}`);
        const body = $('events').tBodies[0];
        if (fresh) {
            body.replaceChildren();
            shown = 0;
        }
        body.append(...page.events.map(e => el('tr', {dataset: {position: e.position}},
            el('td', {}, String(e.position)),
            el('td', {}, new Date(e.time).toLocaleString(document.documentElement.lang)),
            el('td', {class: 'event-type', title: e.type, dataset: {type: e.type}}, eventLabel(e.type)),
            el('td', {class: 'code'}, `${e.aggregateId} #${e.sequence}`),
            el('td', {}, e.actor ? `${e.actor}${e.role ? ` (${e.role})` : ''}` : '—'),
            el('td', {class: 'data'}, readable(e.data)))));
        shown += page.events.length;
        next = page.next;
        $('more').hidden = next === null || next === undefined;
        $('events-count').textContent = t('audit.shown', {count: formatNumber(shown)});
    } catch (error) {
        if (error.status !== 401) {
            $('events-error').textContent = describe(error);
            $('events-error').hidden = false;
        }
    }
}

/** An event type as a secretary reads it ("Đại biểu biểu quyết"); a type the page does not know, as it is named. */
function eventLabel(type) {
    return has(`event.${type}`) ? t(`event.${type}`) : type;
}

/** The type the filter field names: its label in either language, or the type itself. */
function typeOf(text) {
    const wanted = (text || '').trim().toLowerCase();
    const known = TYPES.find(type => eventLabel(type).toLowerCase() === wanted);
    return known || text;
}

/** An event's data as labelled lines ("Đại biểu: D001"), nested lists and objects written out, instead of raw JSON. */
function readable(data) {
    if (!data || typeof data !== 'object') {
        return data === null || data === undefined ? '—' : String(data);
    }
    return el('dl', {class: 'payload'}, ...Object.entries(data).flatMap(([name, value]) => [
        el('dt', {}, fieldLabel(name)),
        el('dd', {}, valueText(name, value))]));
}

function fieldLabel(name) {
    return has(`field.${name}`) ? t(`field.${name}`) : name;
}

function valueText(name, value) {
    if (name === 'choice' && typeof value === 'string') {
        return t(`choice.${value}`);
    }
    return plain(value);
}

/** Any value as text: lists one item after another, a fraction as 1/2, nested records as labelled parts. */
function plain(value) {
    if (value === null || value === undefined || value === '') {
        return '—';
    }
    if (typeof value === 'boolean') {
        return t(value ? 'audit.yes' : 'audit.no');
    }
    if (Array.isArray(value)) {
        return value.length === 0 ? '—' : value.map(item => (item && typeof item === 'object' && !Array.isArray(item)
            ? Object.values(item).map(plain).join(' · ') : plain(item))).join('; ');
    }
    if (typeof value === 'object') {
        if ('numerator' in value && 'denominator' in value) {
            return `${value.numerator}/${value.denominator}`;
        }
        return Object.entries(value).map(([k, v]) => `${fieldLabel(k)}: ${plain(v)}`).join(', ');
    }
    return String(value);
}

async function verify(button) {
    button.disabled = true;
    $('verify-result').replaceChildren(el('p', {class: 'muted'}, t('audit.verify.running')));
    try {
        lastVerification = await api('/api/audit/verify');
        renderVerification();
    } catch (error) {
        if (error.status !== 401) {
            $('verify-result').replaceChildren(el('div', {class: 'message error'}, describe(error)));
        }
    } finally {
        button.disabled = false;
    }
}

function renderVerification() {
    const v = lastVerification;
    if (!v) {
        return;
    }
    $('verify-result').replaceChildren(v.intact
        ? el('div', {class: 'message ok', dataset: {intact: 'true'}},
            el('strong', {}, t('audit.verify.intact')),
            el('div', {}, t('audit.verify.count', {count: formatNumber(v.chained)})),
            el('div', {}, t('audit.verify.head'), ' ', el('span', {class: 'hash'}, v.headHash || '—')),
            v.unchainedEvents ? el('div', {}, t('audit.verify.unchained', {count: formatNumber(v.unchainedEvents)})) : null)
        : el('div', {class: 'message error', dataset: {intact: 'false'}},
            el('strong', {}, t('audit.verify.broken', {position: v.brokenAtPosition ?? '?'})),
            v.reason ? el('div', {}, v.reason) : null,
            el('div', {}, t('audit.verify.count', {count: formatNumber(v.chained)}))));
}

/** The signed head over an event, found by the position the minutes print (the global index). */
async function headAt(button) {
    const position = $('head-at-position').value.trim();
    button.disabled = true;
    try {
        const found = await api(`/api/audit/heads/at?position=${encodeURIComponent(position)}`);
        const h = found.head;
        $('head-at-result').replaceChildren(!h
            ? el('div', {class: 'message warning'}, found.reason || '')
            : el('div', {class: found.signatureValid ? 'message ok' : 'message error', dataset: {size: String(h.size)}},
                el('div', {}, t('audit.headAt.found', {position: found.position, chainPosition: found.chainPosition,
                    size: h.size, last: found.headLastPosition ?? '?', signedAt: h.signedAt, keyId: h.keyId})),
                el('div', {}, t('audit.headAt.root'), ' ', el('span', {class: 'hash'}, h.rootHash)),
                el('div', {}, t('audit.headAt.signature'), ' ', el('span', {class: 'hash'}, h.signature)),
                el('div', {}, found.signatureValid ? t('audit.headAt.valid') : t('audit.headAt.invalid'))));
    } catch (error) {
        if (error.status !== 401) {
            $('head-at-result').replaceChildren(el('div', {class: 'message error'}, describe(error)));
        }
    } finally {
        button.disabled = false;
    }
}

/** Exports go through fetch (the token is a header, not a cookie), then are saved as a file. */
async function exportLog(button, extension) {
    button.disabled = true;
    try {
        const blob = await api(`/api/audit/events.${extension}?${filters()}`, {accept: 'blob'});
        const link = el('a', {href: URL.createObjectURL(blob), download: `congress-log.${extension}`});
        document.body.append(link);
        link.click();
        link.remove();
    } catch (error) {
        if (error.status !== 401) {
            $('events-error').textContent = describe(error);
            $('events-error').hidden = false;
        }
    } finally {
        button.disabled = false;
    }
}

async function start() {
    await loadMessages();
    wireLanguageSwitch();
    onLanguageChange(() => {
        renderVerification();
        $('event-types').replaceChildren(...TYPES.map(type => el('option', {value: eventLabel(type)}, type)));
        if (session.get()) {
            load(true); // the labels of the events shown, in the new language
            const s = session.get();
            $('who').textContent = t('console.signedInAs', {user: s.subject, role: t(`role.${s.role}`)});
        }
    });
    $('event-types').replaceChildren(...TYPES.map(type => el('option', {value: eventLabel(type)}, type)));
    // the congress the console works on, or the one in the address (?congress=)
    $('f-congress').value = new URLSearchParams(location.search).get('congress')
        || localStorage.getItem('cv.console.congress') || '';
    const dashboard = $('nav-dashboard');
    dashboard.href = `${queryBase()}/${$('f-congress').value ? `?congress=${encodeURIComponent($('f-congress').value)}` : ''}`;
    $('sign-in-form').addEventListener('submit', event => {
        event.preventDefault();
        signIn();
    });
    $('filter-form').addEventListener('submit', event => {
        event.preventDefault();
        next = null;
        load(true);
    });
    $('more').addEventListener('click', () => load(false));
    $('verify').addEventListener('click', event => verify(event.currentTarget));
    $('head-at-form').addEventListener('submit', event => {
        event.preventDefault();
        headAt($('head-at-button'));
    });
    $('export-jsonl').addEventListener('click', event => exportLog(event.currentTarget, 'jsonl'));
    $('export-csv').addEventListener('click', event => exportLog(event.currentTarget, 'csv'));
    $('sign-out').addEventListener('click', () => {
        const token = session.token;
        session.clear();
        showSignIn(null);
        call('/api/auth/logout', {method: 'POST', token}).catch(() => {});
    });
    if (session.token) {
        enter();
    } else {
        showSignIn(null);
    }
}

start();
