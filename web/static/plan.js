// Planning a motorcade: the stops, the form, evaluating the plan and drawing its layers.

import { evaluatePlan, getVenues } from './api.js';
import { lang, t } from './i18n.js';
import { showLayer } from './legend.js';
import { EMPTY, featureBounds, L, PLAN_LAYER_NAMES, PLAN_SOURCES, setData } from './map.js';
import { renderPlanView, setupTimeSlider } from './planview.js';
import { state } from './state.js';
import { $, clearError, fmtCoord, fmtTime, h, showError } from './ui.js';

const VN_OFFSET = '+07:00';

// --- venues and stops -------------------------------------------------------------------

/** Loads the city's venues for the stop picker. */
export async function loadVenues() {
  const cityId = state.city.id;
  state.venues = [];
  renderVenueSelect();
  try {
    const fc = await getVenues(cityId);
    if (state.city?.id !== cityId) return;
    state.venues = (fc.features ?? []).map((f) => ({ ...f, id: f.id ?? f.properties?.id }));
  } catch (err) {
    showError(err);
  }
  renderVenueSelect();
  renderStops();
}

function venueById(id) {
  return state.venues.find((v) => v.id === id);
}

function venueLabel(v) {
  const p = v.properties ?? {};
  return (lang() === 'en' && p.name_en) || p.name || v.id;
}

/** Fills #venue-select with the venues, grouped by kind. */
export function renderVenueSelect() {
  const select = $('venue-select');
  const chosen = select.value;
  const byKind = new Map();
  const sorted = [...state.venues].sort((a, b) => venueLabel(a).localeCompare(venueLabel(b), lang()));
  for (const v of sorted) {
    const kind = v.properties?.kind ?? '';
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(h('option', { value: v.id }, venueLabel(v)));
  }
  const groups = [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, options]) => h('optgroup', { label: kind ? t(`venue.${kind}`) : '—' }, options));
  select.replaceChildren(h('option', { value: '' }, t('plan.venue.choose')), ...groups);
  select.value = venueById(chosen) ? chosen : '';
}

/** Adds a stop: {venue: id} or {at: [lon, lat]}. */
export function addStop(stop) {
  state.stops.push({ venue: stop.venue, at: stop.at, dwell: stop.dwell ?? 0 });
  renderStops();
}

function addChosenVenue() {
  const id = $('venue-select').value;
  if (id) addStop({ venue: id });
}

function moveStop(i, delta) {
  const j = i + delta;
  if (j < 0 || j >= state.stops.length) return;
  [state.stops[i], state.stops[j]] = [state.stops[j], state.stops[i]];
  renderStops();
}

function removeStop(i) {
  state.stops.splice(i, 1);
  renderStops();
}

function stopName(stop) {
  if (stop.venue) {
    const v = venueById(stop.venue);
    return v ? venueLabel(v) : stop.venue;
  }
  return t('plan.point', { lat: fmtCoord(stop.at[1]), lon: fmtCoord(stop.at[0]) });
}

function stopsKey(stops) {
  return JSON.stringify(stops.map((s) => [s.venue ?? s.at, s.dwell]));
}

/** The ETA of stop i from the evaluated plan, when the stops have not changed since. */
function stopETA(i) {
  const plan = state.plan;
  if (!plan || plan.stopsKey !== stopsKey(state.stops)) return null;
  const f = plan.layers.stops?.features?.find((x) => x.properties?.index === i);
  return f ? fmtTime(f.properties.eta) : null;
}

/** Renders ol#stops from state.stops. */
export function renderStops() {
  const list = $('stops');
  if (!state.stops.length) {
    list.replaceChildren(h('li', { class: 'muted empty' }, t('plan.stops.empty')));
    return;
  }
  list.replaceChildren(...state.stops.map(stopItem));
}

function stopItem(stop, i) {
  const eta = stopETA(i);
  const last = i === state.stops.length - 1;
  return h('li', { class: 'stop', dataset: { index: i, testid: 'stop' } },
    h('span', { class: 'stop-index' }, i + 1),
    h('span', { class: 'grow' },
      h('span', { class: 'name' }, stopName(stop)),
      eta ? h('span', { class: 'kind' }, t('plan.eta', { time: eta })) : null),
    h('label', { class: 'dwell', title: t('plan.dwell') },
      h('span', { class: 'sr-only' }, t('plan.dwell')),
      h('input', { type: 'number', min: '0', step: '1', value: String(stop.dwell), class: 'dwell-input',
        'aria-label': t('plan.dwell'), dataset: { testid: 'stop-dwell' },
        onchange: (e) => { stop.dwell = Math.max(0, Number(e.target.value) || 0); } })),
    h('span', { class: 'stop-actions' },
      iconButton('↑', t('plan.up'), () => moveStop(i, -1), i === 0),
      iconButton('↓', t('plan.down'), () => moveStop(i, 1), last),
      iconButton('×', t('plan.remove'), () => removeStop(i), false)));
}

function iconButton(text, label, onclick, disabled) {
  return h('button', { type: 'button', class: 'icon', title: label, 'aria-label': label, disabled, onclick }, text);
}

// --- picking a stop on the map -----------------------------------------------------------

export function setPicking(on) {
  state.picking = on;
  document.body.classList.toggle('picking', on);
  $('pick-hint').hidden = !on;
  const button = $('pick-stop');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = t(on ? 'plan.pick.cancel' : 'plan.pick');
}

/** Handles a map click while picking: the stop is the venue clicked, or the point. */
export function pickStop(lngLat, venueId) {
  addStop(venueId ? { venue: venueId } : { at: [round6(lngLat.lng), round6(lngLat.lat)] });
  setPicking(false);
}

function round6(x) {
  return Math.round(x * 1e6) / 1e6;
}

// --- the request ------------------------------------------------------------------------

/** Today's next whole hour in Vietnam as a datetime-local value. */
function defaultDeparture() {
  const d = new Date(Date.now() + 3600_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:00`;
}

/** A datetime-local value read as Vietnam time, in RFC 3339. */
export function departureRFC3339(value) {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value ?? '');
  return m ? `${m[1]}${m[2] ?? ':00'}${VN_OFFSET}` : '';
}

function numberField(id) {
  const v = $(id).value.trim();
  return v === '' ? undefined : Number(v);
}

/** The plans/evaluate body from the form, or throws a message for the user. */
export function buildRequest() {
  if (state.stops.length < 2) throw new Error(t('plan.needStops'));
  const departure = departureRFC3339($('departure').value);
  if (!departure) throw new Error(t('plan.needDeparture'));
  const coverage = { by: $('coverage-by').value };
  const minutes = numberField('coverage-minutes');
  if (coverage.by === 'road' && minutes > 0) coverage.minutes = minutes;
  const suggest = numberField('suggest');
  if (suggest != null) coverage.suggest = suggest;
  return {
    name: $('plan-name').value.trim(),
    departure,
    stops: state.stops.map((s) => (s.venue ? { venue: s.venue, dwell_min: s.dwell } : { at: s.at, dwell_min: s.dwell })),
    profile: $('profile').value,
    speed_kmh: numberField('speed') ?? 0,
    lead_min: numberField('lead'),
    lag_min: numberField('lag'),
    coverage,
  };
}

// --- evaluating and drawing -------------------------------------------------------------

/** Evaluates the plan in the form and draws it. */
export async function evaluate() {
  if (state.evaluating) return;
  let body;
  try {
    body = buildRequest();
  } catch (err) {
    showError(err.message);
    return;
  }
  const cityId = state.city.id;
  setEvaluating(true);
  delete document.body.dataset.planDrawn;
  try {
    const res = await evaluatePlan(cityId, body);
    if (state.city?.id !== cityId) return;
    clearError();
    drawPlan(preparePlan(res, body));
  } catch (err) {
    showError(err);
  } finally {
    setEvaluating(false);
  }
}

function setEvaluating(on) {
  state.evaluating = on;
  const button = $('evaluate');
  button.disabled = on;
  button.setAttribute('aria-busy', String(on));
  button.textContent = t(on ? 'plan.evaluating' : 'plan.evaluate');
}

const ms = (iso) => {
  const n = Date.parse(iso);
  return Number.isNaN(n) ? null : n;
};

/** Adds close_ms and reopen_ms to the closures and remembers which stops the plan had. */
function preparePlan(res, request) {
  const layers = {};
  for (const name of Object.values(PLAN_LAYER_NAMES)) layers[name] = res.layers?.[name] ?? EMPTY;
  const closures = layers.closures.features.map((f) => ({
    ...f, properties: { ...f.properties, close_ms: ms(f.properties.close), reopen_ms: ms(f.properties.reopen) },
  }));
  layers.closures = { type: 'FeatureCollection', features: closures.filter((f) => f.properties.close_ms != null) };
  return { ...res, layers, request, stopsKey: stopsKey(state.stops) };
}

function drawPlan(plan) {
  state.plan = plan;
  const map = state.map;
  setupTimeSlider();
  for (const src of PLAN_SOURCES) setData(map, src, plan.layers[PLAN_LAYER_NAMES[src]]);
  showLayer('route');
  const bounds = featureBounds(plan.layers.route);
  if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 16, duration: 600 });
  renderPlanView();
  renderStops();
  // The summary is what the planner looks for next.
  $('plan-results').scrollIntoView({ block: 'start', behavior: 'smooth' });
  map.once('idle', () => {
    if (state.plan === plan && map.getLayer(L.route)) document.body.dataset.planDrawn = '1';
  });
}

/** Removes the plan from the map and the panel. */
export function clearPlan() {
  state.plan = null;
  state.closureRange = null;
  state.timeMs = null;
  delete document.body.dataset.planDrawn;
  for (const src of PLAN_SOURCES) setData(state.map, src, EMPTY);
  setupTimeSlider();
  renderPlanView();
  renderStops();
}

/** Forgets the stops and the plan (on a city switch). */
export function resetPlan() {
  state.stops = [];
  setPicking(false);
  clearPlan();
}

/** Wires the plan form. */
export function initPlanForm() {
  $('departure').value = defaultDeparture();
  $('add-venue-stop').addEventListener('click', addChosenVenue);
  $('venue-select').addEventListener('dblclick', addChosenVenue);
  $('pick-stop').addEventListener('click', () => setPicking(!state.picking));
  $('coverage-by').addEventListener('change', syncCoverageMinutes);
  $('plan-form').addEventListener('submit', (e) => {
    e.preventDefault();
    evaluate();
  });
  $('clear-plan').addEventListener('click', () => {
    clearError();
    clearPlan();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.picking) setPicking(false);
  });
  syncCoverageMinutes();
  renderStops();
}

function syncCoverageMinutes() {
  $('coverage-minutes').disabled = $('coverage-by').value !== 'road';
}

/** Re-renders the plan's texts after a language change. */
export function renderPlan() {
  renderVenueSelect();
  renderStops();
  setPicking(state.picking);
  setEvaluating(state.evaluating);
  renderPlanView();
}
