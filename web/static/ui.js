// DOM helpers, the error banner and number and time formatting.

import { lang, t } from './i18n.js';
import { state } from './state.js';

const DEFAULT_TZ = 'Asia/Ho_Chi_Minh';

/** document.getElementById. */
export const $ = (id) => document.getElementById(id);

/**
 * Creates an element: h('li', {class: 'x', dataset: {id: 1}, onclick: fn}, 'text', child).
 * Attributes starting with "on" become listeners; null and false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'class') el.className = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Shows an error (an Error, ApiError or text) in #error. Aborted requests are ignored. */
export function showError(err) {
  if (err?.name === 'AbortError') return;
  const box = $('error');
  const msg = typeof err === 'string' ? err : (err?.message || String(err));
  $('error-message').textContent = err?.status ? `${msg} (${err.status})` : msg;
  box.hidden = false;
}

export function clearError() {
  $('error').hidden = true;
  $('error-message').textContent = '';
}

function locale() {
  return lang() === 'vi' ? 'vi-VN' : 'en-GB';
}

export function timeZone() {
  return state.city?.timezone || DEFAULT_TZ;
}

/** A number in the interface's language with at most digits decimals. */
export function fmtNumber(n, digits = 0) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

/** Metres as "850 m" or "12,3 km". */
export function fmtDistance(m) {
  if (m == null || Number.isNaN(m)) return '–';
  if (Math.abs(m) < 1000) return t('unit.m', { n: fmtNumber(Math.round(m)) });
  return t('unit.km', { n: fmtNumber(m / 1000, m < 10000 ? 2 : 1) });
}

/** Seconds as "45 s", "2,5 min" or "1 h 5 min". */
export function fmtDuration(s) {
  if (s == null || Number.isNaN(s)) return '–';
  if (s < 60) return t('unit.s', { n: fmtNumber(Math.round(s)) });
  const min = s / 60;
  if (min < 60) return t('unit.min', { n: fmtNumber(min, min < 10 ? 1 : 0) });
  const whole = Math.round(min);
  return t('unit.hmin', { h: Math.floor(whole / 60), m: whole % 60 });
}

function parts(value) {
  const d = new Date(value ?? NaN);
  if (Number.isNaN(d.getTime())) return null;
  const opts = { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let fmt;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: timeZone() });
  } catch {
    fmt = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: DEFAULT_TZ });
  }
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

/** An RFC 3339 time or epoch ms as HH:MM in the city's time zone. */
export function fmtTime(value) {
  const p = parts(value);
  return p ? `${p.hour}:${p.minute}` : '–';
}

/** An RFC 3339 time or epoch ms as "14:05 25/11" in the city's time zone. */
export function fmtDateTime(value) {
  const p = parts(value);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}` : '–';
}

/** Degrees to five decimals. */
export function fmtCoord(x) {
  return Number(x).toFixed(5);
}

/** A definition list from [label, value] rows. */
export function dl(rows, attrs = {}) {
  return h('dl', attrs, rows.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The translated name of a venue or checkpoint feature. */
export function featureName(props) {
  if (lang() === 'en' && props?.name_en) return props.name_en;
  return props?.name || props?.id || '';
}
