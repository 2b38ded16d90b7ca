// Venue search: results as you type; a result flies the map to the venue or adds it as a stop.

import { searchVenues } from './api.js';
import { t } from './i18n.js';
import { addStop } from './plan.js';
import { state } from './state.js';
import { $, clearError, featureName, h, showError } from './ui.js';

const DEBOUNCE_MS = 250;

/** Wires #search and #search-results. */
export function initSearch() {
  const input = $('search');
  input.addEventListener('input', () => {
    clearTimeout(state.searchTimer);
    state.searchTimer = setTimeout(runSearch, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(state.searchTimer);
      const first = state.searchResults[0];
      if (first && state.searchQuery === input.value.trim()) flyToVenue(first);
      else runSearch().then(() => state.searchResults[0] && flyToVenue(state.searchResults[0]));
    } else if (e.key === 'Escape') {
      clearSearch();
    }
  });
}

/** Empties the box and the results (e.g. on a city switch). */
export function clearSearch() {
  state.searchAbort?.abort();
  $('search').value = '';
  state.searchQuery = '';
  state.searchResults = [];
  renderResults();
}

async function runSearch() {
  const q = $('search').value.trim();
  state.searchAbort?.abort();
  if (!q) {
    state.searchQuery = '';
    state.searchResults = [];
    renderResults();
    return;
  }
  const abort = new AbortController();
  state.searchAbort = abort;
  try {
    const fc = await searchVenues(state.city.id, q, { limit: 10, signal: abort.signal });
    clearError();
    state.searchQuery = q;
    state.searchResults = (fc.features ?? []).map((f) => ({ ...f, id: f.id ?? f.properties?.id }));
  } catch (err) {
    if (err.name === 'AbortError') return;
    state.searchResults = [];
    showError(err);
  }
  renderResults();
}

/** Renders #search-results from state.searchResults. */
export function renderResults() {
  const list = $('search-results');
  if (!state.searchQuery) {
    list.replaceChildren();
    return;
  }
  if (!state.searchResults.length) {
    list.replaceChildren(h('li', { class: 'muted' }, t('search.none')));
    return;
  }
  list.replaceChildren(...state.searchResults.map(resultItem));
}

function resultItem(f) {
  const p = f.properties ?? {};
  const other = featureName(p) === p.name ? p.name_en : p.name;
  return h('li', { dataset: { id: f.id ?? '' } },
    h('button', { type: 'button', class: 'row-button', dataset: { testid: 'search-result' }, onclick: () => flyToVenue(f) },
      h('span', { class: 'dot venue' }),
      h('span', { class: 'grow' },
        h('span', { class: 'name' }, featureName(p)),
        h('span', { class: 'kind' }, [p.kind ? t(`venue.${p.kind}`) : '', other].filter(Boolean).join(' · ')))),
    f.id != null ? h('button', { type: 'button', class: 'small', title: t('search.addStop.title'),
      onclick: () => addStop({ venue: String(f.id) }) }, t('search.addStop')) : null);
}

function flyToVenue(f) {
  state.map.flyTo({ center: f.geometry.coordinates, zoom: 16 });
}
