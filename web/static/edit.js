// Editing checkpoints, for planners and admins: a form in the checkpoint's popup, a new
// checkpoint placed with a click, and dragging a checkpoint to move it. Every save sends the
// version it is based on; a 409 (someone else saved first) is shown and the map reloaded.

import { deleteCheckpoint, getCheckpoint, getMe, saveCheckpoint, tileJSONURL } from './api.js';
import { t } from './i18n.js';
import { maplibregl, STYLE } from './map.js';
import { state } from './state.js';
import { $, clearError, h, showError } from './ui.js';

const KINDS = ['traffic_post', 'security_post', 'camera', 'fire_rescue', 'medical'];
const DRAG = 'edit-drag';

/** Asks who is signed in and, for planners and admins, turns editing on. */
export async function initEdit() {
  try {
    const me = await getMe();
    state.role = me.role;
  } catch {
    state.role = null;
    return;
  }
  state.canEdit = state.role === 'planner' || state.role === 'admin';
  $('edit-section').hidden = !state.canEdit;
  $('cp-add').addEventListener('click', () => {
    state.adding = !state.adding;
    $('edit-hint').hidden = !state.adding;
  });
  if (state.canEdit) installDrag();
}

/** A button for the checkpoint popup that opens the edit form. */
export function editButton(id) {
  if (!state.canEdit || id == null) return null;
  return h('button', { type: 'button', class: 'small', dataset: { testid: 'checkpoint-edit' },
    onclick: async () => openForm(await loadCheckpoint(String(id))) }, t('edit.edit'));
}

/** Opens the form for a new checkpoint at the clicked point. */
export function addAt(lngLat) {
  state.adding = false;
  $('edit-hint').hidden = true;
  openForm({ id: `cp-${Date.now().toString(36)}`, kind: 'traffic_post', name: '', unit: '', officers: 4,
    radius_m: 200, note: '', lon: lngLat.lng, lat: lngLat.lat, version: 0 });
}

async function loadCheckpoint(id) {
  const f = await getCheckpoint(state.city.id, id);
  const p = f.properties;
  return { id: String(f.id), kind: p.kind, name: p.name, unit: p.unit, officers: p.officers, radius_m: p.radius_m,
    note: p.note ?? '', lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], version: p.version };
}

function field(name, label, input) {
  input.name = name;
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** The edit form, in a popup at the checkpoint. */
function openForm(cp) {
  const isNew = cp.version === 0;
  const kind = h('select', {}, ...KINDS.map((k) => h('option', { value: k, selected: k === cp.kind }, t(`kind.${k}`))));
  const form = h('form', { class: 'popup edit-form', dataset: { testid: 'checkpoint-form' } },
    isNew ? field('id', 'ID', h('input', { value: cp.id, required: true, pattern: '[a-z0-9\\-]+' })) : null,
    field('kind', t('edit.kind'), kind),
    field('name', t('edit.name'), h('input', { value: cp.name, required: true })),
    field('unit', t('popup.unit'), h('input', { value: cp.unit, required: true })),
    field('officers', t('popup.officers'), h('input', { type: 'number', min: 0, max: 200, value: cp.officers })),
    field('radius_m', t('popup.radius'), h('input', { type: 'number', min: 20, max: 3000, value: cp.radius_m })),
    field('note', t('popup.note'), h('input', { value: cp.note })),
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'primary small', dataset: { testid: 'checkpoint-save' } }, t('edit.save')),
      isNew ? null : h('button', { type: 'button', class: 'small danger', dataset: { testid: 'checkpoint-delete' },
        onclick: () => remove(cp) }, t('edit.delete'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    save({ ...cp, ...v, officers: Number(v.officers), radius_m: Number(v.radius_m) }, isNew);
  });
  state.popup?.remove();
  state.popup = new maplibregl.Popup({ maxWidth: '320px', closeOnClick: false })
    .setLngLat([cp.lon, cp.lat]).setDOMContent(form).addTo(state.map);
}

async function save(cp, isNew) {
  try {
    clearError();
    await saveCheckpoint(state.city.id, cp, { create: isNew });
    state.popup?.remove();
    reloadMap();
  } catch (err) {
    showError(err);
    if (err.status === 409) reloadMap();
  }
}

async function remove(cp) {
  try {
    await deleteCheckpoint(state.city.id, cp.id, cp.version);
    state.popup?.remove();
    reloadMap();
  } catch (err) {
    showError(err);
  }
}

/** Reloads the city's tile source: its TileJSON names the tiles of the new data version. */
function reloadMap() {
  state.map.getSource(state.city.id)?.setUrl(tileJSONURL(state.city.id));
  document.body.dataset.edited = String(Number(document.body.dataset.edited ?? 0) + 1);
}

/** Dragging a checkpoint moves it: a dashed point follows the mouse, dropping saves. */
function installDrag() {
  const map = state.map;
  let dragging = null;
  map.on('mousedown', STYLE.checkpoints, (e) => {
    if (state.picking || state.adding || !e.features?.length) return;
    e.preventDefault();
    const f = e.features[0];
    dragging = { id: String(f.properties.id ?? f.id), moved: false };
    map.getCanvas().style.cursor = 'grabbing';
  });
  map.on('mousemove', (e) => {
    if (!dragging) return;
    dragging.moved = true;
    dragging.to = e.lngLat;
    const src = map.getSource(DRAG);
    const data = { type: 'Feature', geometry: { type: 'Point', coordinates: [e.lngLat.lng, e.lngLat.lat] }, properties: {} };
    if (src) src.setData(data);
    else {
      map.addSource(DRAG, { type: 'geojson', data });
      map.addLayer({ id: DRAG, type: 'circle', source: DRAG,
        paint: { 'circle-radius': 8, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#000', 'circle-stroke-width': 2 } });
    }
  });
  map.on('mouseup', async () => {
    if (!dragging) return;
    const { id, moved, to } = dragging;
    dragging = null;
    map.getCanvas().style.cursor = '';
    if (map.getLayer(DRAG)) map.removeLayer(DRAG);
    if (map.getSource(DRAG)) map.removeSource(DRAG);
    if (!moved) return;
    try {
      const cp = await loadCheckpoint(id);
      await save({ ...cp, lon: to.lng, lat: to.lat }, false);
    } catch (err) {
      showError(err);
    }
  });
}
