// The redeploy dashboard: plain JavaScript on the JSON API (/1.0/...). The session lives in
// sessionStorage and goes with every call as the `session` parameter. Everything shown is built with
// DOM nodes and textContent, never innerHTML, because names, files and errors come from users.
'use strict';

const CONTROL = 'environment/control/rest/';
const REDEPLOY_CONF = '/etc/jelastic/redeploy.conf';
const EVENT_TYPES = ['OperationStarted', 'ImagePulled', 'NodeStarted', 'StepStarted', 'StepFinished', 'StepFailed',
  'NodeFinished', 'OperationFinished'];

const $ = (id) => document.getElementById(id);

// ---- API ----------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(answer, status) {
    super(answer.error || ('HTTP ' + status));
    this.result = answer.result;
    this.status = status;
    this.answer = answer;
  }
}

function session() {
  return sessionStorage.getItem('redeploy.session');
}

/** POSTs a form to /1.0/<path>; answers the JSON, throws ApiError when `result` is not 0. */
async function api(path, params = {}) {
  const body = new URLSearchParams();
  if (session()) body.set('session', session());
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) body.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const response = await fetch('/1.0/' + path, { method: 'POST', body });
  let answer;
  try {
    answer = await response.json();
  } catch (e) {
    answer = { result: -1, error: 'HTTP ' + response.status };
  }
  if (answer && answer.result === 701) { // session gone: back to the sign-in form
    sessionStorage.clear();
    route();
  }
  // getoperations answers a bare array
  if (!Array.isArray(answer) && answer.result !== 0) throw new ApiError(answer, response.status);
  return answer;
}

// ---- DOM helpers -----------------------------------------------------------------------------

/** h('td', {class: 'x', onclick: fn}, 'text', otherNode) */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(text, cls = text) {
  return h('span', { class: 'badge ' + cls }, text);
}

function show(...nodes) {
  $('view').replaceChildren(...nodes);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function seconds(millis) {
  return (millis / 1000).toFixed(1) + ' s';
}

function bytes(size) {
  if (size < 1024) return size + ' B';
  if (size < 1024 * 1024) return (size / 1024).toFixed(1) + ' KiB';
  return (size / 1024 / 1024).toFixed(1) + ' MiB';
}

// ---- routing ---------------------------------------------------------------------------------

function route() {
  const signedIn = !!session();
  $('who').textContent = signedIn ? sessionStorage.getItem('redeploy.login') : '';
  $('signout-button').hidden = !signedIn;
  if (!signedIn) return signInView();
  const match = location.hash.match(/^#\/env\/([a-z0-9-]+)$/);
  return match ? environmentView(match[1]) : environmentsView();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  $('signout-button').addEventListener('click', async () => {
    try { await api('users/authentication/rest/signout'); } catch (e) { /* gone already */ }
    sessionStorage.clear();
    location.hash = '#/';
    route();
  });
  setUpRedeployDialog();
  setUpEditDialog();
  route();
});

// ---- sign in ---------------------------------------------------------------------------------

function signInView() {
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const form = h('form', { id: 'signin-form', class: 'card signin' },
    h('h1', {}, 'Sign in'),
    h('label', {}, 'Login', h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true })),
    h('label', {}, 'Password', h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button', { id: 'signin-button', type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      sessionStorage.clear();
      const answer = await api('users/authentication/rest/signin', { login: $('login').value, password: $('password').value });
      sessionStorage.setItem('redeploy.session', answer.session);
      sessionStorage.setItem('redeploy.login', answer.login);
      location.hash = '#/';
      route();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  show(form);
  $('login').focus();
}

// ---- environments ----------------------------------------------------------------------------

async function environmentsView() {
  const list = h('tbody', { id: 'env-rows' }, h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'Loading…')));
  show(h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h1', {}, 'Environments')),
      h('table', { id: 'envs' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Owner'), h('th', {}, 'Created'))),
        list)),
    createEnvironmentForm());
  try {
    const answer = await api(CONTROL + 'getenvs');
    list.replaceChildren(...(answer.infos.length ? answer.infos.map((env) => h('tr', {},
      h('td', {}, h('a', { class: 'env-link', href: '#/env/' + env.envName, dataset: { env: env.envName } }, env.envName)),
      h('td', {}, badge(env.status)), h('td', {}, env.owner), h('td', {}, when(env.createdAt))))
      : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No environment yet: create one below.'))]));
  } catch (e) {
    list.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'error' }, e.message)));
  }
}

function createEnvironmentForm() {
  const layers = h('div', { id: 'layers' });
  const addLayer = () => layers.append(h('div', { class: 'layer-row' },
    h('label', {}, 'Node group', h('input', { class: 'layer-group', value: layers.children.length ? '' : 'cp', required: true })),
    h('label', {}, 'Count', h('input', { class: 'layer-count narrow', type: 'number', min: 1, max: 50, value: 1 })),
    h('label', {}, 'Image', h('input', { class: 'layer-image', placeholder: 'repo/app:1.0', required: true })),
    h('label', {}, 'Volumes', h('input', { class: 'layer-volumes', placeholder: '/data, /var/log/app' })),
    h('button', { type: 'button', class: 'secondary small', onclick: (e) => e.target.closest('.layer-row').remove() }, 'Remove')));
  addLayer();
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'create-form', class: 'card' },
    h('h2', {}, 'New environment'),
    h('label', {}, 'Name', h('input', { id: 'new-env-name', required: true, pattern: '[a-z0-9]([a-z0-9-]*[a-z0-9])?', placeholder: 'shop' })),
    layers,
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: addLayer }, 'Add a layer'),
      h('button', { id: 'create-button', type: 'submit' }, 'Create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const nodes = [...layers.querySelectorAll('.layer-row')].map((row) => {
      const layer = { nodeGroup: row.querySelector('.layer-group').value.trim(), count: Number(row.querySelector('.layer-count').value || 1),
        image: row.querySelector('.layer-image').value.trim() };
      const volumes = row.querySelector('.layer-volumes').value.split(',').map((v) => v.trim()).filter(Boolean);
      if (volumes.length) layer.volumes = volumes;
      return layer;
    });
    const button = $('create-button');
    button.disabled = true;
    button.textContent = 'Creating…';
    try {
      const name = $('new-env-name').value.trim();
      await api(CONTROL + 'createenvironment', { env: { shortdomain: name }, nodes });
      location.hash = '#/env/' + name;
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
      button.textContent = 'Create';
    }
  });
  return form;
}

// ---- one environment -------------------------------------------------------------------------

let current = { envName: null, nodes: [] };

async function environmentView(envName) {
  show(h('p', { class: 'muted' }, 'Loading ' + envName + '…'));
  let info;
  try {
    info = await api(CONTROL + 'getenvinfo', { envName });
  } catch (e) {
    return show(h('p', { class: 'error' }, e.message), h('a', { href: '#/' }, 'Back to the environments'));
  }
  current = { envName, nodes: info.nodes };
  const groups = [...new Set(info.nodes.map((node) => node.nodeGroup))];
  show(
    h('div', { class: 'card-head' },
      h('h1', { id: 'env-title' }, envName, ' ', badge(info.env.status)),
      h('a', { href: '#/' }, 'All environments'),
      h('button', { class: 'secondary small', onclick: () => environmentView(envName) }, 'Refresh')),
    ...groups.map((group) => layerCard(envName, group, info.nodes.filter((node) => node.nodeGroup === group))),
    historyCard(envName));
}

function layerCard(envName, group, nodes) {
  const image = nodes[0].image + ':' + nodes[0].tag;
  return h('section', { class: 'card layer', dataset: { group } },
    h('div', { class: 'card-head' },
      h('h2', {}, group, ' ', h('small', { class: 'muted' }, nodes.length + (nodes.length === 1 ? ' node' : ' nodes') + ' · ' + image)),
      h('button', { class: 'small redeploy-layer', onclick: () => openRedeploy(envName, { nodeGroup: group }, nodes) }, 'Redeploy containers')),
    h('table', { class: 'nodes' },
      h('thead', {}, h('tr', {}, ...['Node', 'Image', 'Tag', 'Status', 'Running', 'Host ports', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...nodes.map((node) => nodeRow(envName, node)))));
}

function nodeRow(envName, node) {
  const ports = (node.ports || []).map((p) => p.hostPort + '→' + p.containerPort + '/' + p.protocol).join(', ');
  const act = (label, handler, cls = 'secondary small') => h('button', { class: cls, type: 'button', onclick: handler }, label);
  return h('tr', { class: 'node', dataset: { node: node.id } },
    h('td', {}, h('strong', {}, String(node.id)), h('div', { class: 'muted mono' }, node.hostname || '')),
    h('td', { class: 'mono' }, node.image),
    h('td', { class: 'mono node-tag' }, node.tag),
    h('td', {}, badge(node.status)),
    h('td', {}, node.running ? badge('up') : badge('down')),
    h('td', { class: 'mono' }, ports || '—'),
    h('td', {}, h('div', { class: 'actions' },
      act('Redeploy', () => openRedeploy(envName, { nodeId: node.id }, [node]), 'small redeploy-node'),
      act('Roll back', () => openRollback(envName, node)),
      act('Restart', () => restartNode(envName, node)),
      act('redeploy.conf', () => openFileEditor(envName, node)),
      act('Env vars', () => openEnvVars(envName, node)),
      act('Run command', () => openRunConfig(envName, node)))));
}

async function restartNode(envName, node) {
  try {
    await api(CONTROL + 'restartnodes', { envName, nodeId: node.id });
  } catch (e) {
    alert(e.message);
  }
  environmentView(envName);
}

function historyCard(envName) {
  const rows = h('tbody', { id: 'history-rows' }, h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Loading…')));
  api(CONTROL + 'getoperations', { envName }).then((answer) => {
    const operations = Array.isArray(answer) ? answer : [];
    rows.replaceChildren(...(operations.length ? operations.map((op) => h('tr', {},
      h('td', {}, when(op.startedAt)), h('td', {}, op.kind), h('td', { class: 'mono' }, op.target || ''),
      h('td', {}, badge(op.status)),
      h('td', {}, (op.nodes || []).map((n) => h('div', {}, n.nodeid + ': ', n.outcome ? badge(n.outcome) : (n.step || '')))),
      h('td', { class: 'error' }, op.error || '')))
      : [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No operation yet.'))]));
  }).catch((e) => rows.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'error' }, e.message))));
  return h('section', { class: 'card' }, h('h2', {}, 'Operations'),
    h('table', { id: 'history' },
      h('thead', {}, h('tr', {}, ...['Started', 'Kind', 'Target', 'Status', 'Nodes', 'Error'].map((t) => h('th', {}, t)))),
      rows));
}

// ---- redeploy dialog -------------------------------------------------------------------------

let redeploy = null; // { envName, selector, nodes, source, running }

function setUpRedeployDialog() {
  $('redeploy-cancel').addEventListener('click', () => closeRedeploy());
  $('redeploy-dialog').addEventListener('cancel', (event) => { event.preventDefault(); closeRedeploy(); });
  $('redeploy-form').addEventListener('submit', (event) => { event.preventDefault(); startRedeploy(); });
  $('registry-password').addEventListener('change', () => loadTagSuggestions());
}

function closeRedeploy() {
  if (redeploy && redeploy.source) redeploy.source.close();
  const envName = redeploy && redeploy.envName;
  const changed = redeploy && redeploy.started;
  redeploy = null;
  $('redeploy-dialog').close();
  if (changed && envName) environmentView(envName);
}

function openRedeploy(envName, selector, nodes) {
  redeploy = { envName, selector, nodes, started: false };
  $('redeploy-target').textContent = selector.nodeId ? 'node ' + selector.nodeId : 'layer ' + selector.nodeGroup + ' (' + nodes.length + ' nodes)';
  $('redeploy-form').reset();
  $('keep-volumes').checked = true;
  $('layer-mode').hidden = nodes.length < 2;
  $('redeploy-error').textContent = '';
  $('redeploy-progress').hidden = true;
  $('preserved').hidden = false;
  $('redeploy-options').hidden = false;
  $('redeploy-confirm').hidden = false;
  $('redeploy-confirm').disabled = false;
  $('redeploy-cancel').textContent = 'Cancel';
  $('progress-rows').replaceChildren();
  $('redeploy-archives').replaceChildren();
  resetEventLog();
  $('redeploy-dialog').dataset.state = 'options';
  $('redeploy-dialog').showModal();
  $('redeploy-tag').focus();
  loadTagSuggestions();
  loadPreserved(envName, nodes[0]);
}

async function loadTagSuggestions() {
  if (!redeploy) return;
  const user = $('registry-user').value.trim();
  const password = $('registry-password').value;
  const login = user && password ? { login: user, password } : {};
  try {
    const answer = await api(CONTROL + 'getimagetags', { envName: redeploy.envName, ...redeploy.selector, ...login });
    $('tag-suggestions').replaceChildren(...answer.tags.map((tag) => h('option', { value: tag })));
    $('tag-source').textContent = (answer.source === 'registry' ? 'tags of ' + answer.repository + ' in its registry'
      : 'tags of ' + answer.repository + ' on this engine') + (answer.warning ? ' (' + answer.warning + ')' : '');
  } catch (e) {
    $('tag-source').textContent = 'no suggestions: ' + e.message;
  }
}

async function loadPreserved(envName, node) {
  const volumes = (node.custom && node.custom.volumes) || [];
  $('preserved-volumes').replaceChildren(...(volumes.length ? volumes.map((v) => h('li', { class: 'mono' }, v))
    : [h('li', { class: 'muted' }, 'none')]));
  const list = $('preserved-entries');
  list.replaceChildren(h('li', { class: 'muted' }, 'reading ' + REDEPLOY_CONF + '…'));
  try {
    const answer = await api('environment/file/rest/read', { envName, nodeId: node.id, path: REDEPLOY_CONF });
    const entries = answer.body.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    list.replaceChildren(...entries.map((entry) => h('li', { class: 'mono preserved-entry' }, entry)));
    list.dataset.loaded = 'true';
  } catch (e) {
    list.replaceChildren(h('li', { class: 'error' }, 'could not read ' + REDEPLOY_CONF + ': ' + e.message));
  }
}

async function startRedeploy() {
  const params = {
    envName: redeploy.envName, ...redeploy.selector, tag: $('redeploy-tag').value.trim(),
    useExistingVolumes: $('keep-volumes').checked, skipReinstall: $('skip-reinstall').checked, async: true,
  };
  if ($('registry-user').value.trim()) {
    params.login = $('registry-user').value.trim();
    params.password = $('registry-password').value;
  }
  if (redeploy.nodes.length > 1) {
    const sequential = document.querySelector('input[name=mode]:checked').value === 'sequential';
    params.isSequential = sequential;
    if (sequential) params.delay = Number($('redeploy-delay').value || 0);
  }
  $('redeploy-error').textContent = '';
  $('redeploy-confirm').disabled = true;
  let answer;
  try {
    answer = await api(CONTROL + 'redeploycontainers', params);
  } catch (e) {
    $('redeploy-error').textContent = e.message;
    $('redeploy-confirm').disabled = false;
    return;
  }
  redeploy.started = true;
  redeploy.operationId = answer.operationId;
  $('redeploy-confirm').hidden = true;
  $('redeploy-cancel').textContent = 'Close';
  $('preserved').hidden = true;
  $('redeploy-options').hidden = true;
  $('redeploy-target').textContent += ' → ' + params.tag;
  $('redeploy-progress').hidden = false;
  $('redeploy-dialog').dataset.state = 'running';
  $('redeploy-dialog').dataset.operation = answer.operationId;
  $('operation-status').textContent = 'RUNNING';
  $('operation-status').className = 'badge RUNNING';
  redeploy.nodes.forEach((node) => progressRow(node.id));
  follow(answer.operationId);
}

function progressRow(nodeId) {
  let row = document.querySelector('#progress-rows tr[data-node="' + nodeId + '"]');
  if (!row) {
    row = h('tr', { dataset: { node: nodeId } },
      h('td', {}, String(nodeId)), h('td', { class: 'step' }, 'waiting'), h('td', { class: 'steps' }), h('td', { class: 'outcome' }));
    $('progress-rows').append(row);
  }
  return row;
}

function resetEventLog() {
  const log = $('event-log');
  log.replaceChildren();
  log.dataset.seqs = '';
  log.dataset.types = '';
}

/** Follows the operation's events: one EventSource, closed at OperationFinished (else it would reconnect). */
function follow(operationId) {
  const query = new URLSearchParams({ session: session(), operationId });
  const source = new EventSource('/1.0/' + CONTROL + 'operationevents?' + query);
  redeploy.source = source;
  const seen = new Set();
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      if (seen.has(event.seq)) return;
      seen.add(event.seq);
      record(event);
      onEvent(event);
      if (type === 'OperationFinished') {
        source.close();
        finished(operationId, event.status);
      }
    });
  }
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED && redeploy && redeploy.operationId === operationId) {
      $('redeploy-error').textContent = 'Lost the progress stream; see the operation history.';
    }
  };
}

/** Keeps the sequence of events on the page (read by the browser test). */
function record(event) {
  const log = $('event-log');
  log.append(h('li', {}, event.seq + ' ' + event.type + (event.nodeid ? ' ' + event.nodeid : '') + (event.step ? ' ' + event.step : '')));
  log.dataset.seqs = log.dataset.seqs ? log.dataset.seqs + ',' + event.seq : String(event.seq);
  log.dataset.types = log.dataset.types ? log.dataset.types + ',' + event.type : event.type;
}

function onEvent(event) {
  if (!event.nodeid) return;
  const row = progressRow(event.nodeid);
  const stepCell = row.querySelector('.step');
  const steps = row.querySelector('.steps');
  if (event.type === 'NodeStarted') stepCell.textContent = 'starting';
  if (event.type === 'StepStarted') stepCell.textContent = event.step + '…';
  if (event.type === 'StepFinished') {
    stepCell.textContent = event.step + ' done';
    steps.append(h('span', { dataset: { step: event.step } }, event.step.toLowerCase() + ' ' + seconds(event.millis)));
  }
  if (event.type === 'StepFailed') {
    stepCell.textContent = event.step + ' failed';
    stepCell.classList.add('failed');
    steps.append(h('span', { class: 'failed' }, event.step.toLowerCase() + ': ' + event.error));
  }
  if (event.type === 'NodeFinished') {
    stepCell.textContent = event.status === 'SUCCESS' ? 'done' : (event.report.failedStep || '');
    const outcome = row.querySelector('.outcome');
    const unavailable = event.report ? event.report.unavailableMillis : null;
    outcome.replaceChildren(badge(event.status), event.error ? h('div', { class: 'failed' }, event.error) : '',
      unavailable != null ? h('div', { class: 'muted', title: 'from the old container\'s stop until the new one ran' }, 'unavailable ' + seconds(unavailable)) : '');
    row.dataset.outcome = event.status;
  }
}

async function finished(operationId, status) {
  $('operation-status').textContent = status;
  $('operation-status').className = 'badge ' + status;
  try {
    const operation = await api(CONTROL + 'getoperation', { operationId });
    if (operation.error) $('redeploy-error').textContent = operation.error;
    const archives = $('redeploy-archives');
    archives.replaceChildren(...(operation.nodes || []).filter((n) => n.report && n.report.archives && n.report.archives.length)
      .map((n) => h('div', {}, h('h4', {}, 'Archives of node ' + n.nodeid),
        h('ul', { class: 'archives' }, ...n.report.archives.map((a) => h('li', {},
          h('span', { class: 'badge' }, a.kind), ' ', h('code', {}, a.path), ' — ' + bytes(a.size) + ' ', h('span', { class: 'muted mono', title: a.file }, a.file.split('/').slice(-3).join('/'))))))));
    for (const n of operation.nodes || []) {
      if (n.report && n.report.error) {
        const outcome = progressRow(n.nodeid).querySelector('.outcome');
        if (!outcome.textContent) outcome.replaceChildren(badge(n.outcome), h('div', { class: 'failed' }, n.report.error));
      }
    }
  } catch (e) {
    $('redeploy-error').textContent = e.message;
  }
  $('redeploy-dialog').dataset.state = 'done';
  $('redeploy-dialog').dataset.status = status;
}

// ---- small editors ---------------------------------------------------------------------------

let editing = null; // { save: async () => {}, envName }

function setUpEditDialog() {
  $('edit-cancel').addEventListener('click', () => $('edit-dialog').close());
  $('edit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = $('edit-save');
    button.disabled = true;
    $('edit-error').textContent = '';
    try {
      await editing.save();
      $('edit-dialog').close();
      environmentView(editing.envName);
    } catch (e) {
      $('edit-error').textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
}

function openEditor(title, hint, body, saveLabel, envName, save) {
  editing = { envName, save };
  $('edit-title').textContent = title;
  $('edit-hint').textContent = hint;
  $('edit-body').replaceChildren(...body);
  $('edit-error').textContent = '';
  $('edit-save').textContent = saveLabel;
  $('edit-save').hidden = !save;
  $('edit-dialog').showModal();
}

async function openFileEditor(envName, node) {
  const text = h('textarea', { id: 'file-body', spellcheck: 'false' });
  openEditor('redeploy.conf of node ' + node.id, 'One absolute path per line, kept on every redeploy; "<file> backup" also keeps the old file as <file>.backup.',
    [text], 'Save', envName, () => api('environment/file/rest/write', { envName, nodeId: node.id, path: REDEPLOY_CONF, body: text.value }));
  try {
    text.value = (await api('environment/file/rest/read', { envName, nodeId: node.id, path: REDEPLOY_CONF })).body;
  } catch (e) {
    $('edit-error').textContent = e.message;
  }
}

async function openEnvVars(envName, node) {
  const text = h('textarea', { id: 'env-vars', spellcheck: 'false' });
  let before = {};
  openEditor('Environment variables of node ' + node.id, 'NAME=value, one a line. Saving replaces the container (its data is kept, as in a redeploy).',
    [text], 'Save', envName, async () => {
      const after = {};
      for (const line of text.value.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0) after[line.slice(0, at).trim()] = line.slice(at + 1);
      }
      const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
      const removed = Object.keys(before).filter((k) => !(k in after));
      if (Object.keys(changed).length) await api(CONTROL + 'addcontainerenvvars', { envName, nodeId: node.id, vars: changed });
      if (removed.length) await api(CONTROL + 'removecontainerenvvars', { envName, nodeId: node.id, vars: removed });
    });
  try {
    before = (await api(CONTROL + 'getcontainerenvvars', { envName, nodeId: node.id })).object || {};
    text.value = Object.entries(before).map(([k, v]) => k + '=' + v).join('\n');
  } catch (e) {
    $('edit-error').textContent = e.message;
  }
}

function openRunConfig(envName, node) {
  const custom = node.custom || {};
  const asText = (list) => (list && list.length ? JSON.stringify(list) : '');
  const cmd = h('input', { id: 'run-cmd', class: 'mono', value: asText(custom.cmd), placeholder: '["java", "-jar", "/app.jar"] or a shell line' });
  const entrypoint = h('input', { id: 'run-entrypoint', class: 'mono', value: asText(custom.entrypoint), placeholder: 'empty: the image\'s own' });
  openEditor('Run command of node ' + node.id, 'A JSON array (exec form) or a plain line run through sh -c; empty goes back to the image\'s. Saving replaces the container.',
    [h('label', {}, 'Command', cmd), h('label', {}, 'Entrypoint', entrypoint)], 'Save', envName,
    () => api(CONTROL + 'setcontainerrunconfig', { envName, nodeId: node.id, cmd: cmd.value.trim(), entrypoint: entrypoint.value.trim() }));
}

async function openRollback(envName, node) {
  const info = h('div', { id: 'rollback-info' }, h('p', { class: 'muted' }, 'Looking for snapshots…'));
  openEditor('Roll back node ' + node.id, 'Puts the node back on its latest snapshot: the container it ran before the last redeploy.',
    [info], 'Roll back', envName, () => api(CONTROL + 'rollbackcontainers', { envName, nodeId: node.id }));
  try {
    const backups = (await api(CONTROL + 'getbackups', { envName, nodeId: node.id })).backups;
    if (!backups.length) {
      info.replaceChildren(h('p', {}, 'This node has no snapshot: nothing to roll back to.'));
      $('edit-save').hidden = true;
      return;
    }
    const latest = backups[0];
    info.replaceChildren(h('p', {}, 'Latest snapshot: ', h('code', {}, latest.image), ', taken ' + when(latest.createdAt) +
      ', archives ' + bytes(latest.size) + '.'),
      backups.length > 1 ? h('p', { class: 'muted' }, (backups.length - 1) + ' older snapshot(s) kept.') : '');
  } catch (e) {
    $('edit-error').textContent = e.message;
  }
}
