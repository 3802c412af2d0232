// The delegate's phone: sign in with the card's code, vote on the open motions and ballots of the congress,
// see that the vote is recorded (and the receipt of a secret ballot), the same after a reload or a lost connection.

import {loadMessages, t, wireLanguageSwitch, onLanguageChange} from '/assets/i18n.js';
import {call, query, describe, ApiError, Session, newRequestId, $, el} from '/assets/api.js';

const POLL_MILLIS = 3000;
const CHOICES = ['AGREE', 'DISAGREE', 'ABSTAIN'];
// a 409 with one of these: the vote closed before this one arrived (a round's card exists only while it is open)
const CLOSED_CODES = new Set(['MOTION_NOT_OPEN', 'MOTION_ALREADY_CLOSED', 'ELECTION_STATE']);
const session = new Session('delegate');

let state = null;          // {congressId, delegateId, fullName, present, openVotes}: the server's view
let degraded = null;       // why the page runs on the fallback (no /api/delegate/me), or null
let lastRendered = '';
const ui = new Map();      // per vote key: {step, choice, struck:Set, error, receipt, receiptLost}
const seen = new Map();    // per vote key: the vote as last seen open, to say what became of it once it closes
const shownSteps = new Map(); // per vote key: the step last drawn, to move the focus when it changes
const closed = new Map();  // per vote key: {vote, recorded, choice, late, result}: votes closed while on this screen
const sending = new Set(); // vote keys with a request in flight
let pollTimer = null;
// elections taking nominations whose first round has not started: read from the public view, less often than /me
const NOMINATIONS_POLL_MILLIS = 10000;
let nominations = [];
let nominationsReadAt = 0;
const nominationInput = new Map(); // per election: what the delegate is typing, kept across redraws
const nominationNote = new Map();  // per election: {kind: 'ok' | 'error', text} after a nomination was sent

// ---- storage: pending requests (resent with the same requestId) and receipts, per delegate ----------------------

function storageKey(kind, key) {
    return `cv.vote.${state ? state.delegateId : 'unknown'}.${kind}.${key}`;
}

function readStored(kind, key) {
    try {
        return JSON.parse(localStorage.getItem(storageKey(kind, key)));
    } catch (e) {
        return null;
    }
}

function writeStored(kind, key, value) {
    if (value === null) {
        localStorage.removeItem(storageKey(kind, key));
    } else {
        localStorage.setItem(storageKey(kind, key), JSON.stringify(value));
    }
}

/**
 * Everything this page keeps of any delegate on this device: receipts, pending ballots and votes, what was voted.
 * Called on sign-out and when a session ends, so the next delegate at a shared booth finds nothing of the last one.
 */
function forgetEverything() {
    for (const store of [localStorage, sessionStorage]) {
        const keys = [];
        for (let i = 0; i < store.length; i++) {
            const key = store.key(i);
            if (key && key.startsWith('cv.vote.')) {
                keys.push(key);
            }
        }
        keys.forEach(key => store.removeItem(key));
    }
    ui.clear();
    sending.clear();
    nominations = [];
    nominationsReadAt = 0;
    nominationInput.clear();
    nominationNote.clear();
    $('nominations').replaceChildren();
    lastRendered = '';
    $('receipts').replaceChildren();
}

/**
 * A ballot request padded to one length for every ballot of the round (the room for every name kept, rounded up), so
 * its size on the wire says nothing of how many names were kept. The server ignores {@code padding}.
 */
function paddedBallot(vote, kept, requestId) {
    const all = (vote.candidates || []).map(c => c.candidateId);
    const longest = JSON.stringify({kept: all, requestId, padding: ''}).length;
    const target = Math.ceil((longest + 64) / 1024) * 1024;
    const body = {kept, requestId, padding: ''};
    body.padding = ' '.repeat(Math.max(0, target - JSON.stringify(body).length));
    return body;
}

/**
 * The votes and ballot participations kept with (or waiting for) their inclusion proof in the signed log:
 * {kind: 'MOTION' (or absent) with motionId, or 'ROUND' with roundId; title, kept}.
 */
function storedProofs() {
    const prefix = storageKey('proof', '');
    const proofs = [];
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith(prefix)) {
            try {
                proofs.push(JSON.parse(localStorage.getItem(key)));
            } catch (e) {
                // a damaged entry is skipped
            }
        }
    }
    return proofs;
}

const PROOF_RETRY_MILLIS = 20000;

/** Where the proof of this entry is asked: a motion vote's, or a ballot participation's (never its content). */
function proofUrl(p) {
    return p.kind === 'ROUND'
        ? `/api/delegate/rounds/${encodeURIComponent(p.roundId)}/proof`
        : `/api/delegate/motions/${encodeURIComponent(p.motionId)}/proof`;
}

function proofKey(p) {
    return p.kind === 'ROUND' ? `round:${p.roundId}` : p.motionId;
}

/**
 * Fetches the inclusion proof of each vote that has none yet (a head is signed every minute and at each close) and
 * keeps it: the leaf, the signed head and the proof's hashes, so that it can be checked later or by anyone else.
 */
async function fetchMissingProofs() {
    const now = Date.now();
    let gained = false;
    for (const p of storedProofs().filter(p => !p.kept && (!p.triedAt || now - p.triedAt > PROOF_RETRY_MILLIS))) {
        p.triedAt = now;
        try {
            const answer = await call(proofUrl(p), {token: session.token});
            if (answer.inclusion && answer.inclusion.included) {
                const i = answer.inclusion;
                p.kept = {leafIndex: i.leafIndex, globalIndex: i.globalIndex, leafHash: i.leafHash, treeSize: i.treeSize,
                    rootHash: i.rootHash, head: i.head, proof: i.proof};
                gained = true;
            }
        } catch (error) {
            // not chained or not signed over yet: tried again later
        }
        writeStored('proof', proofKey(p), p);
    }
    return gained;
}

function proofsCard(proofs) {
    return el('section', {class: 'card receipts-card'},
        el('h2', {}, t('proof.title')),
        el('p', {class: 'muted'}, t('proof.help')),
        ...proofs.map(p => {
            const ballot = p.kind === 'ROUND';
            const result = el('div', {class: 'receipt-result', role: 'status'});
            const check = async () => {
                result.replaceChildren(el('span', {class: 'muted'}, t('proof.checking')));
                try {
                    const answer = await call(proofUrl(p)
                        + `?fromSize=${p.kept.treeSize}&fromRoot=${p.kept.rootHash}`, {token: session.token});
                    const same = answer.inclusion && answer.inclusion.included
                        && answer.inclusion.leafHash === p.kept.leafHash;
                    const extends_ = answer.sinceKept && answer.sinceKept.consistent;
                    result.replaceChildren(same && extends_
                        ? el('div', {class: 'message ok', dataset: {stillThere: 'true'}},
                            t(ballot ? 'proof.stillThereBallot' : 'proof.stillThere', {size: answer.inclusion.treeSize}))
                        : el('div', {class: 'message error', dataset: {stillThere: 'false'}},
                            t(ballot ? 'proof.changedBallot' : 'proof.changed')));
                } catch (error) {
                    result.replaceChildren(el('div', {class: 'message error'}, describe(error)));
                }
            };
            return el('div', {class: 'receipt-check', dataset: ballot ? {round: p.roundId} : {motion: p.motionId}},
                el('h3', {}, p.title || (ballot ? p.roundId : p.motionId)),
                ballot ? el('p', {class: 'muted small'}, t('proof.ballotNote')) : null,
                p.kept
                    ? el('p', {class: 'small'}, t(ballot ? 'proof.keptBallot' : 'proof.kept', {position: p.kept.globalIndex,
                        size: p.kept.treeSize, keyId: p.kept.head ? p.kept.head.keyId : '?'}))
                    : el('p', {class: 'muted small'}, t('proof.waiting')),
                p.kept ? el('div', {class: 'row'}, el('button', {type: 'button', onclick: check}, t('proof.check'))) : null,
                result);
        }));
}

function storedReceipts() {
    const prefix = storageKey('receipt', '');
    const receipts = [];
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith(prefix)) {
            try {
                receipts.push(JSON.parse(localStorage.getItem(key)));
            } catch (e) {
                // a damaged entry is skipped
            }
        }
    }
    return receipts.sort((a, b) => (a.at || '').localeCompare(b.at || ''));
}

// ---- sign-in ----------------------------------------------------------------------------------------------------

function showSignIn(message) {
    stopPolling();
    state = null;
    lastRendered = '';
    $('ballot-area').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').hidden = !message;
    $('sign-in-error').textContent = message || '';
    $('card-code').focus();
}

async function signIn(code) {
    const button = $('sign-in-button');
    button.disabled = true;
    $('sign-in-error').hidden = true;
    try {
        const answer = await call('/api/auth/delegate', {method: 'POST', json: {code: code.trim().toUpperCase()}});
        if (answer.role !== 'DELEGATE') {
            throw new ApiError(403, null);
        }
        session.set({token: answer.token, congressId: answer.congressId, delegateId: answer.delegateId});
        $('card-code').value = '';
        await enter();
    } catch (error) {
        $('sign-in-error').textContent = error.status === 401 ? t('vote.signIn.badCode')
            : error.status === 429 && error.retryAfter ? t('vote.signIn.wait', {seconds: error.retryAfter})
                : describe(error);
        $('sign-in-error').hidden = false;
    } finally {
        button.disabled = false;
    }
}

async function signOut() {
    const token = session.token;
    session.clear();
    forgetEverything();
    showSignIn(null);
    if (token) {
        call('/api/auth/logout', {method: 'POST', token}).catch(() => {});
    }
}

/** A 401 on any call: the session has expired or been revoked (a card re-issued). */
function sessionEnded() {
    session.clear();
    forgetEverything();
    showSignIn(t('vote.sessionEnded'));
}

async function enter() {
    $('sign-in').hidden = true;
    $('ballot-area').hidden = false;
    await refresh();
    startPolling();
}

// ---- the server's view ------------------------------------------------------------------------------------------

async function fetchState() {
    const token = session.token;
    try {
        const me = await call('/api/delegate/me', {token});
        degraded = null;
        return me;
    } catch (error) {
        if (error.status !== 404 && error.status !== 405) {
            throw error;
        }
    }
    // Fallback while the command-service has no GET /api/delegate/me: who we are from /api/auth/me, the open
    // motions from the public query-service; what we voted only as remembered on this phone; no ballots.
    const who = await call('/api/auth/me', {token});
    const base = {congressId: who.congressId, delegateId: who.delegateId, fullName: who.delegateId, present: null};
    try {
        const motions = await query(`/api/congresses/${encodeURIComponent(who.congressId)}/motions`);
        degraded = t('vote.degraded.noMe');
        const openVotes = motions.filter(m => m.status === 'OPEN').map(m => {
            const done = JSON.parse(localStorage.getItem(`cv.vote.${who.delegateId}.done.MOTION:${m.motionId}`));
            return {kind: 'MOTION', id: m.motionId, title: m.title, text: null, voted: !!done,
                choice: done ? done.choice : null};
        });
        return {...base, openVotes};
    } catch (error) {
        if (error.status === 401) {
            throw error;
        }
        degraded = t('vote.degraded.noLists');
        return {...base, openVotes: []};
    }
}

async function refresh() {
    if (!session.token) {
        return;
    }
    try {
        state = await fetchState();
        $('connection').hidden = true;
    } catch (error) {
        if (error.status === 401) {
            sessionEnded();
            return;
        }
        $('connection').hidden = false;
        $('connection').textContent = error.status === 0 ? t('vote.offline') : describe(error);
        if (!state) {
            return;
        }
    }
    noteClosedVotes();
    await readNominations(false);
    await resendPending();
    const gained = await fetchMissingProofs();
    render(gained);
}

/** Votes this screen saw open and the server no longer lists: closed. Say so, and whether this delegate's counted. */
function noteClosedVotes() {
    if (degraded) {
        return;
    }
    const open = new Set((state.openVotes || []).map(voteKey));
    for (const [key, vote] of seen) {
        if (!open.has(key)) {
            closeVote(vote, false);
        }
    }
    for (const vote of state.openVotes || []) {
        seen.set(voteKey(vote), vote);
    }
}

function closeVote(vote, late) {
    const key = voteKey(vote);
    seen.delete(key);
    const s = uiOf(vote);
    const recorded = Boolean(vote.voted || s.step === 'recorded');
    const earlier = closed.get(key);
    closed.set(key, {vote, recorded, choice: vote.choice || s.choice, late: late || (earlier && earlier.late),
        result: earlier ? earlier.result : null});
    writeStored('pending', key, null);
    if (vote.kind === 'MOTION' && !(earlier && earlier.result)) {
        fetchResult(key, vote);
    }
}

async function fetchResult(key, vote, attempt = 0) {
    try {
        const tally = await query(`/api/motions/${encodeURIComponent(vote.id)}/tally`);
        if (tally && tally.result) {
            closed.get(key).result = tally.result;
            render(true);
            return;
        }
    } catch (error) {
        // the projector's side may lag or be down: the notice stands without the result
    }
    if (attempt < 5) {
        setTimeout(() => fetchResult(key, vote, attempt + 1), 2000);
    }
}

/** The congress's elections whose list is being made (nominations open, or the list approved and no round yet). */
async function readNominations(now) {
    if (!state || degraded || (!now && Date.now() - nominationsReadAt < NOMINATIONS_POLL_MILLIS)) {
        return;
    }
    try {
        const list = await query(`/api/congresses/${encodeURIComponent(state.congressId)}/elections`);
        nominations = list.filter(e => e.nominations && e.nominations.procedure !== 'LIST_GIVEN'
            && e.rounds.length === 0);
        nominationsReadAt = Date.now();
    } catch (error) {
        // the public side is down or lagging: the votes do not depend on it, the list shows what it had
    }
}

async function nominate(election, body, button) {
    button.disabled = true;
    try {
        await call(`/api/delegate/elections/${encodeURIComponent(election.electionId)}/nominations`,
            {method: 'POST', json: body, token: session.token});
        nominationNote.set(election.electionId, {kind: 'ok', text: body.kind === 'SELF' ? t('nominate.selfDone')
            : t('nominate.done', {name: body.fullName || body.candidateId})});
        nominationInput.delete(election.electionId);
        // the public view follows within moments: read it now and again shortly, not only at the next 10 s
        await readNominations(true);
        setTimeout(() => readNominations(true).then(() => render(false)), 1000);
        setTimeout(() => readNominations(true).then(() => render(false)), 3000);
    } catch (error) {
        if (error.status === 401) {
            sessionEnded();
            return;
        }
        nominationNote.set(election.electionId, {kind: 'error', text: describe(error)});
    }
    render(true);
}

/**
 * An election whose list is being made: the nominees as they are put forward, ứng cử and đề cử while nominations are
 * open; once the congress approved the list, the list. The congress's votes on it are motions, shown above as any.
 */
function nominationsCard(election) {
    const n = election.nominations;
    const me = state.delegateId;
    const open = !n.approvedList;
    const standing = n.nominees.filter(x => !x.withdrawn);
    const note = nominationNote.get(election.electionId);
    const typed = nominationInput.get(election.electionId) || {};
    const keep = field => event => {
        nominationInput.set(election.electionId, {...(nominationInput.get(election.electionId) || {}),
            [field]: event.target.value});
    };
    const input = (field, label, attributes = {}) => el('label', {class: 'field-line'}, label,
        el('input', {...attributes, value: typed[field] || '', name: field, oninput: keep(field),
            dataset: {focus: `nominate:${election.electionId}:${field}`}}));
    const card = el('section', {class: 'card nominations-card', dataset: {election: election.electionId,
        phase: open ? 'nominations' : 'approved'}},
    el('div', {class: 'muted'}, t(open ? 'nominate.kind' : 'nominate.approvedKind')),
    el('h2', {}, election.title),
    n.seatsDecided ? el('p', {class: 'small'}, t('nominate.seats', {seats: election.seats, surplus: n.surplus}))
        : null);
    if (!open) {
        card.append(el('p', {}, t('nominate.approved', {count: n.approvedList.length})),
            el('ol', {class: 'approved-list'}, ...n.approvedList.map(c => el('li', {dataset: {candidate: c.candidateId}},
                c.fullName))));
        return card;
    }
    card.append(el('p', {class: 'muted'}, t('nominate.nominees', {count: standing.length})),
        el('ol', {class: 'nominee-list'}, ...standing.map(x => el('li', {dataset: {candidate: x.candidateId}},
            x.fullName, ' ', el('span', {class: 'muted small'}, `(${t(`nomination.${x.kind}`)})`)))));
    const already = n.nominees.some(x => x.candidateId === me);
    card.append(el('div', {class: 'stack'},
        already ? el('p', {class: 'message ok self-nominated'}, t('nominate.youAreNominated'))
            : el('button', {type: 'button', class: 'big', dataset: {action: 'self-nominate'},
                onclick: e => nominate(election, {kind: 'SELF'}, e.currentTarget)}, t('nominate.self'))),
    el('form', {class: 'nominate-other', onsubmit: event => {
        event.preventDefault();
        const now = nominationInput.get(election.electionId) || {};
        nominate(election, {kind: 'DELEGATE', candidateId: (now.candidateId || '').trim().toUpperCase() || null,
            fullName: (now.fullName || '').trim() || null, consent: (now.consent || '').trim() || null},
        event.submitter);
    }}, el('h3', {}, t('nominate.otherTitle')), el('p', {class: 'muted small'}, t('nominate.otherHelp')),
    input('candidateId', t('nominate.candidateId'), {class: 'code', spellcheck: 'false', autocapitalize: 'characters'}),
    input('fullName', t('nominate.fullName')),
    input('consent', t('nominate.consent')),
    el('button', {type: 'submit', class: 'big secondary', dataset: {action: 'nominate-other'}}, t('nominate.other'))),
    note ? el('div', {class: `message ${note.kind}`, role: note.kind === 'error' ? 'alert' : 'status'}, note.text)
        : '');
    return card;
}

function startPolling() {
    stopPolling();
    pollTimer = setInterval(() => {
        if (document.visibilityState === 'visible') {
            refresh();
        }
    }, POLL_MILLIS);
}

function stopPolling() {
    if (pollTimer) {
        clearInterval(pollTimer);
        pollTimer = null;
    }
}

// ---- casting ----------------------------------------------------------------------------------------------------

function voteKey(vote) {
    return `${vote.kind}:${vote.id}`;
}

function uiOf(vote) {
    const key = voteKey(vote);
    if (!ui.has(key)) {
        ui.set(key, {step: 'choose', choice: null, struck: new Set(), error: null});
    }
    return ui.get(key);
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Sends a vote or a ballot; on a network failure, or a 503 (the server changed nothing: busy, overloaded, store out
 * of reach) sends the very same request (same requestId) again, after the server's Retry-After for a 503, so the
 * server answers a vote that did arrive exactly as the first time instead of counting it twice.
 */
async function send(vote, pending) {
    const key = voteKey(vote);
    writeStored('pending', key, pending);
    sending.add(key);
    const path = vote.kind === 'MOTION'
        ? `/api/motions/${encodeURIComponent(vote.id)}/votes`
        : `/api/rounds/${encodeURIComponent(vote.id)}/ballots`;
    const body = vote.kind === 'MOTION'
        ? {choice: pending.choice, requestId: pending.requestId}
        : paddedBallot(vote, pending.kept, pending.requestId);
    try {
        for (let attempt = 0; ; attempt++) {
            try {
                const answer = await call(path, {method: 'POST', json: body, token: session.token});
                writeStored('pending', key, null);
                return answer;
            } catch (error) {
                const again = error.status === 0 || error.status === 503;
                if (!again || attempt >= 5) {
                    if (error.status !== 0) {
                        writeStored('pending', key, null);
                    }
                    throw error;
                }
                $('connection').hidden = false;
                $('connection').textContent = t('vote.retrying');
                const backoff = Math.min(8000, 500 * 2 ** attempt);
                await sleep(error.retryAfter ? Math.max(backoff, 1000 * error.retryAfter) : backoff);
            }
        }
    } finally {
        sending.delete(key);
    }
}

async function castVote(vote, pending) {
    const s = uiOf(vote);
    s.step = 'sending';
    s.error = null;
    render(true);
    try {
        const answer = await send(vote, pending);
        s.step = 'recorded';
        s.choice = pending.choice;
        if (vote.kind === 'MOTION') {
            writeStored('done', voteKey(vote), {choice: pending.choice});
            writeStored('proof', vote.id, {motionId: vote.id, title: vote.title, choice: pending.choice, kept: null});
        } else {
            keepReceipt(vote, answer);
            // the participation's proof only: what the ballot kept is not stored with it
            writeStored('proof', `round:${vote.id}`, {kind: 'ROUND', roundId: vote.id, title: vote.title, kept: null});
        }
        vote.voted = true;
        vote.choice = pending.choice;
        $('connection').hidden = true;
    } catch (error) {
        if (error.status === 401) {
            sessionEnded();
            return;
        }
        if (error.code === 'ALREADY_VOTED') {
            vote.voted = true;
            s.step = 'recorded';
            if (vote.kind === 'MOTION') {
                writeStored('done', voteKey(vote), {choice: vote.choice || null});
            }
        } else if (error.status === 0) {
            s.step = 'sending';
            s.error = t('vote.stillRetrying');
        } else if (error.status === 409 && CLOSED_CODES.has(error.code)) {
            // sent just after the close: the card is about to vanish, so say here that this vote did not count
            closeVote(vote, true);
            s.step = 'choose';
        } else {
            s.step = 'choose';
            s.error = describe(error);
        }
    }
    render(true);
    refresh();
}

function keepReceipt(vote, answer) {
    const existing = readStored('receipt', vote.id);
    if (answer && answer.receiptCode) {
        writeStored('receipt', vote.id, {
            roundId: vote.id, electionId: vote.electionId, title: vote.title, round: vote.round,
            code: answer.receiptCode, at: new Date().toISOString(),
            candidates: (vote.candidates || []).map(c => [c.candidateId, c.fullName])
        });
    } else if (!existing) {
        // A retried request whose first answer was lost: the server shows a receipt code only once.
        uiOf(vote).receiptLost = true;
    }
}

/** After a reload or a reconnect: a vote whose answer never arrived is sent again with the same requestId. */
async function resendPending() {
    if (!state) {
        return;
    }
    for (const vote of state.openVotes || []) {
        const key = voteKey(vote);
        const pending = readStored('pending', key);
        if (!pending || sending.has(key)) {
            continue;
        }
        if (vote.voted && vote.kind === 'MOTION') {
            writeStored('pending', key, null);
            continue;
        }
        castVote(vote, pending);
    }
}

// ---- rendering --------------------------------------------------------------------------------------------------

function render(force) {
    if (!state) {
        return;
    }
    const snapshot = JSON.stringify([state, degraded, [...ui.entries()].map(([k, v]) =>
        [k, v.step, v.choice, [...v.struck], v.error, v.receiptLost]), [...closed.values()], nominations,
    [...nominationNote.entries()]]);
    if (!force && snapshot === lastRendered) {
        return;
    }
    lastRendered = snapshot;
    // the cards are drawn anew: keep the focus on the same control, or move it to a new step's heading
    const focused = document.activeElement && document.activeElement.dataset
        ? document.activeElement.dataset.focus : null;
    $('delegate-name').textContent = state.fullName || state.delegateId;
    $('delegate-presence').textContent = state.present === true ? t('vote.present')
        : state.present === false ? t('vote.notPresent') : t('vote.delegateId', {id: state.delegateId});
    $('degraded').hidden = !degraded;
    $('degraded').textContent = degraded || '';
    // What staff did to this delegate's card, presence, credentials or seat, from the log: a card re-issued that the
    // delegate did not ask for means someone else may hold a card in their name.
    const actions = state.staffActions || [];
    $('staff-actions').hidden = actions.length === 0;
    $('staff-actions').replaceChildren(...actions.map(a => el('p', {}, t(`vote.staffAction.${a.kind}`, {
        time: new Date(a.at).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}),
        date: new Date(a.at).toLocaleDateString(), actor: a.actor || '?', reason: a.reason || '—'}))));

    const votes = state.openVotes || [];
    const openRounds = new Set(votes.filter(v => v.kind === 'ROUND').map(v => v.id));
    $('votes').replaceChildren(...votes.map(v => (v.kind === 'MOTION' ? motionCard(v) : roundCard(v))),
        ...[...closed.values()].reverse().map(closedCard));
    $('nominations').replaceChildren(...nominations.map(nominationsCard));
    $('no-open-votes').hidden = votes.length > 0;
    $('presence-hint').hidden = state.present !== false;
    const receipts = storedReceipts().filter(r => !openRounds.has(r.roundId));
    $('receipts').replaceChildren(...(receipts.length ? [receiptsCard(receipts)] : []));
    const proofs = storedProofs();
    $('proofs').replaceChildren(...(proofs.length ? [proofsCard(proofs)] : []));
    restoreFocus(votes, focused);
}

/**
 * After a redraw: a card whose step changed (choose, confirm, sending, recorded) puts the focus on that step's heading,
 * so that a screen reader reads the new step and the keyboard starts there; otherwise the control that had the focus
 * keeps it.
 */
function restoreFocus(votes, focused) {
    let target = null;
    for (const vote of votes) {
        const key = voteKey(vote);
        const step = vote.voted ? 'recorded' : uiOf(vote).step;
        const before = shownSteps.get(key);
        shownSteps.set(key, step);
        if (before !== undefined && before !== step) {
            target = document.querySelector(`section.vote-card[data-vote-key="${CSS.escape(key)}"] [data-step-heading]`);
        }
    }
    if (!target && focused) {
        target = document.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
    }
    if (target) {
        target.focus();
    }
}

/** Where a refusal is said, next to the button pressed; present (and empty) when there is none. */
function errorBox(message) {
    return el('div', {class: 'message error', role: 'alert', hidden: !message}, message || '');
}

/** A vote that closed while this screen showed it: closed, whether this delegate's vote counted, the result. */
function closedCard({vote, recorded, choice, late, result}) {
    const card = el('section', {class: 'card vote-card closed-card', dataset: {voteId: vote.id, kind: vote.kind,
        closed: 'true', recorded: String(recorded)}},
        el('div', {class: 'muted'}, t(vote.kind === 'MOTION' ? 'vote.motion' : 'ballot.secret')),
        el('h2', {}, vote.title),
        el('p', {class: 'closed-line', role: 'status'}, t('vote.closed')));
    if (recorded) {
        card.append(el('div', {class: 'message ok closed-recorded'}, vote.kind === 'MOTION' && choice
            ? t('vote.closedRecordedChoice', {choice: t(`choice.${choice}`)}) : t('vote.closedRecorded')));
    } else {
        card.append(el('div', {class: 'message error closed-not-recorded', role: 'alert'},
            t(late ? 'vote.closedTooLate' : 'vote.closedNotRecorded')));
    }
    if (result) {
        card.append(el('p', {class: `closed-result ${result.adopted ? 'adopted' : 'rejected'}`},
            el('strong', {}, t(result.adopted ? 'vote.result.adopted' : 'vote.result.rejected')), ' ',
            t('vote.result.counts', {agree: result.agree, disagree: result.disagree, abstain: result.abstain})));
    } else if (vote.kind === 'ROUND') {
        card.append(el('p', {class: 'muted'}, t('vote.closedRoundHelp')));
    }
    card.append(el('button', {type: 'button', class: 'secondary', onclick: () => {
        closed.delete(voteKey(vote));
        render(true);
    }}, t('vote.closedDismiss')));
    return card;
}

/** What a step's heading carries: focusable by the page (not by Tab), found again after a redraw. */
function stepHeading(vote, attributes = {}) {
    return {...attributes, tabindex: '-1', dataset: {stepHeading: '', focus: `${voteKey(vote)}:step`}};
}

function sendingLine(vote) {
    return el('p', stepHeading(vote, {class: 'sending', role: 'status'}), t('vote.sending'));
}

function recordedBox(vote, lines) {
    return el('div', {class: 'recorded', role: 'status'},
        el('div', {class: 'recorded-mark', 'aria-hidden': 'true'}, '✓'),
        el('div', stepHeading(vote, {class: 'recorded-title'}), t('vote.recorded')),
        ...lines);
}

function motionCard(vote) {
    const s = uiOf(vote);
    const card = el('section', {class: 'card vote-card', dataset: {voteId: vote.id, kind: 'MOTION',
        voteKey: voteKey(vote)}},
        el('div', {class: 'muted'}, t('vote.motion')),
        el('h2', s.step === 'choose' ? stepHeading(vote) : {}, vote.title),
        vote.text ? el('p', {class: 'motion-text'}, vote.text) : null);
    if (vote.voted || s.step === 'recorded') {
        const choice = vote.choice || s.choice;
        card.append(recordedBox(vote, choice ? [el('div', {class: 'recorded-choice'},
            t('vote.youChose', {choice: t(`choice.${choice}`)}))] : []));
        return card;
    }
    if (s.step === 'sending') {
        card.append(sendingLine(vote), errorBox(s.error));
        return card;
    }
    if (s.step === 'confirm') {
        // the choice is stated, not offered: a box like the buttons of the step before would look pressable
        card.append(
            el('p', stepHeading(vote, {class: 'confirm-question'}), t('vote.confirmQuestion')),
            el('p', {class: `chosen choice-${s.choice}`}, t(`choice.${s.choice}`)),
            el('div', {class: 'stack'},
                el('button', {type: 'button', class: 'big confirm', onclick: () => castVote(vote,
                        {requestId: newRequestId(), choice: s.choice})}, t('vote.confirm')),
                el('button', {type: 'button', class: 'big secondary', onclick: () => {
                    s.step = 'choose';
                    render(true);
                }}, t('vote.change'))));
        return card;
    }
    card.append(el('p', {class: 'muted'}, t('vote.chooseHelp')),
        el('div', {class: 'stack'}, ...CHOICES.map(choice => el('button', {
            type: 'button', class: `big choice choice-${choice}`, dataset: {choice},
            disabled: state.present === false,
            onclick: () => {
                s.step = 'confirm';
                s.choice = choice;
                s.error = null;
                render(true);
            }
        }, t(`choice.${choice}`)))),
        errorBox(s.error));
    return card;
}

/** The names a ballot may keep: the seats, and the alternates elected on the same ballot (a delegation's). */
function places(vote) {
    return vote.seats + (vote.alternateSeats || 0);
}

/** Why the rules would make this ballot invalid, or null. */
function invalidReason(vote, keptCount) {
    if (keptCount > places(vote)) {
        return t('ballot.invalid.tooMany', {kept: keptCount, seats: places(vote)});
    }
    if (keptCount === 0 && vote.candidates.length > places(vote)) {
        return t('ballot.invalid.none');
    }
    return null;
}

function roundCard(vote) {
    const s = uiOf(vote);
    const candidates = vote.candidates || [];
    const kept = candidates.filter(c => !s.struck.has(c.candidateId));
    const card = el('section', {class: 'card vote-card', dataset: {voteId: vote.id, kind: 'ROUND',
        voteKey: voteKey(vote)}},
        el('div', {class: 'muted'}, t('ballot.secret')),
        el('h2', s.step === 'choose' ? stepHeading(vote) : {}, vote.title),
        el('p', {class: 'round-line'}, vote.alternateSeats ? t('ballot.roundLineAlternates', {round: vote.round,
            seats: vote.seats, alternates: vote.alternateSeats}) : t('ballot.roundLine', {round: vote.round,
            seats: vote.seats})));
    const receipt = readStored('receipt', vote.id);
    if (vote.voted || s.step === 'recorded') {
        const lines = [];
        if (receipt) {
            lines.push(el('div', {class: 'receipt'},
                el('div', {}, t('ballot.receiptLabel')),
                el('div', {class: 'code receipt-code', dataset: {receipt: receipt.code}}, receipt.code),
                el('div', {class: 'muted'}, t('ballot.receiptHelp'))));
        } else {
            lines.push(el('div', {class: 'muted'}, t(s.receiptLost ? 'ballot.receiptLost' : 'ballot.receiptElsewhere')));
        }
        card.append(recordedBox(vote, lines));
        return card;
    }
    if (s.step === 'sending') {
        card.append(sendingLine(vote), errorBox(s.error));
        return card;
    }
    if (s.step === 'confirm') {
        const problem = invalidReason(vote, kept.length);
        card.append(
            el('p', stepHeading(vote, {class: 'confirm-question'}),
                t('ballot.confirmQuestion', {kept: kept.length, seats: places(vote)})),
            el('ul', {class: 'kept-list'}, ...(kept.length ? kept.map(c => el('li', {}, c.fullName))
                : [el('li', {class: 'muted'}, t('ballot.nobodyKept'))])),
            problem ? el('div', {class: 'message warning invalid-warning', role: 'alert'},
                el('strong', {}, t('ballot.invalid.title')), el('div', {}, problem),
                el('div', {}, t('ballot.invalid.right'))) : '',
            el('div', {class: 'stack'},
                el('button', {type: 'button', class: 'big confirm', onclick: () => castVote(vote,
                        {requestId: newRequestId(), kept: kept.map(c => c.candidateId)})},
                    t(problem ? 'ballot.submitAnyway' : 'ballot.confirm')),
                el('button', {type: 'button', class: 'big secondary', onclick: () => {
                    s.step = 'choose';
                    render(true);
                }}, t('ballot.edit'))));
        return card;
    }
    card.append(el('p', {class: 'muted'}, t('ballot.help')),
        el('ol', {class: 'candidates'}, ...candidates.map(c => {
            const struck = s.struck.has(c.candidateId);
            const toggle = strike => {
                if (strike) {
                    s.struck.add(c.candidateId);
                } else {
                    s.struck.delete(c.candidateId);
                }
                render(true);
            };
            return el('li', {class: struck ? 'candidate struck' : 'candidate', dataset: {candidate: c.candidateId}},
                el('span', {class: 'candidate-name'}, c.fullName),
                // a screen reader hears whose name: "Giữ Võ Thị Mai", not "Giữ" 37 times
                el('span', {class: 'segmented'},
                    el('button', {type: 'button', class: struck ? 'secondary keep' : 'keep', 'aria-pressed': String(!struck),
                        'aria-label': t('ballot.keepName', {name: c.fullName}),
                        dataset: {focus: `${voteKey(vote)}:${c.candidateId}:keep`},
                        onclick: () => toggle(false)}, t('ballot.keep')),
                    el('button', {type: 'button', class: struck ? 'strike' : 'secondary strike',
                        'aria-pressed': String(struck), 'aria-label': t('ballot.strikeName', {name: c.fullName}),
                        dataset: {focus: `${voteKey(vote)}:${c.candidateId}:strike`},
                        onclick: () => toggle(true)}, t('ballot.strike'))));
        })),
        // stays at the bottom of the screen while the list scrolls: on a 37-name ballot the count and the button
        // would otherwise be a long way down
        el('div', {class: 'ballot-footer'},
            el('p', {class: 'kept-count', role: 'status'}, t('ballot.keptCount', {kept: kept.length, seats: places(vote)})),
            el('button', {type: 'button', class: 'big wide submit-ballot', disabled: state.present === false,
                onclick: () => {
                    s.step = 'confirm';
                    s.error = null;
                    render(true);
                }}, t('ballot.submit')),
            errorBox(s.error)));
    return card;
}

function receiptsCard(receipts) {
    return el('section', {class: 'card receipts-card'},
        el('h2', {}, t('receipt.title')),
        el('p', {class: 'muted'}, t('receipt.help')),
        ...receipts.map(receipt => {
            const input = el('input', {class: 'code', value: receipt.code, 'aria-label': t('receipt.code'),
                spellcheck: 'false'});
            const result = el('div', {class: 'receipt-result', role: 'status'});
            const check = async () => {
                result.replaceChildren(el('span', {class: 'muted'}, t('receipt.checking')));
                try {
                    const answer = await query(`/api/rounds/${encodeURIComponent(receipt.roundId)}/receipts/`
                        + encodeURIComponent(input.value.trim().toUpperCase()));
                    result.replaceChildren(receiptFound(receipt, answer));
                } catch (error) {
                    result.replaceChildren(el('div', {class: 'message error'},
                        error.code === 'ROUND_NOT_CLOSED' ? t('receipt.notClosed')
                            : error.status === 404 && !error.code ? t('receipt.unavailable') : describe(error)));
                }
            };
            return el('div', {class: 'receipt-check', dataset: {round: receipt.roundId}},
                el('h3', {}, `${receipt.title || receipt.roundId} — ${t('receipt.round', {round: receipt.round || '?'})}`),
                el('div', {class: 'row'}, input, el('button', {type: 'button', onclick: check}, t('receipt.check'))),
                result);
        }));
}

/**
 * The query-service's answer: {found, ballot}. For a sealed round ballot is null: the receipt proves the ballot was
 * counted, never what it said (so it cannot be shown to anyone as proof of a vote).
 */
function receiptFound(receipt, answer) {
    if (!answer || answer.found === false) {
        return el('div', {class: 'message error'}, t('receipt.notFound'));
    }
    if (!answer.ballot) {
        return el('div', {class: 'message ok', dataset: {found: 'true'}},
            el('strong', {}, t('receipt.counted')), el('div', {class: 'muted'}, t('receipt.countedHelp')));
    }
    const ballot = answer.ballot || {};
    const names = new Map(receipt.candidates || []);
    const kept = Array.isArray(ballot.kept)
        ? ballot.kept.map(k => (typeof k === 'object' && k ? k.fullName || k.candidateId : names.get(k) || k)) : null;
    return el('div', {class: 'message ok', dataset: {found: 'true'}},
        el('strong', {}, t('receipt.found')),
        ballot.valid === false ? el('div', {}, t('receipt.invalidBallot')) : null,
        ballot.valid === true ? el('div', {}, t('receipt.validBallot')) : null,
        kept ? el('div', {}, t('receipt.kept', {names: kept.length ? kept.join(', ') : t('ballot.nobodyKept')})) : null);
}

// ---- start ------------------------------------------------------------------------------------------------------

async function start() {
    await loadMessages();
    wireLanguageSwitch();
    onLanguageChange(() => render(true));
    $('sign-in-form').addEventListener('submit', event => {
        event.preventDefault();
        signIn($('card-code').value);
    });
    $('sign-out').addEventListener('click', signOut);
    window.addEventListener('online', () => refresh());

    // The QR code on the card opens /vote/?code=...: sign in at once, then drop the code from the address bar.
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    if (code) {
        params.delete('code');
        history.replaceState(null, '', location.pathname + (params.toString() ? `?${params}` : ''));
        if (!session.token) {
            $('card-code').value = code;
            $('sign-in').hidden = false;
            await signIn(code);
            return;
        }
    }
    if (session.token) {
        await enter();
    } else {
        showSignIn(null);
    }
}

start();
