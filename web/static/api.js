// Same-origin calls to the chot API. Errors become ApiError with the server's code and
// message ({"error": {"code", "message"}}); aborted requests reject with an AbortError.

import { t } from './i18n.js';
import { authHeaders, showSignIn } from './auth.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const enc = encodeURIComponent;

async function request(url, options = {}) {
  let res;
  try {
    res = await fetch(url, { ...options, headers: { Accept: 'application/json', ...authHeaders(), ...(options.headers ?? {}) } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', t('error.network'));
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) showSignIn();
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? t('error.http', { status: res.status }));
  }
  return body;
}

function postJSON(url, data, options = {}) {
  return request(url, {
    ...options,
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(data),
  });
}

/** The cities; the answer may be an array or {"cities": array}. */
export async function getCities() {
  const body = await request('/api/cities');
  return body?.cities ?? [];
}

export function styleURL(city) {
  return new URL(`/styles/${enc(city)}.json`, location.href).href;
}

/** The TileJSON of a city's tiles: its tile URLs carry the data version. */
export function tileJSONURL(city) {
  return new URL(`/tiles/${enc(city)}.json`, location.href).href;
}

export function getVenues(city) {
  return request(`/api/cities/${enc(city)}/venues`);
}

export function searchVenues(city, q, { limit = 10, signal } = {}) {
  return request(`/api/cities/${enc(city)}/venues/search?q=${enc(q)}&limit=${limit}`, { signal });
}

export function getNearest(city, [lon, lat], { k = 5, byRoad = false } = {}) {
  const by = byRoad ? '&by=road' : '';
  return request(`/api/cities/${enc(city)}/checkpoints/nearest?lat=${lat}&lon=${lon}&k=${k}${by}`);
}

export function getServiceArea(city, id, minutes = [2, 5, 10]) {
  return request(`/api/cities/${enc(city)}/checkpoints/${enc(id)}/service-area?minutes=${minutes.join(',')}`);
}

export function evaluatePlan(city, plan) {
  return postJSON(`/api/cities/${enc(city)}/plans/evaluate`, plan);
}

/** The signed-in user: {name, role}. */
export function getMe() {
  return request('/api/me');
}

export function getCheckpoint(city, id) {
  return request(`/api/cities/${enc(city)}/checkpoints/${enc(id)}`);
}

export function saveCheckpoint(city, body, { create = false } = {}) {
  const url = create ? `/api/cities/${enc(city)}/checkpoints` : `/api/cities/${enc(city)}/checkpoints/${enc(body.id)}`;
  return request(url, { method: create ? 'POST' : 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function deleteCheckpoint(city, id, version) {
  return request(`/api/cities/${enc(city)}/checkpoints/${enc(id)}?version=${version}`, { method: 'DELETE' });
}
