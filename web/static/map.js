// The map: layer ids and colours, the overlay sources and layers the page adds on top of the
// city's style (re-added after every style load), layer visibility and attribution.

import { signRequest } from './auth.js';
import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import { state } from './state.js';
import { lang } from './i18n.js';

export { maplibregl };

/** The font of the style's labels; the server serves only its glyphs. */
export const FONT = ['DejaVu Sans Book'];

export const CHECKPOINT_COLOURS = {
  traffic_post: '#d7191c',
  security_post: '#2c7bb6',
  camera: '#636363',
  fire_rescue: '#f46d43',
  medical: '#1a9641',
};
export const VENUE_COLOUR = '#7b3294';

/** Layers of the city's style. */
export const STYLE = {
  background: 'background',
  areas: 'areas',
  areaLabels: 'area-labels',
  roadCasing: 'road-casing',
  roads: 'roads',
  roadLabels: 'road-labels',
  venues: 'venues',
  venueLabels: 'venue-labels',
  checkpoints: 'checkpoints',
};

/** Layers and sources the page adds. */
export const L = {
  nearest: 'nearest-lines',
  nearestPoint: 'nearest-point',
  serviceArea: 'service-area',
  serviceAreaOutline: 'service-area-outline',
  coverage: 'plan-coverage',
  route: 'plan-route',
  closures: 'plan-closures',
  gaps: 'plan-gaps',
  detours: 'plan-detours',
  diversions: 'plan-diversions',
  suggestions: 'plan-suggestions',
  stops: 'plan-stops',
  stopLabels: 'plan-stop-labels',
};

export const SRC = {
  nearest: 'nearest-lines',
  serviceArea: 'service-area',
  coverage: 'plan-coverage',
  route: 'plan-route',
  closures: 'plan-closures',
  gaps: 'plan-gaps',
  detours: 'plan-detours',
  diversions: 'plan-diversions',
  suggestions: 'plan-suggestions',
  stops: 'plan-stops',
};

export const PLAN_SOURCES = [SRC.coverage, SRC.route, SRC.closures, SRC.gaps, SRC.detours, SRC.diversions,
  SRC.suggestions, SRC.stops];

/** The plan's layer names in the API's "layers" object, by source id. */
export const PLAN_LAYER_NAMES = {
  [SRC.coverage]: 'coverage',
  [SRC.route]: 'route',
  [SRC.closures]: 'closures',
  [SRC.gaps]: 'gaps',
  [SRC.detours]: 'detours',
  [SRC.diversions]: 'diversions',
  [SRC.suggestions]: 'suggestions',
  [SRC.stops]: 'stops',
};

export const COLOURS = {
  coverage: '#1a9641',
  route: '#1f5fbf',
  closures: '#d7191c',
  gaps: '#ff8c00',
  detours: '#8e44ad',
  diversionOfficer: '#d7191c',
  diversion: '#333333',
  suggestion: '#ffd400',
  stop: '#1f5fbf',
  nearest: '#222222',
  serviceArea: ['#1a9641', '#fdae61', '#d7191c'],
};

/** The layer toggles of the legend: key (i18n "layer.KEY"), the layers, and a swatch. */
export const TOGGLES = [
  { key: 'areas', layers: [STYLE.areas, STYLE.areaLabels], swatch: { fill: '#aad3df' } },
  { key: 'roads', layers: [STYLE.roadCasing, STYLE.roads], swatch: { line: '#fcd6a4' } },
  { key: 'roadLabels', layers: [STYLE.roadLabels], swatch: { text: 'Aa' } },
  { key: 'venues', layers: [STYLE.venues, STYLE.venueLabels], swatch: { circle: VENUE_COLOUR } },
  { key: 'checkpoints', layers: [STYLE.checkpoints], swatch: { kinds: true } },
  { key: 'nearest', layers: [L.nearest, L.nearestPoint], swatch: { line: COLOURS.nearest, dashed: true } },
  { key: 'serviceArea', layers: [L.serviceArea, L.serviceAreaOutline], swatch: { fill: COLOURS.serviceArea[0] } },
  { key: 'coverage', layers: [L.coverage], swatch: { fill: COLOURS.coverage }, plan: true },
  { key: 'route', layers: [L.route], swatch: { line: COLOURS.route, thick: true }, plan: true },
  { key: 'closures', layers: [L.closures], swatch: { line: COLOURS.closures, thick: true }, plan: true },
  { key: 'gaps', layers: [L.gaps], swatch: { line: COLOURS.gaps, dashed: true }, plan: true },
  { key: 'detours', layers: [L.detours], swatch: { line: COLOURS.detours }, plan: true },
  { key: 'diversions', layers: [L.diversions], swatch: { circle: COLOURS.diversionOfficer, circle2: COLOURS.diversion }, plan: true },
  { key: 'suggestions', layers: [L.suggestions], swatch: { circle: COLOURS.suggestion }, plan: true },
  { key: 'stops', layers: [L.stops, L.stopLabels], swatch: { circle: COLOURS.stop }, plan: true },
];

/** Layers whose features open a popup when clicked, most specific first. */
export const CLICKABLE = [L.stops, L.diversions, L.suggestions, STYLE.checkpoints, STYLE.venues, L.gaps, L.closures];

export const EMPTY = Object.freeze({ type: 'FeatureCollection', features: [] });

const isLine = ['==', ['geometry-type'], 'LineString'];
const isPoint = ['==', ['geometry-type'], 'Point'];

/** The overlay layers in drawing order; fills go under the roads. */
function overlayLayers() {
  return [
    { below: STYLE.roadCasing, layer: { id: L.serviceArea, type: 'fill', source: SRC.serviceArea,
      layout: { 'fill-sort-key': ['-', 0, ['to-number', ['get', 'minutes'], 0]] },
      paint: { 'fill-color': serviceAreaColour(), 'fill-opacity': 0.22 } } },
    { below: STYLE.roadCasing, layer: { id: L.coverage, type: 'fill', source: SRC.coverage,
      paint: { 'fill-color': COLOURS.coverage, 'fill-opacity': 0.25 } } },
    { layer: { id: L.serviceAreaOutline, type: 'line', source: SRC.serviceArea,
      paint: { 'line-color': serviceAreaColour(), 'line-width': 1.2, 'line-opacity': 0.8 } } },
    { layer: { id: L.route, type: 'line', source: SRC.route, layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLOURS.route, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 10], 'line-opacity': 0.85 } } },
    { layer: { id: L.detours, type: 'line', source: SRC.detours, layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLOURS.detours, 'line-width': 1.5, 'line-opacity': 0.6 } } },
    { layer: { id: L.closures, type: 'line', source: SRC.closures, filter: closureFilter(state.timeMs),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLOURS.closures, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2.5, 16, 6] } } },
    { layer: { id: L.gaps, type: 'line', source: SRC.gaps,
      paint: { 'line-color': COLOURS.gaps, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 6], 'line-dasharray': [1.5, 1] } } },
    { layer: { id: L.nearest, type: 'line', source: SRC.nearest, filter: isLine,
      paint: { 'line-color': COLOURS.nearest, 'line-width': 1.8, 'line-dasharray': [2, 1.5] } } },
    { layer: { id: L.nearestPoint, type: 'circle', source: SRC.nearest, filter: isPoint,
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': COLOURS.nearest, 'circle-stroke-width': 2 } } },
    { layer: { id: L.diversions, type: 'circle', source: SRC.diversions,
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 4, 16, 8],
        'circle-color': ['case', ['to-boolean', ['get', 'needs_officer']], COLOURS.diversionOfficer, COLOURS.diversion],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } } },
    { layer: { id: L.suggestions, type: 'circle', source: SRC.suggestions,
      paint: { 'circle-radius': 8, 'circle-color': COLOURS.suggestion, 'circle-stroke-color': '#8a6d00', 'circle-stroke-width': 2.5 } } },
    { layer: { id: L.stops, type: 'circle', source: SRC.stops,
      paint: { 'circle-radius': 10, 'circle-color': COLOURS.stop, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } } },
    { layer: { id: L.stopLabels, type: 'symbol', source: SRC.stops,
      layout: { 'text-field': ['to-string', ['+', ['to-number', ['get', 'index'], 0], 1]], 'text-font': FONT,
        'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff' } } },
  ];
}

function serviceAreaColour() {
  const [a, b, c] = COLOURS.serviceArea;
  return ['interpolate', ['linear'], ['to-number', ['get', 'minutes'], 0], 2, a, 5, b, 10, c];
}

/** The filter of plan-closures: stretches closed at ms (close_ms <= ms < reopen_ms). */
export function closureFilter(ms) {
  if (ms == null) return ['==', ['literal', 1], 0];
  return ['all', ['<=', ['get', 'close_ms'], ms], ['>', ['get', 'reopen_ms'], ms]];
}

/** Adds the overlay sources (with the data in state) and layers; runs on every 'style.load'. */
export function installOverlays(map) {
  for (const id of Object.values(SRC)) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: state.data[id] ?? EMPTY });
  }
  for (const { layer, below } of overlayLayers()) {
    if (map.getLayer(layer.id)) continue;
    map.addLayer(layer, below && map.getLayer(below) ? below : undefined);
  }
  applyVisibility(map);
  applyLabelLanguage(map);
}

/** Sets an overlay source's data, remembering it for style reloads. */
export function setData(map, sourceId, data) {
  state.data[sourceId] = data ?? EMPTY;
  map?.getSource(sourceId)?.setData(state.data[sourceId]);
}

/** Shows or hides the layers of every toggle as state.hidden says. */
export function applyVisibility(map) {
  for (const toggle of TOGGLES) {
    const visibility = state.hidden.has(toggle.key) ? 'none' : 'visible';
    for (const id of toggle.layers) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility);
    }
  }
}

/** Venue and area labels in the interface's language where they have an English name. */
export function applyLabelLanguage(map) {
  const field = lang() === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name'];
  for (const id of [STYLE.venueLabels, STYLE.areaLabels]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', field);
  }
}

/** The rendered features of the clickable layers within a few pixels of point. */
export function featuresAt(map, point, pad = 5) {
  const layers = CLICKABLE.filter((id) => map.getLayer(id));
  if (!layers.length) return [];
  const box = [[point.x - pad, point.y - pad], [point.x + pad, point.y + pad]];
  return map.queryRenderedFeatures(box, { layers });
}

/** Shows the city's attribution (the style's tiles carry it too; duplicates are merged). */
export function setAttribution(map, text) {
  if (state.attribution) map.removeControl(state.attribution);
  state.attribution = new maplibregl.AttributionControl({ compact: false, customAttribution: text || undefined });
  map.addControl(state.attribution, 'bottom-right');
}

/** Bounds of [minLon, minLat, maxLon, maxLat]. */
export function bboxBounds(bbox) {
  return [[bbox[0], bbox[1]], [bbox[2], bbox[3]]];
}

/** The bounds of every coordinate of a FeatureCollection, or null when it has none. */
export function featureBounds(fc) {
  let b = null;
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b = b ? [[Math.min(b[0][0], c[0]), Math.min(b[0][1], c[1])], [Math.max(b[1][0], c[0]), Math.max(b[1][1], c[1])]]
        : [[c[0], c[1]], [c[0], c[1]]];
    } else c.forEach(visit);
  };
  for (const f of fc?.features ?? []) if (f.geometry?.coordinates) visit(f.geometry.coordinates);
  return b;
}

/** Creates the map with the city's style, fitted to its bbox. */
export function createMap(container, city, styleURL) {
  maplibregl.setWorkerUrl(new URL('/vendor/maplibre-gl/maplibre-gl-worker.mjs', location.href).href);
  const map = new maplibregl.Map({
    container,
    style: styleURL,
    bounds: bboxBounds(city.bbox),
    fitBoundsOptions: { padding: 20 },
    attributionControl: false,
    transformRequest: signRequest,
    maxPitch: 0,
    dragRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  setAttribution(map, city.attribution);
  return map;
}
