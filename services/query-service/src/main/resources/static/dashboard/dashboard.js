// The projector in the hall: attendance and quorum, the motion under vote with its live turnout, and at the close the
// result with a chart, the base and the threshold. Fed by server-sent events; recovers by itself after a restart.

import {loadMessages, t, wireLanguageSwitch, onLanguageChange, formatNumber} from '/assets/i18n.js';

const params = new URLSearchParams(location.search);
const congressId = params.get('congress') || 'cantho-7';
const pinnedMotion = params.get('motion');
const WATCHDOG_MILLIS = 40000; // the stream sends a heartbeat every 15 s

let attendance = null;
const motions = new Map();     // motionId -> tally, in creation order
let lastClosed = null;         // the motion whose close this screen saw last
let source = null;
let lastMessageAt = 0;
let reconnectTimer = null;
let connected = false;

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
    } catch (error) {
        showProblem(error.status === 404 ? t('dash.unknownCongress', {id: congressId})
            : error.code === 'READ_MODEL_UNAVAILABLE' ? t('dash.readModelDown') : t('dash.serverDown'));
    }
    render();
}

function applyTally(tally) {
    const before = motions.get(tally.motionId);
    if (before && before.status === 'OPEN' && tally.status === 'CLOSED') {
        lastClosed = tally.motionId;
    }
    motions.set(tally.motionId, tally);
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

function currentMotion() {
    const list = [...motions.values()];
    if (pinnedMotion && motions.has(pinnedMotion)) {
        return motions.get(pinnedMotion);
    }
    const open = list.filter(m => m.status === 'OPEN');
    if (open.length) {
        return open[open.length - 1];
    }
    if (lastClosed && motions.has(lastClosed)) {
        return motions.get(lastClosed);
    }
    const closed = list.filter(m => m.status === 'CLOSED');
    return closed.length ? closed[closed.length - 1] : null;
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
    const motion = currentMotion();
    const body = $('current-body');
    if (!motion) {
        $('current-kind').textContent = '';
        $('current-title').textContent = t('dash.noMotion');
        body.replaceChildren();
        return;
    }
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

function turnout(motion) {
    const present = attendance ? attendance.present : 0;
    const box = div('turnout');
    box.append(div('turnout-figure', ''), div('figure-label', t('dash.turnoutLabel')));
    box.firstChild.append(
        Object.assign(document.createElement('span'), {id: 'turnout', textContent: formatNumber(motion.voted)}),
        Object.assign(document.createElement('span'), {className: 'of', textContent: ` / ${formatNumber(present)}`}));
    const bar = div('turnout-bar');
    const fill = div('turnout-fill');
    fill.style.width = `${present ? Math.min(100, (100 * motion.voted) / present) : 0}%`;
    bar.append(fill);
    box.append(bar, div('figure-label', t('dash.countsAtClose')));
    return box;
}

/** The result: the chart, and beside it the outcome with the base and threshold the domain applied. */
function result(motion) {
    const parts = [];
    const hasRule = Number.isFinite(motion.threshold) && Number.isFinite(motion.baseCount);
    if (typeof motion.adopted === 'boolean') {
        parts.push(div(`outcome ${motion.adopted ? 'adopted' : 'rejected'}`,
            t(motion.adopted ? 'dash.adopted' : 'dash.rejected')));
    }
    parts.push(chart(motion, hasRule ? motion.threshold : null));
    if (hasRule) {
        const base = motion.rule && motion.rule.base ? motion.rule.base : 'SUMMONED';
        parts.push(div('rule-line', t(`dash.baseLine.${base}`, {base: formatNumber(motion.baseCount),
            threshold: formatNumber(motion.threshold)})));
    } else {
        parts.push(div('rule-line muted', t('dash.ruleUnavailable')));
    }
    parts.push(div('figure-label', t('dash.votedLine', {voted: formatNumber(motion.voted)})));
    return parts;
}

function chart(motion, threshold) {
    const rows = [['AGREE', motion.agree], ['DISAGREE', motion.disagree], ['ABSTAIN', motion.abstain]];
    const scale = Math.max(1, motion.voted, threshold || 0, ...rows.map(r => r[1]));
    const width = 1400;
    const labelWidth = 420;
    const barArea = width - labelWidth - 160;
    const rowHeight = 110;
    const height = rows.length * rowHeight + 40;
    const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
        'aria-label': rows.map(([c, n]) => `${t(`choice.${c}`)}: ${n}`).join(', ')});
    rows.forEach(([choice, count], i) => {
        const y = 20 + i * rowHeight;
        const length = (barArea * count) / scale;
        root.append(
            svg('text', {x: labelWidth - 20, y: y + 62, 'text-anchor': 'end', class: 'chart-label'}, t(`choice.${choice}`)),
            svg('rect', {x: labelWidth, y: y + 10, width: Math.max(length, 4), height: 76, rx: 8, class: `bar bar-${choice}`}),
            svg('text', {x: labelWidth + Math.max(length, 4) + 18, y: y + 64, class: 'chart-value',
                'data-choice': choice}, formatNumber(count)));
    });
    if (threshold) {
        const x = labelWidth + (barArea * threshold) / scale;
        root.append(svg('line', {x1: x, x2: x, y1: 8, y2: height - 8, class: 'threshold-line'}),
            svg('text', {x: x + 8, y: height - 6, class: 'threshold-label'}, t('dash.thresholdMark',
                {threshold: formatNumber(threshold)})));
    }
    return root;
}

// ---- start ------------------------------------------------------------------------------------------------------

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
}

start();
