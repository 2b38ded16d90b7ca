// chot's browser map: loads the cities, builds the map and wires the panel.
// Modules: map.js (layers), legend.js, nearest.js, search.js, plan.js and planview.js
// (motorcade plans), popups.js, api.js, ui.js, i18n.js and state.js (the one mutable state).

import { takeTokenFromAddress } from './auth.js';
import { addAt, initEdit } from './edit.js';
import { getCities, styleURL } from './api.js';
import { applyI18n, lang, setLang, t } from './i18n.js';
import { renderLegend } from './legend.js';
import { applyLabelLanguage, bboxBounds, CLICKABLE, createMap, featuresAt, installOverlays, setAttribution, STYLE } from './map.js';
import { clearNearest, clearServiceArea, findNearest, refreshNearest, renderNearest, renderServiceArea } from './nearest.js';
import { initPlanForm, loadVenues, pickStop, renderPlan, resetPlan } from './plan.js';
import { setTimeFromSlider } from './planview.js';
import { closePopup, openFeaturePopup } from './popups.js';
import { clearSearch, initSearch, renderResults } from './search.js';
import { state } from './state.js';
import { $, clearError, h, showError } from './ui.js';

/** Exposes the map to automated tests: window.chot.map. */
function exposeForTests() {
  window.chot = { get map() { return state.map; } };
}

async function main() {
  takeTokenFromAddress();
  exposeForTests();
  initPanel();
  const cities = await loadCities();
  if (!cities) return;
  const city = initialCity(cities);
  state.city = city;
  renderCitySelect();
  const map = createMap('map', city, styleURL(city.id));
  state.map = map;
  map.on('style.load', () => installOverlays(map));
  map.on('click', onMapClick);
  map.on('mousemove', onMouseMove);
  map.on('error', onMapError);
  whenFirstIdle(map);
  loadVenues();
  initEdit();
}

function initPanel() {
  applyI18n();
  $('lang-toggle').addEventListener('click', toggleLanguage);
  $('error-dismiss').addEventListener('click', clearError);
  $('panel-toggle').addEventListener('click', togglePanel);
  $('city').addEventListener('change', (e) => switchCity(e.target.value));
  $('by-road').addEventListener('change', refreshNearest);
  $('nearest-clear').addEventListener('click', clearNearest);
  $('time').addEventListener('input', setTimeFromSlider);
  renderLegend();
  initSearch();
  initPlanForm();
  renderNearest();
  renderServiceArea();
  renderPlan();
}

async function loadCities() {
  try {
    const cities = await getCities();
    if (!cities.length) throw new Error(t('error.noCities'));
    state.cities = cities;
    return cities;
  } catch (err) {
    showError(err);
    $('city').replaceChildren();
    return null;
  }
}

/** The city named by ?city= in the address, else the first. */
function initialCity(cities) {
  const wanted = new URLSearchParams(location.search).get('city');
  return cities.find((c) => c.id === wanted) ?? cities[0];
}

function cityName(c) {
  return (lang() === 'en' && c.name_en) || c.name || c.id;
}

function renderCitySelect() {
  const select = $('city');
  select.replaceChildren(...state.cities.map((c) => h('option', { value: c.id }, cityName(c))));
  if (state.city) select.value = state.city.id;
}

/** Marks the body ready once the map is first idle with its tiles drawn. */
function whenFirstIdle(map) {
  const onIdle = () => {
    if (!map.isStyleLoaded() || !map.areTilesLoaded()) return;
    map.off('idle', onIdle);
    document.body.dataset.ready = '1';
  };
  map.on('idle', onIdle);
}

/** Shows another city: its style, bounds, attribution and venues; forgets the last city's work. */
function switchCity(id) {
  const city = state.cities.find((c) => c.id === id);
  if (!city || city === state.city) return;
  const map = state.map;
  state.city = city;
  closePopup();
  clearError();
  clearNearest();
  clearServiceArea();
  clearSearch();
  resetPlan();
  state.data = {};
  map.setStyle(styleURL(city.id), { diff: false });
  map.fitBounds(bboxBounds(city.bbox), { padding: 20, duration: 0 });
  setAttribution(map, city.attribution);
  const url = new URL(location.href);
  url.searchParams.set('city', city.id);
  history.replaceState(null, '', url);
  loadVenues();
}

/** The clicked features, most specific layer first. */
function clickedFeatures(point) {
  const order = (f) => CLICKABLE.indexOf(f.layer.id);
  return featuresAt(state.map, point).sort((a, b) => order(a) - order(b));
}

function onMapClick(e) {
  const features = clickedFeatures(e.point);
  if (state.adding) {
    addAt(e.lngLat);
    return;
  }
  if (state.picking) {
    const venue = features.find((f) => f.layer.id === STYLE.venues);
    const id = venue?.properties?.id ?? venue?.id;
    pickStop(e.lngLat, id != null ? String(id) : undefined);
    return;
  }
  if (features.length && openFeaturePopup(features[0], e.lngLat)) return;
  closePopup();
  findNearest([e.lngLat.lng, e.lngLat.lat]);
}

function onMouseMove(e) {
  const canvas = state.map.getCanvas();
  if (state.picking) canvas.style.cursor = 'crosshair';
  else canvas.style.cursor = featuresAt(state.map, e.point, 3).length ? 'pointer' : '';
}

function onMapError(e) {
  const err = e?.error;
  if (err?.name === 'AbortError') return;
  const message = err?.message || String(err ?? 'unknown');
  console.warn('map:', message);
  showError(t('error.map', { message }));
}

function toggleLanguage() {
  setLang(lang() === 'vi' ? 'en' : 'vi');
  applyI18n();
  renderCitySelect();
  renderLegend();
  renderNearest();
  renderServiceArea();
  renderResults();
  renderPlan();
  // Not gated on isStyleLoaded(): that is false while tiles load, and the switch was lost;
  // a style still loading gets the language when it is installed.
  if (state.map) applyLabelLanguage(state.map);
}

function togglePanel() {
  const collapsed = document.body.classList.toggle('panel-collapsed');
  $('panel-toggle').setAttribute('aria-expanded', String(!collapsed));
  state.map?.resize();
}

main().catch((err) => {
  showError(err);
  console.error(err);
});
