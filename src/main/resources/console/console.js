// The operator console (D45): reads /admin with the admin token kept in this tab (sessionStorage) only.
'use strict';

const KEY = 'aitbc-miner-admin-token';
const PAGE = 20;
const STATES = ['ready', 'delayed', 'running', 'outbox', 'done', 'dead'];
const view = { state: 'dead', offset: 0, timer: null };

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((cell) => {
    if (cell instanceof Node) {
      const td = document.createElement('td');
      td.appendChild(cell);
      tr.appendChild(td);
    } else {
      tr.appendChild(el('td', cell));
    }
  });
  return tr;
}

function fill(tbody, rows, empty) {
  tbody.replaceChildren(...rows);
  if (rows.length === 0) {
    const td = el('td', empty, 'quiet');
    td.colSpan = 8;
    const tr = document.createElement('tr');
    tr.appendChild(td);
    tbody.appendChild(tr);
  }
}

class Refused extends Error {}

async function api(path, method) {
  const token = sessionStorage.getItem(KEY);
  if (!token) throw new Refused('no token');
  const answer = await fetch(path, { method: method || 'GET', headers: { Authorization: 'Bearer ' + token } });
  if (answer.status === 401 || answer.status === 403) throw new Refused('token refused (' + answer.status + ')');
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) throw new Error(body.detail || 'HTTP ' + answer.status);
  return body;
}

function when(ms) {
  if (!ms) return '';
  return new Date(Number(ms)).toISOString().replace('T', ' ').slice(0, 19);
}

function seconds(s) {
  if (s < 0) return 'never';
  return s < 120 ? s.toFixed(1) + ' s ago' : Math.round(s / 60) + ' min ago';
}

function money(micro) {
  return micro === undefined ? '' : (Number(micro) / 1e6).toFixed(6);
}

function pill(text, cls) {
  return el('span', text, 'pill ' + cls);
}

function showLogin(message) {
  clearInterval(view.timer);
  $('console').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

function showConsole() {
  $('login').hidden = true;
  $('console').hidden = false;
  $('logout').hidden = false;
}

function renderNode(data) {
  const node = data.node;
  $('miner-id').textContent = data.miner_id;
  const pills = [
    pill(node.registered ? 'registered' : 'not registered', node.registered ? 'ok' : 'bad'),
    pill('heartbeat ' + seconds(node.heartbeat_age_s), node.heartbeat_age_s >= 0 && node.heartbeat_age_s < 60 ? 'ok' : 'warn'),
    pill(node.paused ? 'polling paused' : 'polling', node.paused ? 'warn' : 'ok'),
    pill(data.redis.ok ? 'Redis ok' : 'Redis unavailable', data.redis.ok ? 'ok' : 'bad'),
  ];
  if (node.draining) pills.push(pill('draining', 'warn'));
  $('pills').replaceChildren(...pills);
  const facts = [['registered', node.registered ? 'yes' : 'no'], ['coordinator', node.coordinator_problem || 'ok'],
    ['last heartbeat', (node.last_heartbeat || 'none') + ' (' + seconds(node.heartbeat_age_s) + ')'],
    ['poll loop', (node.last_poll_loop || 'not run') + ' (' + seconds(node.poll_loop_age_s) + ')'],
    ['polling', node.paused ? 'paused by the operator' : 'on'], ['draining', node.draining ? 'yes' : 'no'],
    ['Redis', data.redis.ok ? 'answering' : data.redis.problem]];
  $('node').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
  const gone = Object.entries(data.unavailable || {});
  $('banner').hidden = data.redis.ok && gone.length === 0;
  $('banner').textContent = data.redis.ok && gone.length === 0 ? ''
    : 'Redis is not answering (' + (data.redis.problem || gone.map(([k, v]) => k + ': ' + v).join('; '))
      + '). Figures below are the last the agent read; jobs wait in memory and are stored when Redis is back.';
}

function renderStates(queue) {
  $('states').replaceChildren(...STATES.map((state) => {
    const button = el('button', state, state === view.state ? 'selected' : '');
    button.type = 'button';
    button.dataset.state = state;
    button.appendChild(el('span', queue[state] === undefined ? '?' : queue[state], 'count'));
    button.addEventListener('click', () => { view.state = state; view.offset = 0; refresh(); });
    return button;
  }));
}

function actionButton(label, job, how, cls) {
  const button = el('button', label, cls);
  button.type = 'button';
  button.dataset.action = how;
  button.dataset.job = job;
  button.addEventListener('click', () => act(job, how));
  return button;
}

async function renderJobs() {
  const page = await api('/admin/console/jobs?state=' + view.state + '&offset=' + view.offset + '&limit=' + PAGE);
  const rows = page.jobs.map((job) => {
    const actions = document.createElement('span');
    if (view.state === 'dead') {
      actions.append(actionButton('Retry', job.id, 'retry', ''), ' ', actionButton('Drop', job.id, 'drop', 'danger'));
    }
    const tr = row([job.id, job.type || '', job.attempts || '0', '', actions]);
    tr.dataset.job = job.id;
    tr.children[3].className = 'detail';
    tr.children[3].textContent = job.last_error || job.error_code || (job.polled_at ? 'polled ' + when(job.polled_at) : '');
    return tr;
  });
  fill($('jobs').tBodies[0], rows, 'no ' + view.state + ' jobs');
  const total = page.total >= 0 ? page.total : '?';
  $('page').textContent = page.jobs.length === 0 ? '0 of ' + total
    : (view.offset + 1) + '–' + (view.offset + page.jobs.length) + ' of ' + total;
  $('prev').disabled = view.offset === 0;
  $('next').disabled = page.jobs.length < PAGE;
}

function renderSlots(slots) {
  fill($('slots').tBodies[0], slots.map((slot) => {
    const gpu = slot.gpu;
    let vram = '';
    if (gpu && gpu.memory_total_mb > 0) {
      const used = gpu.memory_free_mb >= 0 ? gpu.memory_total_mb - gpu.memory_free_mb : -1;
      const wrap = document.createElement('span');
      const bar = el('span', null, 'bar');
      const fillBar = document.createElement('span');
      fillBar.style.width = used < 0 ? '0' : Math.round(100 * used / gpu.memory_total_mb) + '%';
      bar.appendChild(fillBar);
      wrap.append(bar, (used < 0 ? '?' : (used / 1024).toFixed(1)) + ' / ' + (gpu.memory_total_mb / 1024).toFixed(1) + ' GiB');
      vram = wrap;
    }
    const health = gpu ? el('span', gpu.health, gpu.health === 'ok' || gpu.health === 'healthy' ? 'ok' : 'bad') : '';
    if (gpu) health.title = gpu.health_reason;
    return row([slot.pool, slot.busy + ' / ' + slot.size, gpu ? gpu.index + ': ' + gpu.name : '', vram, health]);
  }), 'no slots');
}

function renderRecent(recent) {
  if (recent === null) {
    fill($('recent').tBodies[0], [], 'not available while Redis is away');
    return;
  }
  fill($('recent').tBodies[0], recent.map((job) => {
    const outcome = job.report_reason === 'cancelled' ? 'cancelled'
      : (job.report === 'RESULT' ? 'result' : 'fail ' + (job.error_code || ''));
    const ms = job.billed_ms || (job.finished_at && job.started_at ? job.finished_at - job.started_at : '');
    const receipt = job.verified === undefined ? (job.receipt_id ? 'kept' : 'none')
      : { true: 'verified', false: 'INVALID', unchecked: 'unchecked' }[job.verified];
    return row([job.id, job.type || '', outcome, ms === '' ? '' : (ms / 1000).toFixed(2) + ' s',
      job.report === 'RESULT' ? money(job.price_micro) : '', el('span', receipt, job.verified === 'false' ? 'bad' : ''), when(job.reported_at)]);
  }), 'no job reported yet');
}

function sum(values) {
  return Object.values(values || {}).reduce((a, b) => a + b, 0);
}

function renderTotals(totals, hours) {
  const byOutcome = {};
  totals.jobs.forEach((t) => { byOutcome[t.outcome] = (byOutcome[t.outcome] || 0) + t.count; });
  const tiles = [['jobs completed', byOutcome.result || 0], ['jobs failed', byOutcome.fail || 0],
    ['seconds billed', sum(totals.billed_seconds).toFixed(1)], ['earned', sum(totals.earnings).toFixed(6)],
    ['receipts verified', totals.receipts.true || 0], ['receipts invalid', totals.receipts.false || 0]];
  Object.entries(totals.earnings).forEach(([unit, value]) => tiles.push(['earned on ' + unit, value.toFixed(6)]));
  $('totals').replaceChildren(...tiles.map(([label, value]) => {
    const tile = el('div', null, 'tile');
    tile.dataset.total = label;
    tile.append(el('div', value, 'value'), el('div', label, 'label'));
    return tile;
  }));
  if (hours) {
    chart(hours);
  } else {
    $('chart').replaceChildren();
    $('chart-note').textContent = 'The hourly buckets are in Redis: not available while Redis is away.';
  }
}

function chart(hours) {
  const svg = $('chart');
  const ns = 'http://www.w3.org/2000/svg';
  const most = Math.max(1, ...hours.map((h) => (h.jobs.result || 0) + (h.jobs.fail || 0)));
  const width = 480 / hours.length;
  const parts = [];
  const base = document.createElementNS(ns, 'line');
  [['x1', 0], ['y1', 100], ['x2', 480], ['y2', 100]].forEach(([k, v]) => base.setAttribute(k, v));
  parts.push(base);
  hours.forEach((hour, i) => {
    let top = 100;
    [['result', hour.jobs.result || 0], ['fail', hour.jobs.fail || 0]].forEach(([kind, count]) => {
      if (count === 0) return;
      const height = 95 * count / most;
      top -= height;
      const rect = document.createElementNS(ns, 'rect');
      [['x', i * width + 1], ['y', top], ['width', Math.max(1, width - 2)], ['height', height]]
        .forEach(([k, v]) => rect.setAttribute(k, v));
      rect.setAttribute('class', kind);
      const title = document.createElementNS(ns, 'title');
      title.textContent = hour.start.slice(0, 13) + 'h: ' + count + ' ' + kind;
      rect.appendChild(title);
      parts.push(rect);
    });
  });
  [[0, hours[0].start], [hours.length - 1, 'now']].forEach(([i, label]) => {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', i === 0 ? 0 : 455);
    text.setAttribute('y', 112);
    text.textContent = i === 0 ? label.slice(5, 13).replace('T', ' ') + 'h' : label;
    parts.push(text);
  });
  svg.replaceChildren(...parts);
  const total = hours.reduce((a, h) => a + h.earnings, 0);
  const busiest = Math.max(...hours.map((h) => (h.jobs.result || 0) + (h.jobs.fail || 0)));
  $('chart-note').textContent = 'Busiest hour: ' + busiest + ' jobs. Earned in these 48 hours: ' + total.toFixed(6)
    + '. Buckets are kept 8 days.';
}

async function refresh() {
  try {
    const data = await api('/admin/console');
    showConsole();
    renderNode(data);
    renderStates(data.queue);
    renderSlots(data.slots);
    renderRecent(data.recent);
    renderTotals(data.totals, data.hours);
    await renderJobs().catch((e) => {
      if (e instanceof Refused) throw e;
      fill($('jobs').tBodies[0], [], view.state + ' jobs not available: ' + e.message);
      $('page').textContent = '';
    });
  } catch (e) {
    if (e instanceof Refused) {
      sessionStorage.removeItem(KEY);
      showLogin(e.message === 'no token' ? '' : 'The agent refused the token: ' + e.message);
    } else {
      $('banner').hidden = false;
      $('banner').textContent = 'The agent did not answer: ' + e.message;
    }
  }
}

function confirmed(text) {
  return new Promise((resolve) => {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}

async function act(job, how) {
  const question = how === 'drop'
    ? 'Drop job ' + job + '? It is reported to the coordinator as failed (E_INTERNAL: dropped by operator).'
    : 'Retry job ' + job + '? Its report is sent again, or it runs again when it has none.';
  if (!(await confirmed(question))) return;
  try {
    const answer = await api('/admin/jobs/' + encodeURIComponent(job) + '/' + how, 'POST');
    $('action-result').textContent = 'Job ' + job + ': ' + how + ', now ' + answer.state + '.';
  } catch (e) {
    $('action-result').textContent = 'Job ' + job + ': ' + e.message;
  }
  refresh();
}

function start() {
  clearInterval(view.timer);
  refresh();
  view.timer = setInterval(refresh, 5000);
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('logout').addEventListener('click', () => { sessionStorage.removeItem(KEY); showLogin('Token forgotten.'); });
  $('prev').addEventListener('click', () => { view.offset = Math.max(0, view.offset - PAGE); refresh(); });
  $('next').addEventListener('click', () => { view.offset += PAGE; refresh(); });
  if (sessionStorage.getItem(KEY)) start(); else showLogin('');
});
