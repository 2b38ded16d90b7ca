// Nearest checkpoints of a clicked point (straight or by road), the lines to them, and the
// service areas of a checkpoint.

import { getNearest, getServiceArea } from './api.js';
import { t } from './i18n.js';
import { showLayer } from './legend.js';
import { CHECKPOINT_COLOURS, EMPTY, SRC, setData } from './map.js';
import { state } from './state.js';
import { $, clearError, fmtCoord, fmtDistance, fmtDuration, fmtNumber, h, showError } from './ui.js';

const K = 5;

/** Finds the checkpoints nearest to lngLat ([lon, lat]) and shows them. */
export async function findNearest(at) {
  const seq = ++state.nearestSeq;
  const byRoad = $('by-road').checked;
  state.nearest = { at, byRoad, features: null };
  setData(state.map, SRC.nearest, pointOnly(at));
  renderNearest();
  try {
    const fc = await getNearest(state.city.id, at, { k: K, byRoad });
    if (seq !== state.nearestSeq) return;
    clearError();
    state.nearest = { at, byRoad, features: fc.features ?? [] };
    setData(state.map, SRC.nearest, nearestLines(at, state.nearest.features));
  } catch (err) {
    if (seq !== state.nearestSeq) return;
    state.nearest = null;
    setData(state.map, SRC.nearest, EMPTY);
    showError(err);
  }
  renderNearest();
}

/** Asks again for the last point (after the "by road" toggle changed). */
export function refreshNearest() {
  if (state.nearest) findNearest(state.nearest.at);
}

export function clearNearest() {
  state.nearestSeq++;
  state.nearest = null;
  setData(state.map, SRC.nearest, EMPTY);
  renderNearest();
}

function pointOnly(at) {
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: {} }] };
}

/** The clicked point and a line from it to each checkpoint. */
function nearestLines(at, features) {
  const lines = features.map((f, i) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [at, f.geometry.coordinates] },
    properties: { rank: i + 1, id: f.id ?? '', kind: f.properties.kind, distance_m: f.properties.distance_m },
  }));
  return { type: 'FeatureCollection', features: [...lines, ...pointOnly(at).features] };
}

/** Renders #nearest from state.nearest. */
export function renderNearest() {
  const list = $('nearest');
  const info = $('nearest-at');
  const n = state.nearest;
  $('nearest-clear').hidden = !n;
  if (!n) {
    info.textContent = t('nearest.hint');
    list.replaceChildren();
    return;
  }
  info.textContent = t('nearest.at', { lat: fmtCoord(n.at[1]), lon: fmtCoord(n.at[0]) });
  if (!n.features) {
    list.replaceChildren(h('li', { class: 'muted' }, t('nearest.loading')));
    return;
  }
  if (!n.features.length) {
    list.replaceChildren(h('li', { class: 'muted' }, t('nearest.none')));
    return;
  }
  list.replaceChildren(...n.features.map((f) => nearestItem(f, n.byRoad)));
}

function nearestItem(f, byRoad) {
  const p = f.properties;
  const distance = byRoad && p.duration_s != null
    ? `${fmtDuration(p.duration_s)} · ${fmtDistance(p.road_distance_m)}`
    : fmtDistance(p.distance_m);
  return h('li', { dataset: { id: f.id ?? '', kind: p.kind } },
    h('button', { type: 'button', class: 'row-button', onclick: () => flyToCheckpoint(f) },
      h('span', { class: 'dot', style: { background: CHECKPOINT_COLOURS[p.kind] ?? '#000' } }),
      h('span', { class: 'grow' },
        h('span', { class: 'name' }, p.name || f.id),
        h('span', { class: 'kind' }, t(`kind.${p.kind}`)),
        p.within_radius ? h('span', { class: 'badge ok' }, t('nearest.within')) : null),
      h('span', { class: 'distance', dataset: { testid: 'nearest-distance' } }, distance)));
}

function flyToCheckpoint(f) {
  state.map.flyTo({ center: f.geometry.coordinates, zoom: Math.max(state.map.getZoom(), 15) });
}

/** Draws the 2, 5 and 10 minute service areas of a checkpoint. */
export async function showServiceArea(id, name) {
  try {
    const fc = await getServiceArea(state.city.id, id, [2, 5, 10]);
    clearError();
    fc.features = [...(fc.features ?? [])].sort((a, b) => b.properties.minutes - a.properties.minutes);
    state.serviceArea = { id, name, features: fc.features };
    setData(state.map, SRC.serviceArea, fc);
    showLayer('serviceArea');
  } catch (err) {
    showError(err);
  }
  renderServiceArea();
}

export function clearServiceArea() {
  state.serviceArea = null;
  setData(state.map, SRC.serviceArea, EMPTY);
  renderServiceArea();
}

/** Renders #service-area-info from state.serviceArea. */
export function renderServiceArea() {
  const box = $('service-area-info');
  const sa = state.serviceArea;
  box.hidden = !sa;
  if (!sa) {
    box.replaceChildren();
    return;
  }
  const rows = [...sa.features].reverse().map((f) =>
    h('li', {}, t('serviceArea.row', { min: fmtNumber(f.properties.minutes, 1), km: fmtNumber(f.properties.road_km, 1) })));
  box.replaceChildren(
    h('strong', {}, t('serviceArea.title', { name: sa.name || sa.id })),
    h('ul', {}, rows),
    h('button', { type: 'button', class: 'link', onclick: clearServiceArea }, t('serviceArea.clear')));
}
