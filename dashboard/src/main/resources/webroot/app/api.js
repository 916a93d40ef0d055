// Talks to the dashboard's read API and, for every change, to the orchestrator through the dashboard's proxy.
import {h} from './dom.js';
const TOKEN_KEY = 'atelier.apiToken';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
}

export async function getJson(url) {
  const resp = await fetch(url, {headers: {Accept: 'application/json'}});
  return parse(resp);
}

async function parse(resp) {
  const text = await resp.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = {code: 'unreadable', message: text.slice(0, 300)};
  }
  if (!resp.ok) throw new ApiError(resp.status, body);
  return body;
}

/** POST to the orchestrator (via /api/v1 on this origin). Asks for the API token once when it answers 401. */
export async function post(url, body, contentType = 'application/json') {
  for (let attempt = 0; ; attempt++) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = contentType;
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const resp = await fetch(url, {method: 'POST', headers, body: body === undefined ? undefined
      : (typeof body === 'string' ? body : JSON.stringify(body))});
    if (resp.status === 401 && attempt < 2) {
      const given = await askToken(token ? 'The token was not accepted; try again.' : '');
      if (given) continue;
    }
    return parse(resp);
  }
}

function askToken(message) {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  document.getElementById('token-error').textContent = message;
  input.value = '';
  return new Promise(resolve => {
    const done = ok => {
      dialog.removeEventListener('close', onClose);
      document.getElementById('token-cancel').removeEventListener('click', onCancel);
      if (ok && input.value) sessionStorage.setItem(TOKEN_KEY, input.value);
      input.value = '';
      resolve(ok && !!sessionStorage.getItem(TOKEN_KEY));
    };
    const onClose = () => done(dialog.returnValue === 'ok');
    const onCancel = () => { dialog.close('cancel'); };
    dialog.addEventListener('close', onClose);
    document.getElementById('token-cancel').addEventListener('click', onCancel);
    dialog.showModal();
    input.focus();
  });
}

/** A button that POSTs to the orchestrator (through the proxy), optionally after a confirmation. */
export function actionButton(label, url, {id, confirmText} = {}) {
  return h('button', {type: 'button', id, onclick: async ev => {
    if (confirmText && !confirm(confirmText)) return;
    ev.target.disabled = true;
    try {
      await post(url);
    } catch (e) {
      alert(e.message);
    } finally {
      ev.target.disabled = false;
    }
  }}, label);
}
