// The secretariat's console: a congress, its roster and credentials, check-in with printable cards, the session,
// motions and election rounds (open, close, who has not voted, minutes). What it shows comes from the query-service's
// public views (live over server-sent events, read again every few seconds); who voted how from the command-service.

import {loadMessages, t, wireLanguageSwitch, onLanguageChange, formatNumber, currentLanguage} from '/assets/i18n.js';
import {call, query, queryBase, describe, ApiError, Session, $, el} from '/assets/api.js';
import qrcode from '/assets/vendor/qrcode-generator-2.0.4.mjs';

const session = new Session('staff');
let congressId = null;
let attendance = null;
let congressView = null;          // the congress at a glance: name, status, counts
let roster = new Map();           // delegateId -> delegate as the public roster shows them
let tallies = [];                 // motions with rule, counts and result, in creation order
let elections = [];               // elections with their rounds (turnout while open, count once closed)
let namedVotes = new Map();       // motionId -> {votes, notVoted} while its panel is open
let live = null;
let pollTimer = null;
let tab = localStorage.getItem('cv.console.tab') || 'roster';

// ---- calls ------------------------------------------------------------------------------------------------------

async function api(path, options = {}) {
    try {
        return await call(path, {...options, token: session.token});
    } catch (error) {
        if (error.status === 401) {
            sessionEnded();
        }
        throw error;
    }
}

function flash(kind, text) {
    const box = $('flash');
    box.className = `message ${kind}`;
    box.textContent = text;
    box.hidden = false;
    if (kind === 'ok') {
        clearTimeout(flash.timer);
        flash.timer = setTimeout(() => { box.hidden = true; }, 6000);
    }
}

/** Runs a secretariat action: the button waits, the outcome is said in words, the views are read again. */
async function act(button, work, okMessage) {
    if (button) {
        button.disabled = true;
    }
    try {
        const result = await work();
        clearNear(button);
        if (okMessage) {
            flash('ok', typeof okMessage === 'function' ? okMessage(result) : okMessage);
        }
        refreshSoon();
        return result;
    } catch (error) {
        if (error.status !== 401) {
            flash('error', describe(error));
            sayNear(button, describe(error));
        }
        return undefined;
    } finally {
        if (button) {
            button.disabled = false;
        }
    }
}

/** Once the same button succeeds, its earlier refusal goes. */
function clearNear(button) {
    const next = button && button.nextElementSibling;
    if (next && next.classList.contains('near-error')) {
        next.remove();
    }
}

/** A refusal said next to the button that was pressed too, where the secretary is looking. */
function sayNear(button, message) {
    if (!button || !button.isConnected) {
        return;
    }
    const next = button.nextElementSibling;
    const box = next && next.classList.contains('near-error') ? next
        : el('span', {class: 'near-error', role: 'alert'});
    box.textContent = message;
    if (box !== next) {
        button.after(box);
    }
    setTimeout(() => box.remove(), 15000);
}

const path = id => encodeURIComponent(id);

// ---- sign-in ----------------------------------------------------------------------------------------------------

function showSignIn(message) {
    stopLive();
    $('workspace').hidden = true;
    $('sign-out').hidden = true;
    $('who').textContent = '';
    $('sign-in').hidden = false;
    $('sign-in-error').hidden = !message;
    $('sign-in-error').textContent = message || '';
}

function sessionEnded() {
    session.clear();
    showSignIn(t('console.sessionEnded'));
}

async function signIn(username, password) {
    $('sign-in-button').disabled = true;
    $('sign-in-error').hidden = true;
    try {
        const answer = await call('/api/auth/login', {method: 'POST', json: {username, password}});
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
    renderKnownCongresses();
    loadServerCongresses();
    const remembered = new URLSearchParams(location.search).get('congress') || localStorage.getItem('cv.console.congress');
    if (remembered) {
        $('congress-id').value = remembered;
        selectCongress(remembered);
    }
}

// ---- congress ---------------------------------------------------------------------------------------------------

function knownCongresses() {
    try {
        return JSON.parse(localStorage.getItem('cv.console.known')) || [];
    } catch (e) {
        return [];
    }
}

function remember(id) {
    const known = [id, ...knownCongresses().filter(k => k !== id)].slice(0, 10);
    localStorage.setItem('cv.console.known', JSON.stringify(known));
    localStorage.setItem('cv.console.congress', id);
    renderKnownCongresses();
}

let serverCongresses = []; // [{congressId, name, status}] as the query-service lists them

/**
 * The picker offers every congress the server knows (id, with its name and stage), those used on this computer first;
 * an id used here that the server does not list (not projected yet) is offered all the same.
 */
function renderKnownCongresses() {
    const byId = new Map(serverCongresses.map(c => [c.congressId, c]));
    const ids = [...new Set([...knownCongresses(), ...serverCongresses.map(c => c.congressId)])];
    $('known-congresses').replaceChildren(...ids.map(id => {
        const c = byId.get(id);
        return el('option', {value: id}, c ? `${c.name} — ${t(`stage.${c.status}`)}` : id);
    }));
}

async function loadServerCongresses() {
    try {
        serverCongresses = (await query('/api/congresses')).congresses || [];
        renderKnownCongresses();
    } catch (error) {
        // the query side is down: the ids used on this computer are still offered
    }
}

/** A congress typed in: only one the query side knows is selected and remembered, so a typo is not kept. */
async function pickCongress(button, id) {
    const wanted = id.trim();
    try {
        await query(`/api/congresses/${path(wanted)}`);
    } catch (error) {
        if (error.status === 404) {
            if (localStorage.getItem('cv.console.congress') === wanted) {
                localStorage.removeItem('cv.console.congress');
            }
            const message = t('console.congress.unknown', {id: wanted});
            flash('error', message);
            sayNear(button, message);
            return;
        }
        // the query side is down or lagging: select it all the same, the views say what they can
    }
    clearNear(button);
    if ($('flash').classList.contains('error')) {
        $('flash').hidden = true; // the refusal of the id mistyped before
    }
    selectCongress(wanted);
}

function selectCongress(id) {
    congressId = id.trim();
    remember(congressId);
    // the other staff pages open on the same congress: the audit in this tab (same sign-in), the projector apart
    $('nav-audit').href = `/audit/index.html?congress=${encodeURIComponent(congressId)}`;
    $('nav-dashboard').href = `${queryBase()}/?congress=${encodeURIComponent(congressId)}`;
    attendance = null;
    congressView = null;
    roster = new Map();
    tallies = [];
    elections = [];
    drawn.clear();
    namedVotes = new Map();
    $('congress-summary').hidden = false;
    $('tabs').hidden = false;
    showTab(tab);
    startLive();
    refreshAll();
}

async function createCongress(button) {
    const [numerator, denominator] = $('new-congress-quorum').value.split('/').map(Number);
    const organisations = $('new-congress-orgs').value.split('\n').map(line => line.trim()).filter(Boolean)
        .map(line => {
            const [code, name, members] = line.split(';').map(part => part.trim());
            return {code, name: name || code, members: Number(members) || 0};
        });
    const id = $('new-congress-id').value.trim();
    const created = await act(button, () => api('/api/congresses', {method: 'POST', json: {
        congressId: id, name: $('new-congress-name').value.trim(), quorum: {numerator, denominator}, organisations
    }}), t('console.congress.created', {id}));
    if (created) {
        $('create-congress-form').hidden = true;
        $('congress-id').value = id;
        selectCongress(id);
    }
}

// ---- reading: the query-service's views, live and polled ------------------------------------------------------

function startLive() {
    stopLive();
    const url = `${queryBase()}/api/congresses/${path(congressId)}/live`;
    try {
        live = new EventSource(url);
    } catch (e) {
        live = null;
    }
    if (live) {
        live.addEventListener('attendance', event => {
            attendance = JSON.parse(event.data);
            renderSummary();
        });
        live.addEventListener('congress', event => {
            congressView = JSON.parse(event.data);
            renderSummary();
            refreshSoon(); // credentials, presence: the roster changed with it
        });
        live.addEventListener('tally', event => {
            replaceIn(tallies, 'motionId', JSON.parse(event.data));
            renderMotions();
            renderElections(); // a show of hands on an election's proposal is shown with the election
        });
        live.addEventListener('election', event => {
            replaceIn(elections, 'electionId', JSON.parse(event.data));
            renderElections();
        });
        live.addEventListener('open', () => {
            $('live-note').textContent = t('console.live.on');
        });
        live.addEventListener('error', () => {
            $('live-note').textContent = t('console.live.off');
        });
    }
    // The stream may be down or refused: everything is also read every few seconds.
    pollTimer = setInterval(() => refreshViews(), 3000);
}

function replaceIn(list, idField, item) {
    const index = list.findIndex(x => x[idField] === item[idField]);
    if (index >= 0) {
        list[index] = item;
    } else {
        list.push(item);
    }
}

function stopLive() {
    if (live) {
        live.close();
        live = null;
    }
    clearInterval(pollTimer);
}

async function refreshViews() {
    if (!congressId) {
        return;
    }
    const c = path(congressId);
    try {
        const [summary, delegates, motions, electionList] = await Promise.all([query(`/api/congresses/${c}`),
            query(`/api/congresses/${c}/delegates`), query(`/api/congresses/${c}/motions`),
            query(`/api/congresses/${c}/elections`)]);
        congressView = summary;
        attendance = summary.attendance || attendance;
        roster = new Map(delegates.delegates.map(d => [d.delegateId, d]));
        tallies = motions;
        elections = electionList;
        $('live-note').textContent = live && live.readyState === EventSource.OPEN ? t('console.live.on')
            : t('console.live.polling');
    } catch (error) {
        $('live-note').textContent = error.status === 404 ? t('console.live.notYet')
            : t('console.live.unavailable', {reason: describe(error)});
    }
    renderSummary();
    renderDelegates();
    renderMotions();
    renderElections();
    for (const motionId of namedVotes.keys()) {
        loadNamedVotes(motionId);
    }
}

function refreshAll() {
    refreshViews();
}

let soonTimers = [];

/** After an action: read the views again once the projections have caught up (milliseconds, usually). */
function refreshSoon() {
    soonTimers.forEach(clearTimeout);
    soonTimers = [300, 1200].map(ms => setTimeout(refreshViews, ms));
}

/**
 * Whether a part of the page must be drawn again: only when what it shows changed. Redrawing on every poll would
 * replace the buttons under the secretary's pointer and lose a click.
 */
const drawn = new Map();

function changed(part, ...inputs) {
    const key = JSON.stringify([currentLanguage(), inputs], (k, v) => (v instanceof Map ? [...v.entries()] : v));
    if (drawn.get(part) === key) {
        return false;
    }
    drawn.set(part, key);
    return true;
}

// ---- rendering: summary and roster ------------------------------------------------------------------------------

function renderSummary() {
    $('congress-name').textContent = (congressView && congressView.name) || (attendance && attendance.name) || congressId || '';
    $('fig-present').textContent = attendance ? formatNumber(attendance.present) : '–';
    $('fig-summoned').textContent = attendance ? formatNumber(attendance.summoned) : '–';
    $('fig-quorum').textContent = attendance ? formatNumber(attendance.quorumRequired) : '–';
    const met = $('fig-quorum-met');
    met.hidden = !attendance;
    if (attendance) {
        met.textContent = t(attendance.quorumMet ? 'console.quorumMet' : 'console.quorumNotMet');
        met.className = `pill ${attendance.quorumMet ? 'open' : 'closed'}`;
    }
    const stage = congressView && congressView.status;
    $('congress-stage').hidden = !stage;
    $('congress-stage').textContent = stage ? t(`stage.${stage}`) : '';
    // each stage's step is offered only at that stage (the server refuses the others anyway)
    $('accept-pending').disabled = stage !== 'CONVENED';
    $('complete-credentials').disabled = stage !== 'CONVENED';
    $('open-session').disabled = stage !== 'CREDENTIALS_VERIFIED';
    $('close-congress').disabled = stage !== 'IN_SESSION';
}

function delegateStatus(d) {
    if (d.declaredAbsent) {
        return t('console.delegates.absent');
    }
    if (d.replacedBy) {
        return t('console.delegates.replacedBy', {id: d.replacedBy});
    }
    if (d.seatedFor) {
        return t('console.delegates.seatedFor', {id: d.seatedFor});
    }
    return t(`credentials.${d.credentials}`);
}

function renderDelegates() {
    const filter = $('delegate-filter').value.trim().toLowerCase();
    if (!changed('delegates', filter, roster)) {
        return;
    }
    const rows = [...roster.values()].filter(d => !filter
        || `${d.delegateId} ${d.fullName} ${d.organisationName || ''} ${d.organisation}`.toLowerCase().includes(filter));
    $('delegate-ids').replaceChildren(...[...roster.values()].map(d => el('option', {value: d.delegateId}, d.fullName)));
    $('delegates-note').textContent = t('console.delegates.count', {count: roster.size});
    const shown = rows.slice(0, 300);
    $('delegates-table').tBodies[0].replaceChildren(...shown.map(raw => {
        const d = {...raw, id: raw.delegateId, name: raw.fullName, absent: raw.declaredAbsent};
        const actions = el('td', {class: 'actions'});
        if (d.credentials === 'PENDING' && !d.absent) {
            actions.append(
                el('button', {type: 'button', class: 'small', dataset: {action: 'accept'},
                    onclick: e => act(e.currentTarget, () => api(`/api/congresses/${path(congressId)}/delegates/${path(d.id)}/credentials`,
                        {method: 'POST', json: {decision: 'ACCEPT'}}), t('console.credentials.accepted', {name: d.name}))},
                t('console.credentials.accept')),
                el('button', {type: 'button', class: 'small secondary', dataset: {action: 'reject'},
                    onclick: e => withReason(e.currentTarget, 'console.credentials.rejectReason', reason =>
                        api(`/api/congresses/${path(congressId)}/delegates/${path(d.id)}/credentials`,
                            {method: 'POST', json: {decision: 'REJECT', reason}}), t('console.credentials.rejected', {name: d.name}))},
                t('console.credentials.reject')));
        }
        if (d.kind !== 'ALTERNATE' && !d.present && !d.absent && !d.replacedBy) {
            actions.append(el('button', {type: 'button', class: 'small secondary', dataset: {action: 'absent'},
                onclick: e => withReason(e.currentTarget, 'console.absence.reason', reason =>
                    api(`/api/congresses/${path(congressId)}/delegates/${path(d.id)}/absence`,
                        {method: 'POST', json: {reason}}), t('console.absence.declared', {name: d.name}))},
            t('console.absence.declare')));
        }
        if (!d.absent && !d.replacedBy && d.credentials !== 'REJECTED') {
            actions.append(d.present
                ? el('button', {type: 'button', class: 'small secondary', dataset: {action: 'check-out'},
                    onclick: e => checkOut(e.currentTarget, d.id)}, t('console.checkIn.out'))
                : el('button', {type: 'button', class: 'small', dataset: {action: 'check-in'},
                    onclick: e => checkIn(e.currentTarget, d.id)}, t('console.checkIn.in')));
        }
        return el('tr', {dataset: {delegate: d.id}},
            el('td', {class: 'code'}, d.id), el('td', {}, d.name), el('td', {}, d.organisationName || d.organisation || ''),
            el('td', {}, t(`kind.${d.kind}`)), el('td', {}, delegateStatus(d)),
            el('td', {}, d.present ? t('console.delegates.inHall') : t('console.delegates.notInHall')),
            actions);
    }));
    if (rows.length > shown.length) {
        $('delegates-table').tBodies[0].append(el('tr', {}, el('td', {colspan: '7', class: 'muted'},
            t('console.delegates.more', {count: rows.length - shown.length}))));
    }
}

/** Asks for the reason an action needs (rejection, absence), then runs it. */
function withReason(button, promptKey, work, okMessage) {
    const reason = window.prompt(t(promptKey));
    if (reason === null) {
        return;
    }
    if (!reason.trim()) {
        flash('error', t('console.reasonRequired'));
        return;
    }
    act(button, () => work(reason.trim()), okMessage);
}

// ---- check-in and cards -----------------------------------------------------------------------------------------

function voteUrl(code) {
    const url = new URL('/vote/index.html', location.href);
    url.searchParams.set('code', code);
    return url.toString();
}

async function checkIn(button, delegateId) {
    const answer = await act(button, () => api(`/api/congresses/${path(congressId)}/delegates/${path(delegateId)}/check-in`,
        {method: 'POST'}), t('console.checkIn.done', {id: delegateId}));
    if (answer && answer.credentialCode) {
        showCard(delegateId, answer.credentialCode);
    }
}

function checkOut(button, delegateId) {
    if (!window.confirm(t('console.checkIn.outConfirm', {id: delegateId}))) {
        return;
    }
    withReason(button, 'console.checkIn.outReason', reason =>
        api(`/api/congresses/${path(congressId)}/delegates/${path(delegateId)}/check-out`,
            {method: 'POST', json: {reason}}), t('console.checkIn.outDone', {id: delegateId}));
}

/** Whoever holds the new card can vote as the delegate: the re-issue is logged with its reason and shown to them. */
async function reissueCard(button, delegateId) {
    const reason = window.prompt(t('console.checkIn.reissueReason', {id: delegateId}));
    if (reason === null) {
        return;
    }
    if (!reason.trim()) {
        flash('error', t('console.reasonRequired'));
        return;
    }
    const answer = await act(button, () => api(`/api/congresses/${path(congressId)}/delegates/${path(delegateId)}/card`,
        {method: 'POST', json: {reason: reason.trim()}}), t('console.checkIn.reissued', {id: delegateId}));
    if (answer && answer.credentialCode) {
        showCard(delegateId, answer.credentialCode);
    }
}

function qrSvg(text) {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const holder = document.createElement('div');
    holder.innerHTML = qr.createSvgTag({cellSize: 4, margin: 2, scalable: true}); // generated SVG, not user input
    return holder.firstElementChild;
}

function delegateCard(delegateId, code) {
    const d = roster.get(delegateId);
    return el('div', {class: 'delegate-card'},
        el('div', {class: 'delegate-card-head'}, (congressView && congressView.name) || congressId),
        el('div', {class: 'delegate-card-title'}, t('card.title')),
        el('div', {class: 'delegate-card-body'},
            el('div', {class: 'qr', 'aria-label': t('card.qr')}, qrSvg(voteUrl(code))),
            el('div', {},
                el('div', {class: 'delegate-card-name'}, d ? d.fullName : delegateId),
                el('div', {}, t('console.delegates.codeLine', {id: delegateId})),
                d ? el('div', {class: 'small'}, d.organisationName || d.organisation) : null,
                el('div', {class: 'small gap-top'}, t('card.codeLabel')),
                el('div', {class: 'code card-code', dataset: {code}}, code))),
        el('div', {class: 'small'}, t('card.help', {url: new URL('/vote/index.html', location.href).toString()})));
}

function showCard(delegateId, code) {
    showTab('attendance');
    $('card-area').replaceChildren(el('section', {class: 'card'},
        el('h2', {}, t('card.issuedTitle')),
        el('p', {class: 'message warning'}, t('card.onlyOnce')),
        delegateCard(delegateId, code),
        el('div', {class: 'row gap-top'}, el('button', {type: 'button', id: 'print-card', onclick: () => {
            $('print-area').replaceChildren(delegateCard(delegateId, code));
            window.print();
        }}, t('card.print')))));
}

// ---- motions ----------------------------------------------------------------------------------------------------

function ruleText(rule) {
    if (!rule) {
        return t('console.rule.unknown');
    }
    return t('console.rule.sentence', {
        comparison: t(rule.strictlyMore ? 'console.rule.moreThanShort' : 'console.rule.atLeastShort'),
        fraction: `${rule.fraction.numerator}/${rule.fraction.denominator}`,
        base: t(`console.base.${rule.base}`).toLowerCase()
    });
}

function formRule() {
    const [numerator, denominator] = $('motion-fraction').value.split('/').map(Number);
    return {base: $('motion-base').value, fraction: {numerator, denominator}, strictlyMore: $('motion-strict').value === 'true'};
}

async function createMotion(button) {
    const motionId = $('motion-id').value.trim();
    const done = await act(button, () => api(`/api/congresses/${path(congressId)}/motions`, {method: 'POST', json: {
        motionId, title: $('motion-title').value.trim(), kind: $('motion-kind').value,
        text: $('motion-text').value.trim() || null, rule: formRule(),
        electorateElectionId: $('motion-electorate').value || null
    }}), t('console.motions.created', {id: motionId}));
    if (done) {
        $('motion-form').reset();
        renderRulePreview();
    }
}

async function loadNamedVotes(motionId) {
    try {
        namedVotes.set(motionId, await api(`/api/motions/${path(motionId)}/votes`));
    } catch (error) {
        namedVotes.set(motionId, {error: describe(error)});
    }
    renderMotions();
}

async function openMinutes(button, url) {
    const blob = await act(button, () => api(url, {accept: 'blob'}));
    if (blob) {
        window.open(URL.createObjectURL(blob), '_blank');
    }
}

function delegateName(id) {
    const d = roster.get(id);
    return d ? `${d.fullName} (${id})` : id;
}

function namedVotesPanel(motionId) {
    const named = namedVotes.get(motionId);
    if (!named) {
        return el('p', {class: 'muted'}, t('console.loading'));
    }
    if (named.error) {
        return el('div', {class: 'message error'}, named.error);
    }
    // A vote cast soon after a re-issue of the delegate's card is flagged: whoever re-issued it could have cast it.
    const flagged = v => (v.flags || []).map(f => ' ⚠ ' + t('console.motions.afterReissue', {
        time: new Date(f.reissuedAt).toLocaleTimeString(), actor: f.reissuedBy || '?', reason: f.reason || '—'})).join('');
    const byChoice = choice => named.votes.filter(v => v.choice === choice).map(v => delegateName(v.delegateId) + flagged(v));
    return el('div', {class: 'named-votes'},
        ...['AGREE', 'DISAGREE', 'ABSTAIN'].map(choice => el('div', {},
            el('h4', {}, `${t(`choice.${choice}`)} (${byChoice(choice).length})`),
            el('p', {class: 'small'}, byChoice(choice).join(', ') || '—'))),
        el('div', {class: 'not-voted'},
            el('h4', {}, t('console.motions.notVoted', {count: named.notVoted.length})),
            el('p', {class: 'small', dataset: {notVoted: named.notVoted.join(',')}},
                named.notVoted.map(delegateName).join(', ') || '—')));
}

/** Open and close of a motion, as on the motions tab. */
function motionButtons(m) {
    const status = m.status || 'CREATED';
    const buttons = el('div', {class: 'row'});
    if (status === 'CREATED') {
        buttons.append(el('button', {type: 'button', dataset: {action: 'open'}, onclick: e => act(e.currentTarget,
            () => api(`/api/motions/${path(m.motionId)}/open`, {method: 'POST'}), t('console.motions.opened', {title: m.title}))},
        t('console.motions.open')));
    }
    if (status === 'OPEN') {
        buttons.append(el('button', {type: 'button', dataset: {action: 'close'}, onclick: e => {
            if (window.confirm(t('console.motions.closeConfirm', {title: m.title}))) {
                act(e.currentTarget, () => api(`/api/motions/${path(m.motionId)}/close`, {method: 'POST'}),
                    t('console.motions.closed', {title: m.title}));
            }
        }}, t('console.motions.close')));
    }
    return buttons;
}

/** A closed motion's outcome with its base and threshold. */
function resultBox(result) {
    return el('div', {class: `message ${result.adopted ? 'ok' : 'warning'} result`},
        el('strong', {}, t(result.adopted ? 'result.adopted' : 'result.rejected')), ' ',
        t('result.line', {agree: formatNumber(result.agree), base: formatNumber(result.baseCount),
            baseName: t(`console.base.${result.base}`).toLowerCase(), threshold: formatNumber(result.threshold)}));
}

// Who votes on a new motion: the congress, or the members of a body an election of the congress formed (a plenum).
function renderMotionElectorates() {
    const select = $('motion-electorate');
    if (!select || !changed('motionElectorates', elections.map(e => [e.electionId, e.title]))) {
        return;
    }
    const chosen = select.value;
    select.replaceChildren(el('option', {value: ''}, t('console.motions.electorate.congress')),
        ...elections.map(e => el('option', {value: e.electionId}, t('console.motions.electorate.body', {title: e.title}))));
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : '';
}

function renderMotions() {
    renderMotionElectorates();
    const container = $('motions');
    if (!container || !changed('motions', tallies, namedVotes, attendance && attendance.present)) {
        return;
    }
    if (tallies.length === 0) {
        container.replaceChildren(el('div', {class: 'card muted'}, t('console.motions.none')));
        return;
    }
    container.replaceChildren(...tallies.map(m => {
        const rule = m.rule;
        const status = m.status || 'CREATED';
        const result = m.result;
        const buttons = motionButtons(m);
        if (status !== 'CREATED') {
            buttons.append(el('button', {type: 'button', class: 'secondary', dataset: {action: 'who'}, onclick: () => {
                if (namedVotes.has(m.motionId)) {
                    namedVotes.delete(m.motionId);
                    renderMotions();
                } else {
                    namedVotes.set(m.motionId, null);
                    loadNamedVotes(m.motionId);
                }
            }}, t(namedVotes.has(m.motionId) ? 'console.motions.hideWho' : 'console.motions.who')));
        }
        if (status === 'CLOSED') {
            buttons.append(el('button', {type: 'button', class: 'secondary', dataset: {action: 'minutes'},
                onclick: e => openMinutes(e.currentTarget, `/api/minutes/motions/${path(m.motionId)}.pdf`)},
            t('console.minutes')));
        }
        return el('section', {class: 'card motion', dataset: {motion: m.motionId, status}},
            el('div', {class: 'row spread'},
                el('h3', {}, m.title),
                el('span', {class: `pill ${status === 'OPEN' ? 'open' : status === 'CLOSED' ? 'closed' : ''}`},
                    t(`status.${status}`))),
            el('div', {class: 'muted small'}, `${m.motionId} · ${ruleText(rule)}`
                + (m.electorateTitle ? ` · ${t('console.motions.electorate.of', {title: m.electorateTitle})}` : '')),
            el('div', {class: 'counts'},
                el('span', {}, `${t('choice.AGREE')}: `, el('strong', {dataset: {count: 'agree'}}, formatNumber(m.agree))),
                el('span', {}, `${t('choice.DISAGREE')}: `, el('strong', {}, formatNumber(m.disagree))),
                el('span', {}, `${t('choice.ABSTAIN')}: `, el('strong', {}, formatNumber(m.abstain))),
                el('span', {}, `${t('console.motions.voted')}: `, el('strong', {dataset: {count: 'voted'}},
                    formatNumber(m.voted))),
                attendance ? el('span', {class: 'muted'}, t('console.motions.ofPresent', {present: formatNumber(attendance.present)}))
                    : null),
            result ? resultBox(result) : null,
            buttons,
            namedVotes.has(m.motionId) ? namedVotesPanel(m.motionId) : null);
    }));
}

function renderRulePreview() {
    $('motion-rule-preview').textContent = t('console.rule.preview', {rule: ruleText(formRule())});
}

// ---- elections --------------------------------------------------------------------------------------------------

async function createElection(button) {
    const electionId = $('election-id').value.trim();
    const procedure = $('election-procedure').value;
    const done = await act(button, () => api(`/api/congresses/${path(congressId)}/elections`, {method: 'POST', json: {
        electionId, title: $('election-title').value.trim(),
        seats: procedure === 'SEATS_VOTED' ? 0 : Number($('election-seats').value), procedure,
        alternateSeats: procedure === 'SEATS_ALLOCATED' ? Number($('election-alternates').value || 0) : 0,
        electorateElectionId: $('election-electorate').value || null,
        eligibleFromElectionId: $('election-eligible-from').value || null,
        excludingElectionIds: [...$('election-excluding').selectedOptions].map(o => o.value),
        rule: {base: 'SUMMONED', fraction: {numerator: 1, denominator: 2}, strictlyMore: true}
    }}), t('console.elections.created', {id: electionId}));
    if (done) {
        $('election-form').reset();
        seatsFieldForProcedure();
    }
}

/**
 * Where the congress votes the seats, none are given at creation; alternates are allocated with the seats by the level
 * above; a body's own election takes its list with each round (its show of hands is not the congress's).
 */
function seatsFieldForProcedure() {
    const body = Boolean($('election-electorate').value);
    if (body) {
        $('election-procedure').value = 'LIST_GIVEN';
    }
    $('election-procedure').disabled = body;
    const voted = $('election-procedure').value === 'SEATS_VOTED';
    $('election-seats').disabled = voted;
    $('election-seats').required = !voted;
    $('election-alternates').disabled = $('election-procedure').value !== 'SEATS_ALLOCATED';
}

/** The names one ballot elects: the seats, and a delegation's alternates elected on the same ballot. */
function ballotPlaces(election) {
    return election.seats + (election.alternateSeats || 0);
}

/** The body an election forms, as the minutes name it: its title without a leading "Bầu". */
function bodyName(election) {
    return election ? election.title.replace(/^Bầu\s+/i, '') : '';
}

function electionById(id) {
    return elections.find(e => e.electionId === id);
}

/** The earlier elections of the congress, offered as an electorate, a source of candidates or an excluded post. */
function fillBodyChoices() {
    const fill = (select, first) => {
        const chosen = new Set([...select.selectedOptions].map(o => o.value));
        select.replaceChildren(...(first ? [first] : []), ...elections.map(e => el('option', {value: e.electionId},
            `${bodyName(e)} (${e.electionId})`)));
        [...select.options].forEach(o => { o.selected = chosen.has(o.value); });
    };
    fill($('election-electorate'), $('election-electorate').options[0]);
    fill($('election-eligible-from'), $('election-eligible-from').options[0]);
    fill($('election-excluding'), null);
}

/** Who votes, on which base, and who may be a candidate: said as the minutes say it. */
function bodiesLines(election) {
    const lines = [];
    if (election.electorateElectionId) {
        const body = electionById(election.electorateElectionId);
        lines.push(el('div', {class: 'small electorate-line'}, t('console.elections.electorateBody', {
            body: election.electorateTitle || bodyName(body), members: formatNumber(body ? body.seatsFilled : 0)})));
    } else {
        lines.push(el('div', {class: 'small electorate-line'}, t('console.elections.electorateCongress')));
    }
    if (election.eligibleFromElectionId) {
        const from = electionById(election.eligibleFromElectionId);
        lines.push(el('div', {class: 'small eligibility-line'}, t('console.elections.eligibleFrom', {
            body: from ? bodyName(from) : election.eligibleFromElectionId,
            members: formatNumber(from ? from.seatsFilled : 0)})));
    }
    if ((election.excludingElectionIds || []).length) {
        lines.push(el('div', {class: 'small exclusion-line'}, t('console.elections.excluding', {
            bodies: election.excludingElectionIds.map(id => bodyName(electionById(id)) || id).join(', ')})));
    }
    if (election.alternateSeats) {
        lines.push(el('div', {class: 'small'}, t('console.elections.alternateSeatsLine', {
            alternates: election.alternateSeats, filled: (election.alternates || []).length})));
    }
    return lines;
}

/** The election's alternates in the order they replace a delegate, and a tie the congress must still decide. */
function alternatesBox(election) {
    if (!election.alternateSeats) {
        return null;
    }
    const last = election.rounds[election.rounds.length - 1];
    const result = last && last.result;
    const tied = result && result.tiedForLastSeat && result.tiedForLastSeat.length ? result : null;
    const alternates = election.alternates || [];
    if (!alternates.length && !tied) {
        return null;
    }
    return el('div', {class: 'alternates'},
        el('strong', {}, t('console.elections.alternatesTitle')),
        el('ol', {class: 'alternates-list'}, ...alternates.map(a => el('li', {dataset: {candidate: a.candidateId}},
            t('console.elections.alternateLine', {rank: a.rank, name: a.fullName, votes: formatNumber(a.votes),
                round: a.round})))),
        tied ? el('p', {class: 'message warning alternates-tie'}, t('console.elections.tiedAt', {
            position: tied.tiedAtPosition, names: tied.results.filter(r => tied.tiedForLastSeat.includes(r.candidateId))
                .map(r => r.fullName).join(', ')})) : null);
}

// ---- nominations, the congress's decisions by show of hands, the approved list ----------------------------------

/** An id for a nominee who is not a delegate, made from the name: the same name gives the same id. */
function memberIdOf(name) {
    const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
        .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    return `m-${slug || 'x'}`;
}

function nomineeName(election, candidateId) {
    const n = ((election.nominations || {}).nominees || []).find(x => x.candidateId === candidateId);
    return n ? n.fullName : delegateName(candidateId);
}

/** What a proposal puts to the congress, in words. */
function proposalText(election, p) {
    switch (p.kind) {
        case 'SEATS':
            return t('console.nom.proposal.SEATS', {seats: p.seats, surplus: p.surplus,
                most: p.seats + (election.alternateSeats || 0) + p.surplus});
        case 'WITHDRAWAL':
            return t('console.nom.proposal.WITHDRAWAL', {name: nomineeName(election, p.candidateId),
                reason: p.reason || '—'});
        case 'LIST':
            return t('console.nom.proposal.LIST', {count: (p.candidates || []).length});
        default:
            return t('console.nom.proposal.NEW_NAMES', {round: p.round,
                names: (p.candidates || []).map(c => c.fullName).join(', ')});
    }
}

/** A proposal with the show of hands that decides it: open, close, counts and result, as on the motions tab. */
function proposalView(election, p) {
    const m = tallies.find(x => x.motionId === p.motionId);
    const status = m ? m.status || 'CREATED' : 'CREATED';
    const outcome = p.outcome === 'PENDING' ? t(`console.nom.motion.${status}`) : t(`console.nom.outcome.${p.outcome}`);
    return el('div', {class: 'proposal round', dataset: {motion: p.motionId, kind: p.kind, outcome: p.outcome}},
        el('div', {class: 'row spread'}, el('strong', {}, proposalText(election, p)),
            el('span', {class: `pill ${p.outcome === 'ADOPTED' ? 'open' : p.outcome === 'REJECTED' ? 'closed' : ''}`},
                outcome)),
        el('div', {class: 'muted small'}, `${p.motionId} · ${t('console.nom.byShowOfHands')}`),
        m && status === 'OPEN' ? el('div', {class: 'small'}, t('console.nom.voting', {voted: formatNumber(m.voted),
            agree: formatNumber(m.agree)})) : null,
        m && m.result ? resultBox(m.result) : null,
        p.outcome === 'PENDING' && m ? motionButtons(m) : null);
}

function nomineesTable(election, listPhase) {
    const n = election.nominations;
    return el('table', {class: 'small nominees'},
        el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, t('console.delegates.name')),
            el('th', {}, t('console.nom.kind')), el('th', {}, t('console.nom.by')), el('th', {}, t('console.nom.who')),
            el('th', {}, ''))),
        el('tbody', {}, ...n.nominees.map((x, i) => el('tr', {dataset: {nominee: x.candidateId,
            withdrawn: String(x.withdrawn)}},
        el('td', {}, String(i + 1)),
        el('td', {}, x.withdrawn ? el('s', {}, x.fullName) : x.fullName, ' ', el('span', {class: 'muted code'}, x.candidateId)),
        el('td', {}, t(`nomination.${x.kind}`)),
        el('td', {}, x.nominatedBy ? delegateName(x.nominatedBy) : t('console.nom.presidium')),
        el('td', {}, x.delegate ? t('console.nom.isDelegate') : t(x.consentRecorded ? 'console.nom.memberConsented'
            : 'console.nom.member')),
        el('td', {}, x.withdrawn ? t('console.nom.withdrawn') : listPhase ? el('button', {type: 'button',
            class: 'small secondary', dataset: {action: 'withdraw'}, onclick: e => {
                const reason = window.prompt(t('console.nom.withdrawReason', {name: x.fullName}));
                if (reason === null) {
                    return;
                }
                act(e.currentTarget, () => api(`/api/elections/${path(election.electionId)}/withdrawals`,
                    {method: 'POST', json: {candidateId: x.candidateId, reason: reason.trim() || null}}),
                t('console.nom.put'));
            }}, t('console.nom.withdraw')) : '')))));
}

function nominationForm(election) {
    const kind = el('select', {'aria-label': t('console.nom.kind'), name: 'kind'},
        ...['PRESIDIUM', 'DELEGATE', 'SELF'].map(k => el('option', {value: k}, t(`nomination.${k}`))));
    const id = el('input', {name: 'candidateId', list: 'delegate-ids', spellcheck: 'false',
        'aria-label': t('console.nom.candidateId'), placeholder: t('console.nom.candidateId')});
    const name = el('input', {name: 'fullName', 'aria-label': t('console.nom.fullName'),
        placeholder: t('console.nom.fullName')});
    const by = el('input', {name: 'nominatedBy', list: 'delegate-ids', spellcheck: 'false',
        'aria-label': t('console.nom.nominatedBy'), placeholder: t('console.nom.nominatedBy')});
    const consent = el('input', {name: 'consent', 'aria-label': t('console.nom.consent'),
        placeholder: t('console.nom.consent')});
    return el('form', {class: 'nomination-form', dataset: {action: 'nominate'}, onsubmit: async event => {
        event.preventDefault();
        const k = kind.value;
        const delegate = roster.get(id.value.trim());
        const fullName = name.value.trim() || (delegate ? delegate.fullName : '');
        const candidateId = id.value.trim() || (fullName ? memberIdOf(fullName) : '');
        const nominatedBy = k === 'SELF' ? candidateId : k === 'DELEGATE' ? by.value.trim() : null;
        const done = await act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/nominations`,
            {method: 'POST', json: {candidateId, fullName, kind: k, nominatedBy, consent: consent.value.trim() || null}}),
        t('console.nom.nominated', {name: fullName}));
        if (done) {
            event.target.reset();
        }
    }}, el('h4', {}, t('console.nom.formTitle')), el('p', {class: 'small muted'}, t('console.nom.formHelp')),
    el('div', {class: 'row'}, kind, id, name, by, consent, el('button', {type: 'submit'}, t('console.nom.record'))));
}

function seatsForm(election) {
    const allocated = election.nominations.procedure === 'SEATS_ALLOCATED';
    const seats = el('input', {type: 'number', min: '1', name: 'seats', value: String(election.seats || 1),
        'aria-label': t('console.elections.seats'), disabled: allocated});
    const surplus = el('input', {type: 'number', min: '0', name: 'surplus', value: '0',
        'aria-label': t('console.nom.surplus')});
    return el('form', {class: 'seats-form', dataset: {action: 'propose-seats'}, onsubmit: event => {
        event.preventDefault();
        act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/seats`, {method: 'POST',
            json: {seats: allocated ? 0 : Number(seats.value), surplus: Number(surplus.value)}}), t('console.nom.put'));
    }}, el('h4', {}, t(allocated ? 'console.nom.surplusTitle' : 'console.nom.seatsTitle')),
    el('p', {class: 'small muted'}, t(allocated ? 'console.nom.allocatedHelp' : 'console.nom.seatsHelp',
        {seats: election.seats})),
    el('div', {class: 'row'}, el('label', {}, t('console.elections.seats'), ' ', seats),
        el('label', {}, t('console.nom.surplus'), ' ', surplus),
        el('button', {type: 'submit'}, t('console.nom.putToCongress'))));
}

function listForm(election) {
    const standing = election.nominations.nominees.filter(x => !x.withdrawn);
    const boxes = standing.map(x => el('input', {type: 'checkbox', checked: true, value: x.candidateId,
        'aria-label': x.fullName}));
    return el('form', {class: 'list-form', dataset: {action: 'propose-list'}, onsubmit: event => {
        event.preventDefault();
        const candidateIds = boxes.filter(b => b.checked).map(b => b.value);
        act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/list`, {method: 'POST',
            json: {candidateIds}}), t('console.nom.put'));
    }}, el('h4', {}, t('console.nom.listTitle')),
    el('p', {class: 'small muted'}, t('console.nom.listHelp', {most: ballotPlaces(election) + election.nominations.surplus})),
    el('ol', {class: 'small'}, ...standing.map((x, i) => el('li', {}, el('label', {}, boxes[i], ' ', x.fullName)))),
    el('div', {class: 'row'}, el('button', {type: 'submit'}, t('console.nom.putList'))));
}

function newNamesForm(election) {
    const textarea = el('textarea', {rows: '2', 'aria-label': t('console.nom.newNames'),
        placeholder: t('console.elections.candidatesHelp')});
    return el('form', {class: 'new-names-form', dataset: {action: 'propose-new-names'}, onsubmit: event => {
        event.preventDefault();
        // "id; name", a delegate's code, or the name of a member who is not a delegate
        const candidates = textarea.value.split('\n').map(line => line.trim()).filter(Boolean).map(line => {
            const parts = line.split(';').map(part => part.trim());
            if (parts.length > 1) {
                return {candidateId: parts[0], fullName: parts[1]};
            }
            const delegate = roster.get(parts[0]);
            return delegate ? {candidateId: parts[0], fullName: delegate.fullName}
                : {candidateId: memberIdOf(parts[0]), fullName: parts[0]};
        });
        act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/new-names`, {method: 'POST',
            json: {candidates}}), t('console.nom.put'));
    }}, el('h4', {}, t('console.nom.newNames')), el('p', {class: 'small muted'}, t('console.nom.newNamesHelp')),
    textarea, el('div', {class: 'row gap-top'}, el('button', {type: 'submit'}, t('console.nom.putToCongress'))));
}

/** The part of an election with nominations before and between rounds. */
function nominationsPanel(election) {
    const n = election.nominations;
    const listPhase = !n.approvedList && election.rounds.length === 0;
    const pending = n.proposals.some(p => p.outcome === 'PENDING');
    const last = election.rounds[election.rounds.length - 1];
    const between = last && last.status === 'CLOSED' && election.seatsFilled < election.seats;
    const approved = n.approvedList;
    return el('div', {class: 'nominations'},
        el('p', {class: 'small'}, t(`console.nom.procedure.${n.procedure}`), ' · ',
            n.seatsDecided ? el('strong', {class: 'seats-decided'}, t('console.nom.seatsDecided', {seats: election.seats,
                surplus: n.surplus, most: ballotPlaces(election) + n.surplus})) : t('console.nom.seatsNotDecided')),
        el('h4', {}, t('console.nom.nominees', {count: n.nominees.filter(x => !x.withdrawn).length})),
        n.nominees.length ? nomineesTable(election, listPhase && !pending) : el('p', {class: 'muted small'},
            t('console.nom.noNominees')),
        listPhase ? nominationForm(election) : null,
        listPhase && !pending && !n.seatsDecided ? seatsForm(election) : null,
        listPhase && !pending && n.seatsDecided ? listForm(election) : null,
        n.proposals.length ? el('h4', {}, t('console.nom.decisions')) : null,
        ...n.proposals.map(p => proposalView(election, p)),
        approved ? el('div', {class: 'approved-list'},
            el('h4', {}, t('console.nom.approved', {count: approved.length})),
            el('ol', {class: 'small'}, ...approved.map(c => el('li', {dataset: {candidate: c.candidateId}}, c.fullName))))
            : null,
        approved && election.rounds.length === 0 ? el('div', {class: 'row'}, el('button', {type: 'button',
            dataset: {action: 'start-approved'}, onclick: e => act(e.currentTarget,
                () => api(`/api/elections/${path(election.electionId)}/rounds`, {method: 'POST', json: {}}),
                t('console.elections.started'))}, t('console.nom.startFirst'))) : null,
        between && !pending ? newNamesForm(election) : null,
        between && !pending ? el('div', {class: 'row'}, el('button', {type: 'button', dataset: {action: 'start-next'},
            onclick: e => act(e.currentTarget, () => api(`/api/elections/${path(election.electionId)}/rounds`,
                {method: 'POST', json: {}}), t('console.elections.started'))}, t('console.nom.startNext')),
        el('span', {class: 'muted small'}, t('console.nom.nextHelp'))) : null);
}

function parseCandidates(text) {
    return text.split('\n').map(line => line.trim()).filter(Boolean).map((line, i) => {
        const parts = line.split(';').map(part => part.trim());
        return parts.length > 1 ? {candidateId: parts[0], fullName: parts[1]} : {candidateId: `c${i + 1}`, fullName: parts[0]};
    });
}

function roundView(election, round) {
    const result = round.result;
    const electionId = election.electionId;
    const body = el('div', {class: 'round', dataset: {round: round.round, status: round.status}},
        el('div', {class: 'row spread'},
            el('strong', {}, round.alternateSeats ? t('console.elections.roundAlternates', {round: round.round,
                seats: round.seats, alternates: round.alternateSeats})
                : t('console.elections.round', {round: round.round, seats: round.seats})),
            el('span', {class: `pill ${round.status === 'OPEN' ? 'open' : round.status === 'CLOSED' ? 'closed' : ''}`},
                t(`status.${round.status}`))),
        el('div', {class: 'small'}, t('console.elections.candidates', {names: round.candidates.map(c => c.fullName).join(', ')})));
    const buttons = el('div', {class: 'row'});
    if (round.status === 'OPEN') {
        body.append(el('p', {class: 'small'}, t('console.elections.turnout', {turnout: formatNumber(round.turnout || 0)})));
    }
    const role = (session.get() || {}).role;
    if (round.status === 'STARTED' && role === 'COUNTING') {
        body.append(keyCeremonyForm(election, round));
    }
    if (round.status === 'OPEN' && role === 'COUNTING') {
        body.append(presentShareForm(election));
    }
    if (round.status === 'STARTED') {
        buttons.append(el('button', {type: 'button', dataset: {action: 'open-round'}, onclick: e => {
            const openMotion = tallies.find(m => m.status === 'OPEN');
            if (openMotion && !window.confirm(t('console.elections.openWhileMotion', {title: openMotion.title}))) {
                return;
            }
            act(e.currentTarget, () => api(`/api/elections/${path(electionId)}/open`, {method: 'POST'}),
                t('console.elections.opened'));
        }}, t('console.elections.open')));
    }
    if (round.status === 'OPEN') {
        buttons.append(el('button', {type: 'button', dataset: {action: 'close-round'}, onclick: e => {
            if (window.confirm(t('console.elections.closeConfirm'))) {
                act(e.currentTarget, () => api(`/api/elections/${path(electionId)}/close`, {method: 'POST'}),
                    t('console.elections.closed'));
            }
        }}, t('console.elections.close')));
    }
    if (round.status === 'CLOSED') {
        buttons.append(el('button', {type: 'button', class: 'secondary', dataset: {action: 'minutes'},
            onclick: e => openMinutes(e.currentTarget, `/api/minutes/elections/${path(electionId)}/rounds/${round.round}.pdf`)},
        t('console.minutes')));
    }
    body.append(buttons);
    if (result) {
        body.append(...[el('p', {class: 'small'}, t('console.elections.count', {issued: result.issued, returned: result.returned,
            valid: result.valid, invalid: result.invalid, base: result.baseCount, threshold: result.threshold})),
        result.electorateTitle ? el('p', {class: 'small round-base'}, t('console.elections.bodyBase', {
            threshold: formatNumber(result.threshold), base: formatNumber(result.baseCount), body: result.electorateTitle,
            present: formatNumber(result.present)})) : null,
        el('table', {class: 'small'}, el('tbody', {}, ...result.results.map(r => el('tr', {dataset: {candidate: r.candidateId}},
            el('td', {}, r.fullName), el('td', {}, formatNumber(r.votes)),
            el('td', {}, r.elected ? t('console.elections.elected') : r.alternateRank
                ? t('console.elections.alternateRank', {rank: r.alternateRank})
                : result.tiedForLastSeat.includes(r.candidateId)
                    ? t('console.elections.tied') : t('console.elections.notElected'))))))].filter(Boolean));
    }
    return body;
}

// ---- the vote-counting committee's key: ceremony before the round opens, shares at the close ----------------------

/** The committee names its members (one a line) and how many of them must present a share to open the box. */
function keyCeremonyForm(election, round) {
    const members = el('textarea', {rows: '3', 'aria-label': t('console.key.members'),
        placeholder: t('console.key.membersHelp')});
    const required = el('input', {type: 'number', min: '1', value: '2', 'aria-label': t('console.key.required')});
    return el('form', {class: 'key-ceremony', dataset: {action: 'key-ceremony'}, onsubmit: async event => {
        event.preventDefault();
        const holders = members.value.split('\n').map(line => line.trim()).filter(Boolean);
        if (!window.confirm(t('console.key.confirm', {k: required.value, n: holders.length}))) {
            return;
        }
        const answer = await act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/key`,
            {method: 'POST', json: {sharesRequired: Number(required.value), holders}}), t('console.key.created'));
        if (answer && answer.shares) {
            showShares(election, round, answer);
        }
    }}, el('h4', {}, t('console.key.title')), el('p', {class: 'small muted'}, t('console.key.help')),
    el('label', {}, t('console.key.members')), members,
    el('label', {}, t('console.key.required')), required,
    el('div', {class: 'row gap-top'}, el('button', {type: 'submit'}, t('console.key.create'))));
}

/** One printable card per share: the member's name, the share as text and as a QR code. Shown once, kept nowhere. */
function shareCard(election, answer, share) {
    return el('div', {class: 'delegate-card share-card', dataset: {share: share.number}},
        el('div', {class: 'delegate-card-head'}, `${election.title} — ${answer.roundId}`),
        el('div', {class: 'delegate-card-title'}, t('console.key.cardTitle', {number: share.number,
            n: answer.shares.length, k: answer.sharesRequired})),
        el('div', {class: 'delegate-card-body'},
            el('div', {class: 'qr', 'aria-label': t('console.key.qr')}, qrSvg(share.share)),
            el('div', {},
                el('div', {class: 'delegate-card-name'}, share.holder),
                el('div', {class: 'code share-code'}, share.share))),
        el('div', {class: 'small'}, t('console.key.cardHelp')));
}

function showShares(election, round, answer) {
    const forget = () => {
        $('key-area').replaceChildren();
        $('print-area').replaceChildren();
    };
    $('key-area').replaceChildren(el('section', {class: 'card key-shares'},
        el('h2', {}, t('console.key.sharesTitle')),
        el('p', {class: 'message warning'}, t('console.key.onlyOnce')),
        ...answer.shares.map(share => el('div', {},
            shareCard(election, answer, share),
            el('div', {class: 'row'}, el('button', {type: 'button', class: 'secondary', onclick: () => {
                $('print-area').replaceChildren(shareCard(election, answer, share));
                window.print();
            }}, t('console.key.print', {holder: share.holder}))))),
        el('div', {class: 'row gap-top'}, el('button', {type: 'button', onclick: forget}, t('console.key.done')))));
}

/** A member types or scans their share; the last one required opens the box and closes the round. */
function presentShareForm(election) {
    const input = el('input', {type: 'password', autocomplete: 'off', class: 'code', 'aria-label': t('console.key.share')});
    return el('form', {class: 'present-share', dataset: {action: 'present-share'}, onsubmit: async event => {
        event.preventDefault();
        const answer = await act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/shares`,
            {method: 'POST', json: {share: input.value.trim()}}),
        a => a.closed ? t('console.key.opened', {members: a.presentedBy.join(', ')})
            : t('console.key.presented', {presented: a.presented, required: a.required}));
        input.value = '';
        return answer;
    }}, el('h4', {}, t('console.key.presentTitle')), el('p', {class: 'small muted'}, t('console.key.presentHelp')),
    el('div', {class: 'row'}, input, el('button', {type: 'submit'}, t('console.key.present'))));
}

function renderElections() {
    const container = $('elections');
    const decidedBy = new Set(elections.flatMap(e => ((e.nominations || {}).proposals || []).map(p => p.motionId)));
    if (!changed('elections', elections, tallies.filter(m => decidedBy.has(m.motionId)), roster.size)) {
        return;
    }
    fillBodyChoices();
    if (elections.length === 0) {
        container.replaceChildren(el('div', {class: 'card muted'}, t('console.elections.none')));
        return;
    }
    container.replaceChildren(...elections.map(election => {
        const last = election.rounds[election.rounds.length - 1];
        const nominated = election.nominations && election.nominations.procedure !== 'LIST_GIVEN';
        const canStart = !nominated && (!last || last.status === 'CLOSED');
        const textarea = el('textarea', {rows: '4', 'aria-label': t('console.elections.candidatesField'),
            placeholder: t('console.elections.candidatesHelp')});
        return el('section', {class: 'card election', dataset: {election: election.electionId}},
            el('h3', {}, election.title),
            el('div', {class: 'muted small'}, `${election.electionId} · ${t('console.elections.seatsLine', {seats: election.seats})} · ${ruleText(election.rule)}`),
            ...bodiesLines(election),
            nominated ? nominationsPanel(election) : null,
            ...election.rounds.map(round => roundView(election, round)),
            alternatesBox(election),
            canStart ? el('form', {class: 'start-round', onsubmit: event => {
                event.preventDefault();
                const candidates = parseCandidates(textarea.value);
                act(event.submitter, () => api(`/api/elections/${path(election.electionId)}/rounds`, {method: 'POST',
                    json: {candidates}}), t('console.elections.started'));
            }}, el('label', {}, t('console.elections.candidatesField')), textarea,
            el('div', {class: 'row gap-top'}, el('button', {type: 'submit'}, t('console.elections.start')))) : null);
    }));
}

// ---- tabs and start ---------------------------------------------------------------------------------------------

function showTab(name) {
    tab = name;
    localStorage.setItem('cv.console.tab', name);
    document.querySelectorAll('.tab').forEach(section => { section.hidden = section.id !== `tab-${name}`; });
    document.querySelectorAll('#tabs button').forEach(button => {
        button.setAttribute('aria-current', button.dataset.tab === name ? 'page' : 'false');
    });
}

function renderAll() {
    if (session.get()) {
        const s = session.get();
        $('who').textContent = t('console.signedInAs', {user: s.subject, role: t(`role.${s.role}`)});
    }
    renderSummary();
    renderDelegates();
    renderMotions();
    renderElections();
    renderRulePreview();
}

async function start() {
    await loadMessages();
    wireLanguageSwitch();
    onLanguageChange(renderAll);
    const submit = (id, handler) => $(id).addEventListener('submit', event => {
        event.preventDefault();
        handler(event.submitter);
    });
    submit('sign-in-form', () => signIn($('username').value.trim(), $('password').value));
    submit('congress-form', button => pickCongress(button, $('congress-id').value));
    submit('create-congress-form', createCongress);
    submit('motion-form', createMotion);
    submit('election-form', createElection);
    $('election-procedure').addEventListener('change', seatsFieldForProcedure);
    $('election-electorate').addEventListener('change', seatsFieldForProcedure);
    submit('check-in-form', button => checkIn(button, $('check-in-id').value.trim()));
    submit('alternate-form', button => act(button, () => api(`/api/congresses/${path(congressId)}/alternates`, {
        method: 'POST', json: {alternateId: $('alt-id').value.trim(), replacedDelegateId: $('alt-replaced').value.trim(),
            reason: $('alt-reason').value.trim()}}), t('console.alternate.seated')));
    submit('roster-form', importRoster);
    $('check-out').addEventListener('click', e => checkOut(e.currentTarget, $('check-in-id').value.trim()));
    $('reissue-card').addEventListener('click', e => reissueCard(e.currentTarget, $('check-in-id').value.trim()));
    $('show-create-congress').addEventListener('click', () => {
        $('create-congress-form').hidden = !$('create-congress-form').hidden;
    });
    $('sign-out').addEventListener('click', () => {
        const token = session.token;
        session.clear();
        showSignIn(null);
        call('/api/auth/logout', {method: 'POST', token}).catch(() => {});
    });
    $('accept-pending').addEventListener('click', e => act(e.currentTarget, () => api(
        `/api/congresses/${path(congressId)}/credentials/accept-pending`, {method: 'POST'}), t('console.credentials.allAccepted')));
    $('complete-credentials').addEventListener('click', e => act(e.currentTarget, () => api(
        `/api/congresses/${path(congressId)}/credentials/complete`, {method: 'POST'}), t('console.credentials.completed')));
    $('open-session').addEventListener('click', e => act(e.currentTarget, () => api(
        `/api/congresses/${path(congressId)}/session/open`, {method: 'POST'}), t('console.session.opened')));
    $('close-congress').addEventListener('click', e => {
        if (window.confirm(t('console.session.closeConfirm'))) {
            act(e.currentTarget, () => api(`/api/congresses/${path(congressId)}/close`, {method: 'POST'}),
                t('console.session.closed'));
        }
    });
    $('delegate-filter').addEventListener('input', renderDelegates);
    ['motion-base', 'motion-fraction', 'motion-strict'].forEach(id => $(id).addEventListener('change', renderRulePreview));
    document.querySelectorAll('#tabs button').forEach(button => button.addEventListener('click', () => showTab(button.dataset.tab)));
    renderRulePreview();
    if (session.token) {
        enter();
    } else {
        showSignIn(null);
    }
}

async function importRoster(button) {
    const file = $('roster-file').files[0];
    if (!file) {
        return;
    }
    button.disabled = true;
    $('roster-report').replaceChildren();
    try {
        const answer = await api(`/api/congresses/${path(congressId)}/roster`, {method: 'POST', body: file,
            contentType: 'text/csv'});
        $('roster-report').replaceChildren(el('div', {class: 'message ok'}, t('console.roster.imported', {count: answer.imported})));
        refreshSoon();
    } catch (error) {
        const rows = error instanceof ApiError && Array.isArray(error.problem.rows) ? error.problem.rows : null;
        $('roster-report').replaceChildren(
            el('div', {class: 'message error', role: 'alert'}, rows ? t('console.roster.rejected', {count: rows.length})
                : describe(error)),
            rows ? el('table', {class: 'roster-problems'},
                el('thead', {}, el('tr', {}, el('th', {}, t('console.roster.line')), el('th', {}, t('console.delegates.code')),
                    el('th', {}, t('console.roster.problem')))),
                el('tbody', {}, ...rows.map(r => el('tr', {}, el('td', {}, String(r.row)), el('td', {class: 'code'}, r.delegateId || ''),
                    el('td', {}, r.problem))))) : ''); // replaceChildren prints a null as the word null
    } finally {
        button.disabled = false;
    }
}

start();
