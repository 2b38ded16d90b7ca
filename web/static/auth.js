// The access token: every API, tile and style request carries it as a bearer token. It comes
// from the login link chotd prints (/#token=...), or from the sign-in box, and is kept in
// this browser's localStorage.

import { t } from './i18n.js';

const KEY = 'chot-token';

export function token() {
  return localStorage.getItem(KEY) ?? '';
}

export function setToken(value) {
  if (value) localStorage.setItem(KEY, value.trim());
  else localStorage.removeItem(KEY);
}

/** Takes a token from the address (#token=...) and removes it from the address bar. */
export function takeTokenFromAddress() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  setToken(decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

/** Headers that sign a same-origin request in. */
export function authHeaders() {
  const tok = token();
  return tok ? { Authorization: `Bearer ${tok}` } : {};
}

/** MapLibre's transformRequest: sign requests to this server, leave others alone. */
export function signRequest(url) {
  return new URL(url, location.href).origin === location.origin ? { url, headers: authHeaders() } : { url };
}

/** Shows the sign-in box (the token was missing, wrong or revoked); saving reloads the page. */
export function showSignIn() {
  if (document.getElementById('signin')) return;
  const box = document.createElement('form');
  box.id = 'signin';
  box.dataset.testid = 'signin';
  box.innerHTML = `<h2></h2><p></p><input id="signin-token" type="password" autocomplete="off" required><button type="submit"></button>`;
  box.querySelector('h2').textContent = t('signin.title');
  box.querySelector('p').textContent = t('signin.help');
  box.querySelector('button').textContent = t('signin.submit');
  box.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(box.querySelector('input').value);
    location.reload();
  });
  document.body.append(box);
  box.querySelector('input').focus();
}
