// Calls to the two services: the command-service (same origin, bearer token) and the public query-service.
// A refusal arrives as an RFC 9457 problem; it becomes an ApiError whose message a person can read.

import {t, has} from './i18n.js';

/** A refused or failed call: status 0 means the network (or the service) did not answer. */
export class ApiError extends Error {
    constructor(status, problem, retryAfter) {
        super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
        this.retryAfter = retryAfter || null; // seconds to wait, from a 429's Retry-After
        this.status = status;
        this.code = problem ? problem.code : undefined;
        this.detail = problem ? problem.detail : undefined;
        this.problem = problem || {};
    }
}

// The query-service's address: as the command-service is configured (congress.pages.query-base), else the same host
// on port 8082. Never taken from the page's address: a crafted link could point a phone at another server's lists.
const QUERY_BASE = await fetch('/pages-config.json', {cache: 'no-store'})
    .then(response => (response.ok ? response.json() : {}))
    .catch(() => ({}))
    .then(config => (config.queryBase || `${location.protocol}//${location.hostname}:8082`).replace(/\/$/, ''));

/** The query-service's address; pages on the command-service read public live data from it. */
export function queryBase() {
    return QUERY_BASE;
}

/** A session kept in this tab only (sessionStorage): the token never goes into a cookie. */
export class Session {
    constructor(scope) {
        this.key = `cv.session.${scope}`;
    }

    get() {
        try {
            return JSON.parse(sessionStorage.getItem(this.key));
        } catch (e) {
            return null;
        }
    }

    set(session) {
        sessionStorage.setItem(this.key, JSON.stringify(session));
    }

    clear() {
        sessionStorage.removeItem(this.key);
    }

    get token() {
        const s = this.get();
        return s ? s.token : null;
    }
}

/**
 * Calls the command-service. Options: method, json (a body sent as JSON), body + contentType (raw), token,
 * accept ('json' (default), 'blob' or 'text'). Resolves with the parsed answer (null for 204).
 */
export async function call(path, options = {}) {
    return request(path, options);
}

/** A GET of the public query-service. */
export async function query(path) {
    return request(queryBase() + path, {});
}

async function request(url, {method = 'GET', json, body, contentType, token, accept = 'json'}) {
    const headers = {};
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(json);
    } else if (contentType) {
        headers['Content-Type'] = contentType;
    }
    let response;
    try {
        response = await fetch(url, {method, headers, body, cache: 'no-store'});
    } catch (networkFailure) {
        throw new ApiError(0, null);
    }
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch (notJson) {
            problem = null;
        }
        const wait = Number.parseInt(response.headers.get('Retry-After'), 10);
        throw new ApiError(response.status, problem, Number.isFinite(wait) && wait > 0 ? wait : null);
    }
    if (response.status === 204) {
        return null;
    }
    if (accept === 'blob') {
        return response.blob();
    }
    if (accept === 'text') {
        return response.text();
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** A sentence for a person: the message of the problem's code in the reader's language, else the server's. */
export function describe(error) {
    if (!(error instanceof ApiError)) {
        console.error(error); // a defect of the page, not a refusal: keep it for whoever opens the console
        return t('error.unexpected');
    }
    if (error.status === 0) {
        return t('error.network');
    }
    if (error.code && has(`error.${error.code}`)) {
        return withFigures(error) || t(`error.${error.code}`);
    }
    if (error.status === 401) {
        return t('error.UNAUTHENTICATED');
    }
    if (error.status === 403) {
        return t('error.FORBIDDEN');
    }
    if (error.detail) {
        return error.detail;
    }
    return t('error.status', {status: error.status});
}

/** A refusal whose problem carries figures says them: a list too long, a surplus over 30 % of the seats. */
function withFigures(error) {
    const p = error.problem || {};
    if (error.code === 'LIST_TOO_LONG' && Number.isFinite(p.listed)) {
        return t('error.LIST_TOO_LONG.list', p);
    }
    if (error.code === 'LIST_TOO_LONG' && Number.isFinite(p.maxSurplus)) {
        return t('error.LIST_TOO_LONG.surplus', p);
    }
    return null;
}

/** A random id for a request that may be sent again after a network failure. */
export function newRequestId() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context (https or localhost); the hall may serve plain http by address.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Shortcut for document.getElementById. */
export function $(id) {
    return document.getElementById(id);
}

/** Creates an element with attributes, properties and children; strings become text nodes (never HTML). */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name === 'class') {
            node.className = value;
        } else if (name === 'text') {
            node.textContent = value;
        } else if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (value === true) {
            node.setAttribute(name, '');
        } else {
            node.setAttribute(name, value);
        }
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}
