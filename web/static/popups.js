// Popups of clicked features: checkpoints (with their service area), venues (add as a stop)
// and the plan's stops, diversions and suggested sites.

import { editButton } from './edit.js';
import { t } from './i18n.js';
import { CHECKPOINT_COLOURS, L, maplibregl, STYLE } from './map.js';
import { showServiceArea } from './nearest.js';
import { addStop } from './plan.js';
import { state } from './state.js';
import { dl, featureName, fmtDistance, fmtDuration, fmtNumber, fmtTime, h } from './ui.js';

/** Opens the popup of a clicked feature; returns false for a layer without one. */
export function openFeaturePopup(feature, lngLat) {
  const build = BUILDERS[feature.layer?.id];
  if (!build) return false;
  const coords = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : [lngLat.lng, lngLat.lat];
  openPopup(coords, build(feature.properties ?? {}, feature));
  return true;
}

export function closePopup() {
  state.popup?.remove();
  state.popup = null;
}

function openPopup(coords, content) {
  closePopup();
  state.popup = new maplibregl.Popup({ maxWidth: '320px', closeButton: true, closeOnClick: true })
    .setLngLat(coords).setDOMContent(content).addTo(state.map);
}

const BUILDERS = {
  [STYLE.checkpoints]: checkpointContent,
  [STYLE.venues]: venueContent,
  [L.stops]: stopContent,
  [L.diversions]: diversionContent,
  [L.suggestions]: suggestionContent,
  [L.gaps]: gapContent,
  [L.closures]: closureContent,
};

function title(text, colour) {
  return h('h3', { class: 'popup-title' },
    colour ? h('span', { class: 'dot', style: { background: colour } }) : null, text);
}

function checkpointContent(p, feature) {
  const id = p.id ?? feature.id;
  const button = h('button', { type: 'button', class: 'primary small', dataset: { testid: 'service-area' },
    onclick: () => {
      closePopup();
      showServiceArea(String(id), p.name);
    } }, t('popup.serviceArea'));
  return h('div', { class: 'popup', dataset: { testid: 'checkpoint-popup', id: id ?? '' } },
    title(p.name || id, CHECKPOINT_COLOURS[p.kind]),
    h('p', { class: 'kind' }, t(`kind.${p.kind}`)),
    dl([
      p.unit && [t('popup.unit'), p.unit],
      p.officers != null && [t('popup.officers'), fmtNumber(p.officers)],
      p.radius_m != null && [t('popup.radius'), fmtDistance(p.radius_m)],
      p.note && [t('popup.note'), p.note],
    ]),
    id != null ? h('div', { class: 'row' }, button, editButton(id)) : null);
}

function venueContent(p, feature) {
  const id = p.id ?? feature.id;
  return h('div', { class: 'popup', dataset: { testid: 'venue-popup' } },
    title(featureName(p)),
    p.name_en && p.name_en !== featureName(p) ? h('p', { class: 'kind' }, p.name_en) : null,
    h('p', { class: 'kind' }, p.kind ? t(`venue.${p.kind}`) : ''),
    id != null ? h('button', { type: 'button', class: 'primary small', onclick: () => {
      closePopup();
      addStop({ venue: String(id) });
    } }, t('popup.addStop')) : null);
}

function stopContent(p) {
  const index = Number(p.index ?? 0);
  const stop = state.plan?.request?.stops?.[index];
  return h('div', { class: 'popup' },
    title(t('popup.stop', { n: index + 1 })),
    dl([
      p.venue && [t('plan.venue'), p.venue],
      [t('popup.eta'), fmtTime(p.eta)],
      [t('popup.dwell'), t('unit.min', { n: fmtNumber(p.dwell_min ?? stop?.dwell_min ?? 0) })],
    ]));
}

function diversionContent(p) {
  const sides = parseList(p.side_streets).join(', ');
  const worst = p.worst_added_s != null
    ? `${fmtDuration(p.worst_added_s)}${p.held ? ` (${t('popup.held')})` : ''}` : null;
  return h('div', { class: 'popup' },
    title(p.route_street || t('diversions.unnamed'), p.needs_officer ? '#d7191c' : '#333333'),
    dl([
      sides && [t('popup.sideStreets'), sides],
      [t('popup.closeReopen'), `${fmtTime(p.close)}–${fmtTime(p.reopen)}`],
      [t('popup.pass'), fmtTime(p.pass)],
      [t('popup.needsOfficer'), toBool(p.needs_officer) ? t('yes') : t('no')],
      p.checkpoint && [t('popup.checkpoint'), p.checkpoint],
      worst && [t('popup.worst'), worst],
    ]));
}

function suggestionContent(p) {
  return h('div', { class: 'popup' },
    title(t('popup.rank', { rank: p.rank }), '#ffd400'),
    dl([[t('popup.gain'), fmtDistance(p.gain_m)]]));
}

function gapContent(p) {
  return h('div', { class: 'popup' },
    title(t('gaps.title'), '#ff8c00'),
    dl([
      [t('popup.length'), fmtDistance(p.length_m)],
      [t('popup.enterLeave'), `${fmtTime(p.enter)}–${fmtTime(p.leave)}`],
    ]));
}

function closureContent(p) {
  return h('div', { class: 'popup' },
    title(p.name || t('diversions.unnamed'), '#d7191c'),
    dl([
      [t('popup.closeReopen'), `${fmtTime(p.close)}–${fmtTime(p.reopen)}`],
      [t('popup.enterLeave'), `${fmtTime(p.enter)}–${fmtTime(p.leave)}`],
      p.length_m != null && [t('popup.length'), fmtDistance(p.length_m)],
    ]));
}

// Rendered features carry nested values as JSON text.
function parseList(v) {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.startsWith('[')) {
    try {
      return JSON.parse(v);
    } catch {
      return [v];
    }
  }
  return v ? [String(v)] : [];
}

function toBool(v) {
  return v === true || v === 'true';
}
