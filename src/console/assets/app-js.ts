// The console's wiring, as browser JavaScript: login (token in sessionStorage, sent as a bearer
// header), the event stream read through fetch (EventSource cannot send headers), a status
// re-fetch on each event, failover to the other node's API when the one it talks to goes away,
// the alarm, the actions with their confirmation, and the language switch.
// Written as a string (no backticks or dollar-brace inside) so that esbuild bundles it as is.

export const appJs = String.raw`(function () {
  'use strict';
  var V = window.RosehaView;
  var STRINGS = window.RosehaStrings;
  var TOKEN_KEY = 'roseha.token';
  var $ = function (id) { return document.getElementById(id); };

  var state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    lang: localStorage.getItem('roseha.lang') === 'zh' ? 'zh' : 'en',
    muted: localStorage.getItem('roseha.muted') === '1',
    bases: [],          // every node's API origin, the one we talk to first
    base: location.origin,
    via: '',
    config: null,
    status: null,
    peerStatus: null,
    events: [],
    catalogue: {},
    lastEventId: {},    // per origin, to resume a stream where it stopped
    faultKeys: '',
    alarms: 0,
    generation: 0,
    pending: null,
    streams: [],        // the open event streams' abort controllers
  };

  function t(key, vars) { return V.tr(STRINGS, state.lang, key, vars); }

  function headers(extra) {
    var h = { authorization: 'Bearer ' + state.token, accept: 'application/json' };
    for (var k in extra || {}) h[k] = extra[k];
    return h;
  }

  function withTimeout(ms) {
    var c = new AbortController();
    setTimeout(function () { c.abort(); }, ms);
    return c.signal;
  }

  function api(base, path, opts) {
    opts = opts || {};
    return fetch(base + path, {
      method: opts.method || 'GET',
      headers: headers(opts.body ? { 'content-type': 'application/json' } : {}),
      body: opts.body ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal || withTimeout(opts.timeout || 4000),
      cache: 'no-store',
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.status === 401) { signOut(t('loginRefused')); throw new Error('401'); }
        if (!res.ok) { var e = new Error((body.error && body.error.message) || ('HTTP ' + res.status)); e.code = body.error && body.error.code; e.status = res.status; throw e; }
        return body;
      });
    });
  }

  // ---- the alarm: a Web Audio beep, made on a user gesture so that the browser allows it ----
  var audio = null;
  function unlockAudio() {
    try { if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)(); if (audio.state === 'suspended') audio.resume(); } catch (e) { audio = null; }
  }
  function alarm() {
    state.alarms++;
    document.body.setAttribute('data-alarms', String(state.alarms));
    document.body.classList.add('alarming');
    setTimeout(function () { document.body.classList.remove('alarming'); }, 3000);
    if (state.muted || !audio) return;
    [0, 0.3, 0.6].forEach(function (at) {
      var o = audio.createOscillator(), g = audio.createGain();
      o.type = 'square'; o.frequency.value = 880; g.gain.value = 0.08;
      o.connect(g); g.connect(audio.destination);
      o.start(audio.currentTime + at); o.stop(audio.currentTime + at + 0.18);
    });
  }

  // ---- rendering ----
  function paintChrome() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title').replace(/&amp;/g, '&');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.innerHTML = t(el.getAttribute('data-t')); });
    $('lang').textContent = STRINGS[state.lang].language;
    $('mute').textContent = state.muted ? STRINGS[state.lang].unmute : STRINGS[state.lang].mute;
    $('mute').setAttribute('aria-pressed', state.muted ? 'true' : 'false');
    paintBanner();
  }

  function paint() {
    paintChrome();
    if (!state.status) return;
    var html = V.render({ status: state.status, peerStatus: state.peerStatus, events: state.events, catalogue: state.catalogue, lang: state.lang, strings: STRINGS, via: state.via });
    $('summary').innerHTML = html.summary;
    $('maintenance').textContent = html.maintenance.replace(/&amp;/g, '&');
    $('maintenance').hidden = !html.maintenance;
    $('topology').innerHTML = html.topology;
    $('groups').innerHTML = html.groups;
    $('faults').innerHTML = html.faults;
    $('events').innerHTML = html.events;
    document.body.setAttribute('data-via', state.via);
  }

  /** A line under the bar: a UI string key and its values, so that it follows the language switch. */
  function banner(key, vars, kind) {
    state.banner = key ? { key: key, vars: vars || {}, kind: kind || '' } : null;
    paintBanner();
  }
  function paintBanner() {
    var b = $('banner');
    var m = state.banner;
    var div = document.createElement('div');
    div.innerHTML = m ? t(m.key, m.vars) : '';
    b.textContent = div.textContent;
    b.className = m ? m.kind : '';
    b.hidden = !m;
  }

  function fetchCatalogue() {
    var missing = V.codesIn(state).filter(function (c) { return !state.catalogue[c]; });
    if (!missing.length) return Promise.resolve();
    missing.forEach(function (c) { state.catalogue[c] = state.catalogue[c] || null; });
    return api(state.base, '/v1/catalogue?codes=' + encodeURIComponent(missing.join(','))).then(function (body) {
      body.entries.forEach(function (e) { state.catalogue[e.code] = e; });
      paint();
    }).catch(function () { missing.forEach(function (c) { if (state.catalogue[c] === null) delete state.catalogue[c]; }); });
  }

  // ---- status: re-fetched on each event (coalesced) and every 5 s, from the node we talk to and, for the
  // resources it runs, the peer. A node that does not answer makes the page talk to the other one.
  var refreshing = false, again = false;
  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    var gen = state.generation;
    api(state.base, '/v1/status', { timeout: 1500 }).then(function (s) {
      if (gen !== state.generation) return;
      var before = state.status;
      state.status = s;
      state.via = s.node;
      checkFaults(before, s);
      paint();
      fetchCatalogue();
      return fetchPeer(s, gen);
    }).catch(function (e) {
      if (gen === state.generation && e.message !== '401') failover();
    }).then(function () {
      refreshing = false;
      if (again) { again = false; refresh(); }
    });
  }

  function fetchPeer(s, gen) {
    var peer = s.nodes.filter(function (n) { return !n.self; })[0];
    var base = peer && peer.alive && baseOf(peer.name);
    if (!base) { state.peerStatus = null; paint(); return; }
    return api(base, '/v1/status', { timeout: 1500 }).then(function (p) {
      if (gen === state.generation) { state.peerStatus = p; paint(); }
    }).catch(function () { state.peerStatus = null; });
  }

  /** An alarm when something new goes wrong: a node turns faulted or a new error/warning appears. */
  function checkFaults(before, s) {
    var keys = V.faultPoints(s).filter(function (p) { return p.code.indexOf('RHA-I') !== 0; }).map(function (p) { return p.code + '@' + p.target.kind + ':' + p.target.name; }).sort();
    var fresh = keys.filter(function (k) { return state.faultKeys.indexOf('|' + k + '|') < 0; });
    state.faultKeys = '|' + keys.join('|') + '|';
    if (before && fresh.length) alarm();
  }

  function onEvent(e) {
    state.events.push(e);
    if (state.events.length > 200) state.events.splice(0, state.events.length - 200);
    if (e.severity === 'error') alarm();
    paint();
    refresh();
  }

  /**
   * The node we talk to did not answer: ask every node at once and talk to the first that answers
   * (a node only slow under load keeps its place if it answers first). Nothing is reloaded; the
   * page keeps its events and its state.
   */
  var failing = false;
  function failover() {
    if (failing || !state.token) return;
    failing = true;
    var gen = state.generation;
    banner('reconnecting', { node: state.via || state.base }, 'warn');
    var round = function () {
      if (gen !== state.generation || !state.token) { failing = false; return; }
      var done = false, left = state.bases.length;
      state.bases.forEach(function (base) {
        api(base, '/v1/status', { timeout: 4000 }).then(function (s) {
          if (done || gen !== state.generation) return;
          done = true;
          failing = false;
          var switched = s.node !== state.via;
          var before = state.status;
          state.base = base;
          state.status = s;
          state.via = s.node;
          checkFaults(before, s);
          banner(switched ? 'switched' : '', { node: s.node }, 'info');
          if (switched) setTimeout(function () { if (state.banner && state.banner.kind === 'info') banner(''); }, 5000);
          paint();
          refresh();
        }).catch(function (e) {
          if (e.message === '401') { done = true; failing = false; return; }
          if (--left === 0 && !done) {
            banner('lostBoth', {}, 'error');
            setTimeout(round, 1000);
          }
        });
      });
    };
    round();
  }

  // ---- the event streams, read with fetch: one from every node, so that the surviving node's
  // events arrive even when the node we talk to vanishes without closing the connection (power loss).
  function readStream(base, gen) {
    var since = state.lastEventId[base];
    var ctrl = new AbortController();
    state.streams.push(ctrl);
    // 40 s without a byte (the agent sends a comment every 15 s): the node is gone.
    var silence = null;
    var arm = function () { clearTimeout(silence); silence = setTimeout(function () { ctrl.abort(); }, 40000); };
    arm();
    return fetch(base + '/v1/events' + (since ? '?since=' + since : ''), { headers: headers({ accept: 'text/event-stream' }), signal: ctrl.signal, cache: 'no-store' }).then(function (res) {
      if (res.status === 401) { signOut(t('loginRefused')); throw new Error('401'); }
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      arm();
      if (base === state.base) refresh();
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      var pump = function () {
        return reader.read().then(function (r) {
          if (r.done || gen !== state.generation) return;
          arm();
          buffer += decoder.decode(r.value, { stream: true });
          var cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            var block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            var data = block.split('\n').filter(function (l) { return l.indexOf('data:') === 0; }).map(function (l) { return l.slice(5).trim(); }).join('\n');
            if (!data) continue;
            var e = null;
            try { e = JSON.parse(data); } catch (err) { /* a torn line: skip */ }
            if (e) { state.lastEventId[base] = e.id; onEvent(e); }
          }
          return pump();
        });
      };
      return pump();
    }).finally(function () {
      clearTimeout(silence);
      state.streams = state.streams.filter(function (c) { return c !== ctrl; });
    });
  }

  /** Follows one node's stream for the whole session, reopening it when it ends. */
  function follow(base, gen) {
    readStream(base, gen).catch(function () {}).then(function () {
      if (gen !== state.generation || !state.token) return;
      // The node we talk to went away: talk to another at once; keep trying this one.
      if (base === state.base) failover();
      setTimeout(function () { follow(base, gen); }, 1000);
    });
  }

  function baseOf(nodeName) {
    if (!state.config) return null;
    var n = state.config.nodes.filter(function (x) { return x.name === nodeName; })[0];
    return n ? n.origins[0] : null;
  }

  // ---- login ----
  function showLogin(message) {
    document.body.classList.remove('signed-in');
    $('app').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message ? message.replace(/&amp;/g, '&') : '';
    $('token').value = '';
    $('token').focus();
  }

  function signOut(message) {
    state.generation++;
    failing = false;
    state.token = '';
    state.status = null;
    state.peerStatus = null;
    state.events = [];
    sessionStorage.removeItem(TOKEN_KEY);
    state.streams.forEach(function (c) { c.abort(); });
    state.streams = [];
    ['summary', 'topology', 'groups', 'faults', 'events', 'confirm-text', 'result', 'banner'].forEach(function (id) { $(id).innerHTML = ''; });
    $('result').hidden = true;
    state.banner = null;
    $('banner').hidden = true;
    document.body.removeAttribute('data-via');
    showLogin(message);
  }

  function start() {
    return api(location.origin, '/v1/console-config').then(function (cfg) {
      state.config = cfg;
      // This page's own origin first (the address the operator typed), then every other node's.
      var mine = cfg.nodes.filter(function (n) { return n.name === cfg.self; })[0];
      if (mine) mine.origins = [location.origin].concat(mine.origins.filter(function (o) { return o !== location.origin; }));
      state.bases = [location.origin].concat(cfg.nodes.filter(function (n) { return n.name !== cfg.self; }).map(function (n) { return n.origins[0]; }));
      $('login').hidden = true;
      $('app').hidden = false;
      document.body.classList.add('signed-in');
      state.base = location.origin;
      var gen = ++state.generation;
      paint();
      refresh();
      state.bases.forEach(function (b) { follow(b, gen); });
      // Also every few seconds: a change that brings no event (the peer's health as the node we talk
      // to hears it in the peer's heartbeats) would otherwise stay unseen until the next event.
      var poll = setInterval(function () {
        if (gen !== state.generation || !state.token) return clearInterval(poll);
        if (!document.hidden) refresh();
      }, 5000);
    });
  }

  $('login').addEventListener('submit', function (ev) {
    ev.preventDefault();
    unlockAudio();
    state.token = $('token').value.trim();
    if (!state.token) return;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    start().catch(function (e) { if (e.message !== '401') signOut(t('loginUnreachable')); });
  });

  $('logout').addEventListener('click', function () { signOut(''); });
  $('lang').addEventListener('click', function () {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('roseha.lang', state.lang);
    paint();
  });
  $('mute').addEventListener('click', function () {
    unlockAudio();
    state.muted = !state.muted;
    localStorage.setItem('roseha.muted', state.muted ? '1' : '0');
    paintChrome();
  });

  // ---- actions: the same API calls as the CLI, after a confirmation ----
  var ACTIONS = {
    move: function (d) { return { path: '/v1/groups/' + encodeURIComponent(d.group) + '/move', body: { node: d.node }, ask: t('confirmMove', { group: d.group, from: d.from || STRINGS[state.lang].nowhere, to: d.node }) }; },
    lock: function (d) { return { path: '/v1/groups/' + encodeURIComponent(d.group) + '/lock', body: {}, ask: t('confirmLock', { group: d.group }) }; },
    unlock: function (d) { return { path: '/v1/groups/' + encodeURIComponent(d.group) + '/unlock', body: {}, ask: t('confirmUnlock', { group: d.group }) }; },
    standby: function (d) { return { path: '/v1/nodes/' + encodeURIComponent(d.node) + '/standby', body: {}, ask: t('confirmStandby', { node: d.node }) }; },
    online: function (d) { return { path: '/v1/nodes/' + encodeURIComponent(d.node) + '/online', body: {}, ask: t('confirmOnline', { node: d.node }) }; },
  };

  document.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('button[data-action]');
    if (!b) return;
    unlockAudio();
    var make = ACTIONS[b.getAttribute('data-action')];
    if (!make) return;
    state.pending = make({ group: b.getAttribute('data-group'), node: b.getAttribute('data-node'), from: b.getAttribute('data-from') });
    $('confirm-text').innerHTML = state.pending.ask;
    $('confirm').showModal();
  });

  $('confirm').addEventListener('close', function () {
    var p = state.pending;
    state.pending = null;
    if (!p || $('confirm').returnValue !== 'ok') return;
    api(state.base, p.path, { method: 'POST', body: p.body, timeout: 10000 }).then(function (r) {
      showResult('ok', r.message || '');
      refresh();
    }).catch(function (e) {
      if (e.message === '401') return;
      var code = e.code || '';
      var say = function () {
        var x = code && state.catalogue[code];
        var title = x ? (state.lang === 'zh' ? x.zh.title : x.en.title) : '';
        showResult('refused', (code ? code + ': ' : '') + e.message + (title ? ' (' + title + ')' : ''), code);
      };
      say();
      // The refusal's code is explained like any other: its title once the catalogue answers.
      if (code && !state.catalogue[code]) {
        api(state.base, '/v1/catalogue?codes=' + encodeURIComponent(code)).then(function (body) {
          body.entries.forEach(function (x) { state.catalogue[x.code] = x; });
          if ($('result').getAttribute('data-code') === code) say();
        }).catch(function () {});
      }
    });
  });

  function showResult(kind, text, code) {
    var r = $('result');
    r.className = kind;
    r.hidden = false;
    r.setAttribute('data-code', code || '');
    r.textContent = (kind === 'refused' ? STRINGS[state.lang].refused + ' — ' : '') + text;
  }
  $('result').addEventListener('click', function () { $('result').hidden = true; });

  paintChrome();
  if (state.token) start().catch(function (e) { if (e.message !== '401') showLogin(t('loginUnreachable')); });
  else showLogin('');
})();
`;
