// The projector in the hall: attendance and quorum, the motion under vote with its live turnout, and at the close the
// result with a chart, the base and the threshold. Fed by server-sent events; recovers by itself after a restart.

import {loadMessages, t, wireLanguageSwitch, onLanguageChange, formatNumber} from '/assets/i18n.js';

const params = new URLSearchParams(location.search);
const congressId = params.get('congress') || 'cantho-7';
const pinnedMotion = params.get('motion');
const MANY_CANDIDATES = 8; // more than this: the names in columns, not a bar chart
const WATCHDOG_MILLIS = 40000; // the stream sends a named heartbeat event every 15 s

let attendance = null;
const motions = new Map();     // motionId -> tally, in creation order
const elections = new Map();   // electionId -> election with its rounds (turnout while open, result once closed)
// [{kind, id}] of the votes whose opening or close this screen saw, the latest last; kept across a reload
const TOUCHED_KEY = `cv.dashboard.touched.${congressId}`;
let touched = readTouched();

function readTouched() {
    try {
        const list = JSON.parse(sessionStorage.getItem(TOUCHED_KEY) || '[]');
        return Array.isArray(list) ? list : [];
    } catch (e) {
        return [];
    }
}

function touch(kind, id) {
    touched = touched.filter(ref => !(ref.kind === kind && ref.id === id)).concat([{kind, id}]).slice(-50);
    sessionStorage.setItem(TOUCHED_KEY, JSON.stringify(touched));
}
let source = null;
let lastMessageAt = 0;
let reconnectTimer = null;
let connected = false;
let loaded = false; // motions and elections read at least once

const $ = id => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

function div(className, text) {
    const node = document.createElement('div');
    node.className = className;
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

// ---- the data ---------------------------------------------------------------------------------------------------

async function getJson(path) {
    const response = await fetch(path, {cache: 'no-store'});
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch (e) {
            problem = null;
        }
        const error = new Error(problem && problem.detail ? problem.detail : `HTTP ${response.status}`);
        error.status = response.status;
        error.code = problem && problem.code;
        throw error;
    }
    return response.json();
}

/** The whole state again: on start and after every reconnect (events may have been missed meanwhile). */
async function refetch() {
    try {
        const [a, list] = await Promise.all([
            getJson(`/api/congresses/${encodeURIComponent(congressId)}/attendance`),
            getJson(`/api/congresses/${encodeURIComponent(congressId)}/motions`)]);
        attendance = a;
        list.forEach(tally => applyTally(tally));
        showProblem(null);
        try {
            (await getJson(`/api/congresses/${encodeURIComponent(congressId)}/elections`)).forEach(applyElection);
        } catch (noElections) {
            // an older query-service without the elections view: motions only
        }
        loaded = true;
    } catch (error) {
        showProblem(error.status === 404 ? t('dash.unknownCongress', {id: congressId})
            : error.code === 'READ_MODEL_UNAVAILABLE' ? t('dash.readModelDown') : t('dash.serverDown'));
    }
    render();
}

function applyTally(tally) {
    const before = motions.get(tally.motionId);
    if ((before && before.status !== tally.status) || (!before && tally.status === 'OPEN')) {
        touch('MOTION', tally.motionId);
    }
    motions.set(tally.motionId, tally);
}

function lastRound(election) {
    return election.rounds && election.rounds.length ? election.rounds[election.rounds.length - 1] : null;
}

function applyElection(election) {
    const before = elections.get(election.electionId);
    const was = before && lastRound(before);
    const now = lastRound(election);
    const changed = was && now && (was.round !== now.round || was.status !== now.status);
    if (changed || (!was && now && now.status === 'OPEN')) {
        touch('ROUND', election.electionId);
    }
    // a name put forward or withdrawn, a decision of the congress, the list approved: the hall sees the list
    if (before && listPhase(election) && listShape(before) !== listShape(election)) {
        touch('LIST', election.electionId);
    }
    elections.set(election.electionId, election);
}

/** An election whose candidate list is being made: nominations, then the approved list, until its first round. */
function listPhase(election) {
    const n = election && election.nominations;
    return Boolean(n && n.procedure !== 'LIST_GIVEN' && (!election.rounds || election.rounds.length === 0));
}

function listShape(election) {
    const n = election.nominations || {};
    return JSON.stringify([(n.nominees || []).map(x => [x.candidateId, x.withdrawn]),
        (n.proposals || []).filter(p => p.outcome !== 'PENDING').length, n.approvedList]);
}

function connect() {
    clearTimeout(reconnectTimer);
    if (source) {
        source.close();
    }
    source = new EventSource(`/api/congresses/${encodeURIComponent(congressId)}/live`);
    source.addEventListener('open', () => {
        lastMessageAt = Date.now();
        setConnected(true);
        refetch();
    });
    source.addEventListener('attendance', event => {
        lastMessageAt = Date.now();
        attendance = JSON.parse(event.data);
        showProblem(null);
        render();
    });
    source.addEventListener('tally', event => {
        lastMessageAt = Date.now();
        applyTally(JSON.parse(event.data));
        render();
    });
    source.addEventListener('heartbeat', () => {
        lastMessageAt = Date.now();
    });
    source.addEventListener('election', event => {
        lastMessageAt = Date.now();
        applyElection(JSON.parse(event.data));
        render();
    });
    source.addEventListener('error', () => {
        setConnected(false);
        // A refused stream (404 before the congress is projected, 503) is not retried by the browser: we do.
        if (source.readyState === EventSource.CLOSED) {
            reconnectTimer = setTimeout(connect, 2000);
        }
    });
}

/** A stream that went silent (no heartbeat) is replaced: some proxies keep a dead connection open. */
function watchdog() {
    if (connected && Date.now() - lastMessageAt > WATCHDOG_MILLIS) {
        connect();
    }
}

function setConnected(value) {
    connected = value;
    const indicator = $('connection');
    indicator.textContent = t(value ? 'dash.live' : 'dash.reconnecting');
    indicator.className = `connection ${value ? 'on' : 'off'}`;
}

function showProblem(text) {
    $('problem').hidden = !text;
    $('problem').textContent = text || '';
}

// ---- what to show -----------------------------------------------------------------------------------------------

/**
 * What the hall should see: a pinned motion; else the latest vote this screen saw open or close; else any open vote,
 * a round first; else the last result, a motion's or a round's. Asked only once motions and elections are both
 * loaded, so that a vote whose view is still on its way is not replaced by an older one for a moment.
 */
function currentItem() {
    if (pinnedMotion && motions.has(pinnedMotion)) {
        return {kind: 'MOTION', value: motions.get(pinnedMotion)};
    }
    const item = ref => (ref.kind === 'MOTION' ? {kind: 'MOTION', value: motions.get(ref.id)}
        : {kind: ref.kind, value: elections.get(ref.id)});
    const statusOf = it => (it.kind === 'MOTION' ? it.value.status
        : it.kind === 'LIST' ? (listPhase(it.value) ? 'OPEN' : null) : (lastRound(it.value) || {}).status);
    for (let i = touched.length - 1; i >= 0; i--) {
        const it = item(touched[i]);
        if (it.value && ['OPEN', 'CLOSED'].includes(statusOf(it))) {
            return it;
        }
    }
    const openRound = [...elections.values()].find(e => (lastRound(e) || {}).status === 'OPEN');
    if (openRound) {
        return {kind: 'ROUND', value: openRound};
    }
    const openMotions = [...motions.values()].filter(m => m.status === 'OPEN');
    if (openMotions.length) {
        return {kind: 'MOTION', value: openMotions[openMotions.length - 1]};
    }
    const making = [...elections.values()].filter(listPhase);
    if (making.length) {
        return {kind: 'LIST', value: making[making.length - 1]};
    }
    const closed = [...motions.values()].filter(m => m.status === 'CLOSED');
    if (closed.length) {
        return {kind: 'MOTION', value: closed[closed.length - 1]};
    }
    const closedRounds = [...elections.values()].filter(e => (lastRound(e) || {}).status === 'CLOSED');
    return closedRounds.length ? {kind: 'ROUND', value: closedRounds[closedRounds.length - 1]} : null;
}

function render() {
    $('congress-name').textContent = attendance ? attendance.name : t('dash.loading');
    $('present').textContent = attendance ? formatNumber(attendance.present) : '–';
    $('summoned').textContent = attendance ? formatNumber(attendance.summoned) : '–';
    const quorum = $('quorum');
    if (attendance) {
        quorum.textContent = t(attendance.quorumMet ? 'dash.quorumMet' : 'dash.quorumNotMet');
        quorum.className = `quorum ${attendance.quorumMet ? 'met' : 'not-met'}`;
        $('quorum-line').textContent = t('dash.quorumLine', {required: formatNumber(attendance.quorumRequired)});
    }
    if (!loaded) {
        return;
    }
    document.querySelector('main.dash').classList.remove('wide');
    const current = currentItem();
    const body = $('current-body');
    if (!current) {
        $('current-kind').textContent = '';
        $('current-title').textContent = t('dash.noMotion');
        body.replaceChildren();
        return;
    }
    if (current.kind === 'ROUND') {
        renderRound(current.value, body);
        return;
    }
    if (current.kind === 'LIST') {
        renderList(current.value, body);
        return;
    }
    const motion = current.value;
    delete $('current').dataset.election;
    $('current').dataset.motion = motion.motionId;
    $('current').dataset.status = motion.status;
    $('current-title').textContent = motion.title;
    if (motion.status === 'OPEN') {
        $('current-kind').textContent = t('dash.voting');
        body.replaceChildren(turnout(motion));
    } else if (motion.status === 'CLOSED') {
        $('current-kind').textContent = t('dash.closed');
        body.replaceChildren(...result(motion));
    } else {
        $('current-kind').textContent = t('dash.notOpenYet');
        body.replaceChildren();
    }
}

function renderRound(election, body) {
    const round = lastRound(election);
    delete $('current').dataset.motion;
    $('current').dataset.election = election.electionId;
    $('current').dataset.status = round.status;
    $('current-title').textContent = t('dash.roundTitle', {title: election.title, round: round.round});
    if (round.status === 'OPEN') {
        $('current-kind').textContent = t('dash.secretBallot');
        body.replaceChildren(turnout({voted: round.turnout}, 'dash.ballotsReturned', 'dash.secretTurnoutOnly'));
        return;
    }
    if (round.status !== 'CLOSED' || !round.result) {
        $('current-kind').textContent = t('dash.notOpenYet');
        body.replaceChildren();
        return;
    }
    const r = round.result;
    $('current-kind').textContent = t('dash.roundResult');
    const rows = r.results.map(c => [c.alternateRank ? `${c.fullName} (${t('dash.alternateMark', {rank: c.alternateRank})})`
        : c.fullName, c.votes, c.elected ? 'ELECTED' : c.alternateRank ? 'ALTERNATE' : 'NOT_ELECTED']);
    const many = rows.length > MANY_CANDIDATES;
    // the names need the width: attendance keeps a narrow column beside them
    document.querySelector('main.dash').classList.toggle('wide', many);
    const electedNames = r.results.filter(c => c.elected).map(c => c.fullName);
    body.replaceChildren(...[
        many ? candidateGrid(r) : chart(rows, r.threshold),
        baseLine(r),
        r.electorateTitle ? div('figure-label body-present', t('dash.bodyPresent', {present: formatNumber(r.present),
            summoned: formatNumber(r.summoned)})) : null,
        div('figure-label', t('dash.ballotCount', {issued: formatNumber(r.issued), returned: formatNumber(r.returned),
            valid: formatNumber(r.valid), invalid: formatNumber(r.invalid)})),
        div('figure-label elected-line', !electedNames.length ? t('dash.noneElected')
            : many ? t('dash.electedCount', {count: formatNumber(electedNames.length)})
                : t('dash.electedLine', {names: electedNames.join(', ')})),
        (r.alternates || []).length ? div('figure-label alternates-line', t('dash.alternatesLine', {
            names: r.alternates.map(a => `${a.rank}. ${a.fullName}`).join(', ')})) : null,
        r.tiedForLastSeat && r.tiedForLastSeat.length ? div('figure-label tie-line', r.tiedAtPosition && r.alternateSeats
            ? t('dash.tieAt', {position: r.tiedAtPosition}) : t('dash.tie')) : div('figure-label', '')].filter(Boolean));
}

/** The base the count applied: the congress's delegates, or a body's own members (a plenum's round). */
function baseLine(r) {
    const base = r.base || 'SUMMONED';
    const figures = {base: formatNumber(r.baseCount), threshold: formatNumber(r.threshold), body: r.electorateTitle};
    return div('rule-line', r.electorateTitle && base !== 'VALID_BALLOTS' ? t(`dash.bodyBaseLine.${base}`, figures)
        : t(`dash.baseLine.${base}`, figures));
}

/**
 * An election's list in the making: the names put forward (or, once approved, the list in the ballot's order), the
 * seats and surplus the congress decided, and each decision taken by show of hands with its count and base.
 */
function renderList(election, body) {
    const n = election.nominations;
    const approved = n.approvedList;
    delete $('current').dataset.motion;
    $('current').dataset.election = election.electionId;
    $('current').dataset.status = approved ? 'LIST_APPROVED' : 'NOMINATIONS';
    $('current-kind').textContent = t(approved ? 'dash.listApproved' : 'dash.nominations');
    $('current-title').textContent = election.title;
    const names = approved || n.nominees.filter(x => !x.withdrawn);
    document.querySelector('main.dash').classList.toggle('wide', names.length > MANY_CANDIDATES);
    const nameOf = id => (n.nominees.find(x => x.candidateId === id) || {}).fullName || id;
    const decisions = div('decisions');
    n.proposals.forEach(p => {
        const line = div(`decision ${p.outcome.toLowerCase()}`);
        line.dataset.motion = p.motionId;
        line.dataset.outcome = p.outcome;
        const tally = motions.get(p.motionId);
        const r = tally && tally.result;
        line.append(div('decision-what', t(`dash.proposal.${p.kind}`, {seats: p.seats, surplus: p.surplus,
            name: nameOf(p.candidateId), count: (p.candidates || []).length, round: p.round,
            names: (p.candidates || []).map(c => c.fullName).join(', ')})),
        div(`decision-outcome ${p.outcome.toLowerCase()}`, t(`dash.outcome.${p.outcome}`)),
        r ? div('decision-count', t(`dash.decisionCount.${r.base || 'SUMMONED'}`, {agree: formatNumber(r.agree),
            base: formatNumber(r.baseCount), threshold: formatNumber(r.threshold)})) : div('decision-count', ''));
        decisions.append(line);
    });
    body.replaceChildren(
        div('rule-line seats-line', n.seatsDecided ? t('dash.seatsLine', {seats: formatNumber(election.seats),
            surplus: formatNumber(n.surplus), most: formatNumber(election.seats + (election.alternateSeats || 0) + n.surplus)}) : t('dash.seatsNotDecided')),
        div('figure-label', t(approved ? 'dash.approvedCount' : 'dash.nomineeCount', {count: formatNumber(names.length)})),
        nameGrid(names),
        decisions);
}

/** Names in the ballot's (or the nominations') order, in columns when there are many. */
function nameGrid(names) {
    const columns = names.length > 24 ? 3 : names.length > MANY_CANDIDATES ? 2 : 1;
    const grid = div(`candidate-grid names columns-${columns}`);
    grid.style.gridTemplateRows = `repeat(${Math.max(1, Math.ceil(names.length / columns))}, auto)`;
    names.forEach((c, i) => {
        const cell = div('cand');
        cell.dataset.candidate = c.candidateId;
        cell.append(div('cand-rank', String(i + 1)), div('cand-name', c.fullName));
        cell.title = c.fullName;
        grid.append(cell);
    });
    return grid;
}

/**
 * A round with many candidates (37 for a committee is usual): every name on one 1920x1080 screen in columns, in the
 * count's order, the votes beside each name, the elected marked ✓ on green; a bar chart would shrink its labels to a
 * few pixels.
 */
function candidateGrid(r) {
    const columns = r.results.length > 24 ? 3 : 2;
    const grid = div(`candidate-grid columns-${columns}`);
    grid.style.gridTemplateRows = `repeat(${Math.ceil(r.results.length / columns)}, auto)`;
    const top = Math.max(1, ...r.results.map(c => c.votes));
    r.results.forEach((c, i) => {
        const cell = div(`cand ${c.elected ? 'elected' : c.alternateRank ? 'alternate' : ''}`);
        cell.dataset.candidate = c.candidateId;
        cell.append(div('cand-rank', String(i + 1)), div('cand-name', c.fullName),
            div('cand-votes', formatNumber(c.votes)), div('cand-mark', c.elected ? '✓'
                : c.alternateRank ? t('dash.alternateMark', {rank: c.alternateRank}) : ''));
        const bar = div('cand-bar');
        bar.style.width = `${(100 * c.votes) / top}%`;
        cell.append(bar);
        cell.title = c.fullName;
        grid.append(cell);
    });
    return grid;
}

function turnout(motion, labelKey = 'dash.turnoutLabel', noteKey = 'dash.countsAtClose') {
    const present = attendance ? attendance.present : 0;
    const box = div('turnout');
    box.append(div('turnout-figure', ''), div('figure-label', t(labelKey)));
    box.firstChild.append(
        Object.assign(document.createElement('span'), {id: 'turnout', textContent: formatNumber(motion.voted)}),
        Object.assign(document.createElement('span'), {className: 'of', textContent: ` / ${formatNumber(present)}`}));
    const bar = div('turnout-bar');
    const fill = div('turnout-fill');
    fill.style.width = `${present ? Math.min(100, (100 * motion.voted) / present) : 0}%`;
    bar.append(fill);
    box.append(bar, div('figure-label', t(noteKey)));
    return box;
}

/** The result: the chart, and beside it the outcome with the base and threshold the domain applied at the close. */
function result(motion) {
    const parts = [];
    const r = motion.result || (Number.isFinite(motion.threshold) ? motion : null);
    if (r && typeof r.adopted === 'boolean') {
        parts.push(div(`outcome ${r.adopted ? 'adopted' : 'rejected'}`, t(r.adopted ? 'dash.adopted' : 'dash.rejected')));
    }
    const rows = ['AGREE', 'DISAGREE', 'ABSTAIN'].map(choice => [t(`choice.${choice}`),
        motion[choice.toLowerCase()], choice]);
    parts.push(chart(rows, r ? r.threshold : null));
    if (r) {
        const base = r.base || (motion.rule && motion.rule.base) || 'SUMMONED';
        // a body's own show of hands (a plenum) counts its members, not the congress's delegates
        const line = motion.electorateTitle && base !== 'VALID_BALLOTS' ? `dash.bodyBaseLine.${base}`
            : `dash.baseLine.${base}`;
        parts.push(div('rule-line', t(line, {base: formatNumber(r.baseCount), body: motion.electorateTitle,
            threshold: formatNumber(r.threshold)})));
    } else {
        parts.push(div('rule-line muted', t('dash.ruleUnavailable')));
    }
    parts.push(div('figure-label', t('dash.votedLine', {voted: formatNumber(motion.voted)})));
    return parts;
}

/** Horizontal bars drawn as SVG by us: rows of [label, count, style], and the threshold as a dashed line. */
function chart(rows, threshold) {
    const scale = Math.max(1, threshold || 0, ...rows.map(r => r[1]));
    const width = 1400;
    const labelWidth = 460;
    const barArea = width - labelWidth - 160;
    const rowHeight = rows.length > 5 ? 64 : 110;
    const barHeight = rowHeight - 34;
    const height = rows.length * rowHeight + 50;
    const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
        'aria-label': rows.map(([label, n]) => `${label}: ${n}`).join(', ')});
    rows.forEach(([label, count, style], i) => {
        const y = 10 + i * rowHeight;
        const length = Math.max((barArea * count) / scale, 4);
        root.append(
            svg('text', {x: labelWidth - 20, y: y + barHeight / 2 + 22, 'text-anchor': 'end',
                class: rows.length > 5 ? 'chart-label small' : 'chart-label'}, label),
            svg('rect', {x: labelWidth, y: y + 10, width: length, height: barHeight, rx: 8, class: `bar bar-${style}`}),
            svg('text', {x: labelWidth + length + 18, y: y + barHeight / 2 + 24,
                class: rows.length > 5 ? 'chart-value small' : 'chart-value', 'data-row': String(i)}, formatNumber(count)));
    });
    if (threshold) {
        const x = labelWidth + (barArea * threshold) / scale;
        root.append(svg('line', {x1: x, x2: x, y1: 4, y2: height - 40, class: 'threshold-line'}),
            svg('text', {x: x + 8, y: height - 8, class: 'threshold-label'}, t('dash.thresholdMark',
                {threshold: formatNumber(threshold)})));
    }
    return root;
}

// ---- start ------------------------------------------------------------------------------------------------------

/** The newest signed tree head of the log, for the hall to see (and photograph) as it grows. */
async function showLogHead() {
    try {
        const response = await fetch('/api/log/head');
        if (response.status !== 200) {
            return;
        }
        const head = await response.json();
        $('log-head').hidden = false;
        $('log-head').dataset.size = String(head.size);
        $('log-head').textContent = t('dash.logHead', {size: formatNumber(head.size), root: head.rootHash,
            keyId: head.keyId, signedAt: new Date(head.signedAt).toLocaleTimeString()});
    } catch (e) {
        // the head is an extra: the dashboard works without it
    }
}

async function start() {
    await loadMessages();
    wireLanguageSwitch();
    onLanguageChange(() => {
        setConnected(connected);
        render();
    });
    setConnected(false);
    render();
    await refetch();
    connect();
    setInterval(watchdog, 5000);
    showLogHead();
    setInterval(showLogHead, 30000);
}

start();
