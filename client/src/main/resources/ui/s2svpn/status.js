'use strict';
/*
 * The status page of site-to-site VPN connections. It logs in with CloudStack's login command, or takes the
 * session already in the sessionkey cookie (as CloudStack's own UI does), then lists the caller's connections with
 * that session every `refresh` seconds (30 unless the page's URL says ?refresh=N).
 * Every value from the API reaches the page as text (textContent, SVG attributes), never as markup.
 */
(() => {
  const API = '/client/api';
  const HOURS = 24;
  const HOUR_MS = 3600 * 1000;
  const SVG = 'http://www.w3.org/2000/svg';

  /** A whole number from the page's URL (?name=N) within [min, max], else the default. */
  function setting(name, min, max, otherwise) {
    const asked = Number(new URLSearchParams(location.search).get(name));
    return Number.isInteger(asked) && asked >= min && asked <= max ? asked : otherwise;
  }

  const refreshSeconds = setting('refresh', 1, 86400, 30);
  /** Items asked per page of a list: at most 500, CloudStack's default.page.size; fewer shows the paging at work. */
  const pageSize = setting('pagesize', 1, 500, 500);

  const $ = (id) => document.getElementById(id);

  /** {key, label} of the session in use, or null. */
  let session = null;
  let timer = null;
  let refreshing = false;
  let refreshes = 0;
  /** Bumped at each login and logout: an answer to a request made before is dropped. */
  let generation = 0;

  class ApiError extends Error {
    constructor(status, code, text) {
      super(text);
      this.status = status;
      this.code = code;
    }
  }

  /** One API call with the session; the object under "<command>response", or an ApiError with CloudStack's errortext. */
  async function api(command, params = {}, method = 'GET') {
    const query = new URLSearchParams({command, response: 'json', ...params});
    if (session) {
      query.set('sessionkey', session.key);
    }
    const response = method === 'POST'
      ? await fetch(API, {method, body: query, credentials: 'same-origin'})
      : await fetch(API + '?' + query, {credentials: 'same-origin'});
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new ApiError(response.status, response.status, 'the server answered HTTP ' + response.status);
    }
    const inner = Object.values(body || {})[0] || {};
    if (!response.ok || inner.errorcode) {
      const code = Number(inner.errorcode) || response.status;
      throw new ApiError(response.status, code, inner.errortext || 'the server answered HTTP ' + response.status);
    }
    return inner;
  }

  /** Every item of a list command, page by page. */
  async function listAll(command, itemName, params = {}) {
    const items = [];
    for (let page = 1; ; page++) {
      const answer = await api(command, {...params, page: String(page), pagesize: String(pageSize)});
      const got = answer[itemName] || [];
      items.push(...got);
      if (got.length < pageSize || items.length >= Number(answer.count || 0)) {
        return items;
      }
    }
  }

  /** CloudStack's dates ("2026-12-07T23:10:05+0000") as milliseconds, or NaN. */
  function parseApiDate(text) {
    return typeof text === 'string' ? Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN;
  }

  /**
   * A connection's bytes per hour, the last HOURS hours, oldest first (listVpnConnectionTraffic, which any caller who
   * sees the connection may call, from the same usage records as listUsageRecords): {start, bytesIn, bytesOut}, or
   * {error} when the server refused, e.g. for a connection deleted since it was listed.
   */
  async function traffic(connectionId) {
    try {
      const answer = await api('listVpnConnectionTraffic', {id: connectionId, hours: String(HOURS)});
      const hours = answer.vpnconnectiontraffic || [];
      return {
        start: hours.length > 0 ? parseApiDate(hours[0].startdate) : NaN,
        bytesIn: hours.map((h) => Number(h.bytesreceived) || 0),
        bytesOut: hours.map((h) => Number(h.bytessent) || 0),
      };
    } catch (e) {
      if (e.status === 401) {
        throw e;
      }
      return {error: e.message};
    }
  }

  function formatBytes(n) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (n >= 1000 && i < units.length - 1) {
      n /= 1000;
      i++;
    }
    return (i === 0 ? String(n) : n.toFixed(1)) + ' ' + units[i];
  }

  function pad2(n) {
    return String(n).padStart(2, '0');
  }

  function formatTime(millis) {
    const d = new Date(millis);
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate()) + ' ' + pad2(d.getHours()) + ':'
      + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds());
  }

  function formatAgo(millis) {
    const seconds = Math.max(0, Math.round((Date.now() - millis) / 1000));
    if (seconds < 90) {
      return seconds + ' s ago';
    }
    if (seconds < 90 * 60) {
      return Math.round(seconds / 60) + ' min ago';
    }
    if (seconds < 36 * 3600) {
      return Math.round(seconds / 3600) + ' h ago';
    }
    return Math.round(seconds / 86400) + ' days ago';
  }

  /** An HTML element; strings among the children become text nodes, never markup. */
  function el(tag, className, ...children) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    e.append(...children.filter((c) => c !== null && c !== undefined).map((c) => (c instanceof Node ? c : String(c))));
    return e;
  }

  function svg(tag, attributes, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) {
      e.setAttribute(name, String(value));
    }
    e.append(...children);
    return e;
  }

  /** A line and a point per hour for bytes in and bytes out, one scale for both. */
  function trafficGraph(bytesIn, bytesOut, windowStart) {
    const width = 264;
    const height = 76;
    const margin = 5;
    const bottom = height - 16; // the axis; the hours' labels below it
    const peak = Math.max(0, ...bytesIn, ...bytesOut);
    const max = Math.max(1, peak);
    const x = (i) => margin + (i * (width - 2 * margin)) / (HOURS - 1);
    const y = (v) => bottom - (v * (bottom - margin)) / max;
    const totalIn = bytesIn.reduce((a, b) => a + b, 0);
    const totalOut = bytesOut.reduce((a, b) => a + b, 0);
    const graph = svg('svg', {class: 'traffic', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `traffic per hour, last ${HOURS} hours: ${formatBytes(totalIn)} in, ${formatBytes(totalOut)} out`});
    graph.append(svg('line', {class: 'axis', x1: margin, y1: bottom, x2: width - margin, y2: bottom}));
    const label = (text, at, anchor) => {
      const t = svg('text', {class: 'hour', x: at, y: height - 4, 'text-anchor': anchor});
      t.textContent = text;
      return t;
    };
    graph.append(label(formatTime(windowStart).slice(11, 16), margin, 'start'), label(formatTime(windowStart + 12 * HOUR_MS).slice(11, 16),
      x(12), 'middle'), label('this hour', width - margin, 'end'));
    for (const [direction, bytes] of [['in', bytesIn], ['out', bytesOut]]) {
      graph.append(svg('polyline', {class: 'line ' + direction, points: bytes.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}));
      bytes.forEach((v, i) => {
        const hour = windowStart + i * HOUR_MS;
        const title = svg('title', {});
        title.textContent = `${formatTime(hour).slice(0, 16)}: ${formatBytes(v)} ${direction}`;
        graph.append(svg('circle', {class: 'point ' + direction, cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2,
          'data-hour': new Date(hour).toISOString(), 'data-bytes': v}, title));
      });
    }
    const figure = el('figure', 'traffic');
    figure.append(graph, el('figcaption', null, `in ${formatBytes(totalIn)} · out ${formatBytes(totalOut)} · peak ${formatBytes(peak)}/h`));
    return figure;
  }

  function connectionRow(c, customerGateways, vpnGateways, hours) {
    const customer = customerGateways.get(c.s2scustomergatewayid);
    const vpn = vpnGateways.get(c.s2svpngatewayid);
    const row = el('tr');
    row.dataset.id = c.id;
    row.append(
      el('td', 'gateway', el('span', 'name', customer && customer.name ? customer.name : '(no name)'), el('span', 'address', c.gateway || '')),
      el('td', 'vpc', el('span', 'name', vpn && vpn.vpcname ? vpn.vpcname : '(VPC not listed)'), el('span', 'address', c.publicip || '')));
    const state = String(c.state || 'Unknown');
    row.append(el('td', 'state', el('span', 'badge state-' + state.toLowerCase().replace(/[^a-z]/g, ''), state)));
    row.append(el('td', 'reason', c.reason || (state === 'Connected' ? '' : '—')));
    const changed = parseApiDate(c.laststatechange);
    const when = el('td', 'changed');
    if (Number.isNaN(changed)) {
      when.append('—');
    } else {
      const time = el('time', null, formatTime(changed));
      time.dateTime = c.laststatechange;
      when.append(time, el('span', 'ago', formatAgo(changed)));
    }
    row.append(when);
    row.append(hours.error !== undefined
      ? el('td', 'traffic unavailable', 'No traffic: ' + hours.error)
      : el('td', 'traffic', trafficGraph(hours.bytesIn, hours.bytesOut, hours.start)));
    return row;
  }

  /** traffics: each connection's traffic, by its id. */
  function render(connections, customerGateways, vpnGateways, traffics) {
    const byState = new Map();
    for (const c of connections) {
      byState.set(c.state, (byState.get(c.state) || 0) + 1);
    }
    const counts = [...byState].map(([state, n]) => `${n} ${state}`).join(', ');
    $('summary').textContent = connections.length === 0
      ? 'You have no site-to-site VPN connections.'
      : `${connections.length} connection${connections.length === 1 ? '' : 's'}: ${counts}. Updated ${formatTime(Date.now()).slice(11)},`
        + ` every ${refreshSeconds} s.`;
    const tbody = $('connections').tBodies[0];
    tbody.replaceChildren(...connections.map((c) => connectionRow(c, customerGateways, vpnGateways, traffics.get(c.id))));
    $('connections').hidden = connections.length === 0;
    $('legend').hidden = connections.length === 0;
    $('summary').dataset.refreshes = String(++refreshes);
  }

  async function refresh() {
    if (refreshing || !session) {
      return;
    }
    refreshing = true;
    const asked = generation;
    try {
      const [connections, customerGateways, vpnGateways] = await Promise.all([
        listAll('listVpnConnections', 'vpnconnection'),
        listAll('listVpnCustomerGateways', 'vpncustomergateway'),
        listAll('listVpnGateways', 'vpngateway')]);
      const traffics = await Promise.all(connections.map((c) => traffic(c.id)));
      if (asked !== generation) {
        return;
      }
      if (!session.label && connections.length > 0) {
        // a session from elsewhere: whose it is shows in its connections
        session.label = `account ${connections[0].account}`;
        $('caller').textContent = session.label;
      }
      render(connections, new Map(customerGateways.map((g) => [g.id, g])), new Map(vpnGateways.map((g) => [g.id, g])),
        new Map(connections.map((c, i) => [c.id, traffics[i]])));
      showError('status-error', null);
    } catch (e) {
      if (asked !== generation) {
        return;
      }
      if (e.status === 401) {
        ended('Your session has ended: log in again.');
      } else {
        showError('status-error', 'Could not refresh: ' + e.message);
      }
    } finally {
      refreshing = false;
    }
  }

  function showError(id, text) {
    $(id).textContent = text || '';
    $(id).hidden = !text;
  }

  function showStatus() {
    $('login').hidden = true;
    $('status').hidden = false;
    $('who').hidden = false;
    $('caller').textContent = session.label;
    clearInterval(timer);
    timer = setInterval(refresh, refreshSeconds * 1000);
    refresh();
  }

  function showLogin() {
    clearInterval(timer);
    $('status').hidden = true;
    $('who').hidden = true;
    $('connections').tBodies[0].replaceChildren();
    $('login').hidden = false;
    $('login').elements.username.focus();
  }

  function ended(message) {
    generation++;
    session = null;
    sessionStorage.removeItem('s2svpn.session');
    showLogin();
    showError('login-error', message);
  }

  async function login(event) {
    event.preventDefault();
    const form = $('login');
    const button = form.querySelector('button');
    button.disabled = true;
    showError('login-error', null);
    const fields = {username: form.elements.username.value, password: form.elements.password.value};
    if (form.elements.domain.value.trim()) {
      fields.domain = form.elements.domain.value.trim();
    }
    try {
      session = null;
      const answer = await api('login', fields, 'POST');
      generation++;
      session = {key: answer.sessionkey, label: `${answer.username} (account ${answer.account})`};
      sessionStorage.setItem('s2svpn.session', JSON.stringify(session));
      form.elements.password.value = '';
      showStatus();
    } catch (e) {
      showError('login-error', e.message);
    } finally {
      button.disabled = false;
    }
  }

  async function logout() {
    const key = session && session.key;
    generation++;
    if (key) {
      try {
        await api('logout');
      } catch (e) {
        // the session is dropped here whatever the server said
      }
    }
    session = null;
    sessionStorage.removeItem('s2svpn.session');
    showLogin();
  }

  /** The session the server set in the sessionkey cookie (at login, here or in another page of this server), if any. */
  function cookieSession() {
    const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('sessionkey='));
    const key = found ? decodeURIComponent(found.slice('sessionkey='.length)) : '';
    if (!key) {
      return null;
    }
    let known = null;
    try {
      known = JSON.parse(sessionStorage.getItem('s2svpn.session'));
    } catch (e) {
      known = null;
    }
    return known && known.key === key ? known : {key, label: ''};
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    session = cookieSession();
    if (session) {
      showStatus();
    } else {
      showLogin();
    }
  });
})();
