// The evaluated plan in the panel: summary, closure-time slider, diversions, gaps and
// suggested sites.

import { t } from './i18n.js';
import { closureFilter, featureBounds, L } from './map.js';
import { state } from './state.js';
import { $, dl, fmtDateTime, fmtDistance, fmtDuration, fmtNumber, fmtTime, h } from './ui.js';

const MINUTE = 60_000;

/** Renders every part of the plan view from state.plan. */
export function renderPlanView() {
  const has = Boolean(state.plan);
  $('plan-results').hidden = !has;
  renderSummary();
  renderTime();
  renderDiversions();
  renderGaps();
  renderSuggestions();
}

function renderSummary() {
  const box = $('summary');
  const s = state.plan?.summary;
  if (!s) {
    box.replaceChildren();
    return;
  }
  const row = (key, label, value) => [label, h('span', { dataset: { key } }, value)];
  box.replaceChildren(dl([
    row('distance', t('summary.distance'), fmtDistance(s.distance_m)),
    row('duration', t('summary.duration'), fmtDuration(s.duration_s)),
    row('departure', t('summary.departure'), fmtDateTime(s.departure)),
    row('arrival', t('summary.arrival'), fmtDateTime(s.arrival)),
    row('diversion_points', t('summary.diversionPoints'), fmtNumber(s.diversion_points ?? 0)),
    row('need_officer', t('summary.needOfficer'), fmtNumber(s.need_officer ?? 0)),
    row('worst_added', t('summary.worstAdded'), fmtDuration(s.worst_added_s ?? 0)),
    row('closed_km', t('summary.closedKm'), t('unit.km', { n: fmtNumber(s.closed_km ?? 0, 2) })),
    row('closure_minutes', t('summary.closureMinutes'), t('unit.min', { n: fmtNumber(s.closure_minutes ?? 0) })),
    row('covered', t('summary.covered'), `${fmtNumber((s.covered_fraction ?? 0) * 100, 1)} %`),
    row('gaps', t('summary.gaps'), fmtNumber(s.gaps ?? 0)),
    row('suggestions', t('summary.suggestions'), fmtNumber(s.suggestions ?? 0)),
  ]));
}

// --- the closure-time slider ------------------------------------------------------------

/** Sets the slider's range from the earliest close to the latest reopen of the plan. */
export function setupTimeSlider() {
  const features = state.plan?.layers.closures.features ?? [];
  const input = $('time');
  if (!features.length) {
    state.closureRange = null;
    state.timeMs = null;
    applyClosureFilter();
    return;
  }
  const min = Math.min(...features.map((f) => f.properties.close_ms));
  const max = Math.max(...features.map((f) => f.properties.reopen_ms ?? f.properties.close_ms));
  state.closureRange = { min, max };
  input.min = '0';
  input.max = String(Math.max(1, Math.ceil((max - min) / MINUTE)));
  input.step = '1';
  const departure = Date.parse(state.plan.summary?.departure);
  const start = Number.isNaN(departure) ? min : Math.min(Math.max(departure, min), max);
  input.value = String(Math.round((start - min) / MINUTE));
  setTimeFromSlider();
}

/** Reads the slider into state.timeMs and filters plan-closures. */
export function setTimeFromSlider() {
  const range = state.closureRange;
  if (!range) return;
  state.timeMs = Math.min(range.min + Number($('time').value) * MINUTE, range.max);
  applyClosureFilter();
  renderTime();
}

function applyClosureFilter() {
  const map = state.map;
  if (map?.getLayer(L.closures)) map.setFilter(L.closures, closureFilter(state.timeMs));
}

/** The closures closed at ms: close <= ms < reopen. */
export function closedAt(ms) {
  const features = state.plan?.layers.closures.features ?? [];
  return features.filter((f) => f.properties.close_ms <= ms && ms < f.properties.reopen_ms);
}

function renderTime() {
  const section = $('time-section');
  const range = state.closureRange;
  section.hidden = !range;
  if (!range) return;
  $('time-label').textContent = fmtTime(state.timeMs);
  $('time-min').textContent = fmtTime(range.min);
  $('time-max').textContent = fmtTime(range.max);
  const closed = closedAt(state.timeMs);
  const km = closed.reduce((sum, f) => sum + (f.properties.length_m ?? 0), 0) / 1000;
  const count = $('closed-count');
  count.dataset.count = String(closed.length);
  count.textContent = closed.length ? t('time.closed', { n: closed.length, km: fmtNumber(km, 2) }) : t('time.closedNone');
  const names = [...new Set(closed.map((f) => f.properties.name || t('diversions.unnamed')))];
  $('closed-names').textContent = names.join(', ');
}

// --- lists ------------------------------------------------------------------------------

function flyTo(coordinates) {
  state.map.flyTo({ center: coordinates, zoom: Math.max(state.map.getZoom(), 16) });
}

function fitFeature(feature) {
  const b = featureBounds({ features: [feature] });
  if (b) state.map.fitBounds(b, { padding: 80, maxZoom: 17 });
}

function renderList(id, features, empty, item) {
  const list = $(id);
  if (!features.length) {
    list.replaceChildren(h('li', { class: 'muted' }, empty));
    return;
  }
  list.replaceChildren(...features.map(item));
}

function renderDiversions() {
  const features = state.plan?.layers.diversions.features ?? [];
  $('diversions-count').textContent = state.plan ? `(${features.length})` : '';
  renderList('diversions', features, t('diversions.none'), (f) => {
    const p = f.properties;
    const sides = (p.side_streets ?? []).filter(Boolean).join(', ');
    return h('li', { dataset: { officer: String(Boolean(p.needs_officer)) } },
      h('button', { type: 'button', class: 'row-button', onclick: () => flyTo(f.geometry.coordinates) },
        h('span', { class: `dot ${p.needs_officer ? 'officer' : 'plain'}` }),
        h('span', { class: 'grow' },
          h('span', { class: 'name' }, p.route_street || t('diversions.unnamed')),
          sides ? h('span', { class: 'kind' }, sides) : null,
          p.needs_officer ? h('span', { class: 'badge warn' }, t('diversions.officer')) : null),
        h('span', { class: 'distance' }, `${fmtTime(p.close)}–${fmtTime(p.reopen)}`)));
  });
}

function renderGaps() {
  const features = state.plan?.layers.gaps.features ?? [];
  $('gaps-count').textContent = state.plan ? `(${features.length})` : '';
  renderList('gaps', features, t('gaps.none'), (f) => {
    const p = f.properties;
    return h('li', {},
      h('button', { type: 'button', class: 'row-button', onclick: () => fitFeature(f) },
        h('span', { class: 'swatch line dashed', style: { color: '#ff8c00' } }),
        h('span', { class: 'grow' }, t('gaps.row', { len: fmtDistance(p.length_m), enter: fmtTime(p.enter), leave: fmtTime(p.leave) }))));
  });
}

function renderSuggestions() {
  const features = state.plan?.layers.suggestions.features ?? [];
  $('suggestions-section').hidden = !features.length;
  renderList('suggestions', features, '', (f) => {
    const p = f.properties;
    return h('li', {},
      h('button', { type: 'button', class: 'row-button', onclick: () => flyTo(f.geometry.coordinates) },
        h('span', { class: 'dot suggestion' }),
        h('span', { class: 'grow' }, t('suggestions.row', { rank: p.rank, gain: fmtDistance(p.gain_m) }))));
  });
}
