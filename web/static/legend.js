// The legend: checkpoint kinds with their colours, and a checkbox for each layer toggle.

import { t } from './i18n.js';
import { applyVisibility, CHECKPOINT_COLOURS, TOGGLES } from './map.js';
import { state } from './state.js';
import { $, h } from './ui.js';

/** Builds #legend (again, e.g. after a language change). */
export function renderLegend() {
  const base = TOGGLES.filter((tg) => !tg.plan);
  const plan = TOGGLES.filter((tg) => tg.plan);
  $('legend').replaceChildren(
    h('ul', { class: 'toggles' }, base.map(toggleItem)),
    h('h3', {}, t('legend.checkpoints')),
    h('ul', { class: 'kinds', dataset: { testid: 'legend-kinds' } }, Object.entries(CHECKPOINT_COLOURS).map(([kind, colour]) =>
      h('li', { dataset: { kind } }, h('span', { class: 'dot', style: { background: colour } }), t(`kind.${kind}`)))),
    h('h3', {}, t('legend.plan')),
    h('ul', { class: 'toggles' }, plan.map(toggleItem)),
  );
}

function toggleItem(toggle) {
  const id = `toggle-${toggle.key}`;
  const input = h('input', {
    type: 'checkbox', id, checked: !state.hidden.has(toggle.key),
    dataset: { toggle: toggle.key, testid: `layer-${toggle.key}` },
    onchange: (e) => setShown(toggle.key, e.target.checked),
  });
  return h('li', {}, h('label', { for: id }, input, swatch(toggle.swatch), t(`layer.${toggle.key}`)));
}

function swatch(s = {}) {
  if (s.kinds) {
    return h('span', { class: 'swatch kinds' },
      Object.values(CHECKPOINT_COLOURS).slice(0, 3).map((c) => h('span', { class: 'dot small', style: { background: c } })));
  }
  if (s.text) return h('span', { class: 'swatch text' }, s.text);
  if (s.fill) return h('span', { class: 'swatch fill', style: { background: s.fill } });
  if (s.circle) {
    return h('span', { class: 'swatch' }, h('span', { class: 'dot', style: { background: s.circle } }),
      s.circle2 ? h('span', { class: 'dot', style: { background: s.circle2 } }) : null);
  }
  const cls = ['swatch', 'line', s.dashed && 'dashed', s.thick && 'thick'].filter(Boolean).join(' ');
  return h('span', { class: cls, style: { color: s.line ?? '#000' } });
}

function setShown(key, shown) {
  if (shown) state.hidden.delete(key);
  else state.hidden.add(key);
  if (state.map) applyVisibility(state.map);
}

/** Turns a toggle on (e.g. when its layer gets new data) and ticks its checkbox. */
export function showLayer(key) {
  setShown(key, true);
  const box = $(`toggle-${key}`);
  if (box) box.checked = true;
}
