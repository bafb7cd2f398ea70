// The console's rendering, as browser JavaScript: pure functions from (status report, events,
// catalogue, language) to HTML, with every value escaped. Kept apart from the wiring in app-js.ts
// so that a unit test can run it in a plain VM context (test/console/view.test.ts).
// Written as a string (no backticks or dollar-brace inside) so that esbuild bundles it as is.

export const viewJs = String.raw`(function (root) {
  'use strict';
  var LINKS = ['private', 'public', 'disk'];
  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function esc(v) {
    return String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  /** A UI string in the language, with {name} filled in (escaped: the result is HTML). */
  function tr(strings, lang, key, vars) {
    var table = strings[lang] || strings.en;
    var text = table[key] !== undefined ? table[key] : strings.en[key] !== undefined ? strings.en[key] : key;
    return esc(text).replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] !== undefined ? esc(vars[k]) : m; });
  }

  function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  /** The node's colour (§4.1): booting blue, active green, standby grey, faulted red, locked amber. */
  function nodeState(status, node) {
    if (!node.alive || node.role === 'faulted') return 'faulted';
    if (node.role === 'booting') return 'booting';
    if (node.role === 'active') return 'active';
    // A standby that may not take over a group it could run (the group is locked) is shown locked.
    var blocked = status.groups.some(function (g) {
      return g.locked && g.activeNode !== node.name && g.preferred.indexOf(node.name) >= 0;
    });
    return blocked ? 'locked' : 'standby';
  }

  function nodeNamed(status, text) {
    var hit = null;
    status.nodes.forEach(function (n) { if (text.indexOf(n.name + ':') === 0 || text.indexOf(n.name + ' ') === 0) hit = n.name; });
    return hit;
  }

  /** Where each problem is: a node, a link, a group, or the cluster as a whole. Errors first. */
  function faultPoints(status) {
    var points = status.problems.map(function (p) {
      var target = { kind: 'cluster', name: status.cluster };
      var m;
      if (p.code === 'RHA-W2043') {
        var peer = status.nodes.filter(function (n) { return !n.self; })[0];
        if (peer) target = { kind: 'node', name: peer.name };
      } else if ((m = /^(private|public|disk) link/.exec(p.message))) {
        target = { kind: 'link', name: m[1] };
      } else if ((m = /^group (\S+?):? /.exec(p.message)) && status.groups.some(function (g) { return g.name === m[1]; })) {
        target = { kind: 'group', name: m[1] };
      } else if (nodeNamed(status, p.message)) {
        target = { kind: 'node', name: nodeNamed(status, p.message) };
      }
      return { code: p.code, message: p.message, target: target };
    });
    status.nodes.forEach(function (n) {
      var already = points.some(function (p) { return p.target.kind === 'node' && p.target.name === n.name; });
      if (!already && nodeState(status, n) === 'faulted') points.push({ code: 'RHA-W2043', message: n.name, target: { kind: 'node', name: n.name } });
    });
    var rank = function (c) { return c.indexOf('RHA-E') === 0 ? 0 : c.indexOf('RHA-W') === 0 ? 1 : 2; };
    return points.sort(function (a, b) { return rank(a.code) - rank(b.code); });
  }

  function isFault(points, kind, name) {
    return points.filter(function (p) { return p.target.kind === kind && p.target.name === name; });
  }

  function faultBadges(points) {
    return points.map(function (p) { return '<span class="fault-code">' + esc(p.code) + '</span>'; }).join('');
  }

  function health(t, v) {
    return v === true ? t('ok') : v === false ? '<span class="bad">' + t('broken') + '</span>' : t('unknown');
  }

  function sortedNodes(status) {
    return status.nodes.slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
  }

  function renderNode(status, node, points, t, via) {
    var state = nodeState(status, node);
    var faults = isFault(points, 'node', node.name);
    var action = node.standby
      ? '<button type="button" data-action="online" data-node="' + esc(node.name) + '">' + t('online') + '</button>'
      : '<button type="button" data-action="standby" data-node="' + esc(node.name) + '">' + t('standby') + '</button>';
    return '<article class="node state-' + state + (faults.length ? ' fault' : '') + '" id="node-' + esc(node.name) + '" data-node="' + esc(node.name) + '" data-state="' + state + '">' +
      '<header><h3>' + esc(node.name) + '</h3>' + faultBadges(faults) + '</header>' +
      '<p class="role">' + t('state' + capital(state)) + (node.name === via ? ' <span class="via">· ' + t('answering') + '</span>' : '') + '</p>' +
      '<dl><dt>' + t('publicNet') + '</dt><dd>' + health(t, node.publicOk) + '</dd>' +
      '<dt>' + t('storage') + '</dt><dd>' + health(t, node.storageOk) + '</dd></dl>' +
      (node.standby ? '<p class="drained">' + t('drained') + '</p>' : '') +
      '<div class="actions">' + action + '</div></article>';
  }

  /** The three links between the two cards: green up, red down, grey dashed when not configured. */
  function renderLinks(status, points, t) {
    var out = '<svg class="links" viewBox="0 0 240 150" role="img" preserveAspectRatio="none">';
    LINKS.forEach(function (name, i) {
      var l = status.links.filter(function (x) { return x.name === name; })[0];
      var state = !l || !l.configured ? 'off' : l.up ? 'up' : 'down';
      var y = 30 + i * 45;
      var fault = isFault(points, 'link', name).length > 0 || state === 'down';
      out += '<g class="link link-' + state + (fault ? ' fault' : '') + '" id="link-' + name + '" data-link="' + name + '" data-state="' + state + '">' +
        '<line x1="4" y1="' + y + '" x2="236" y2="' + y + '"></line>' +
        '<text x="120" y="' + (y - 8) + '" text-anchor="middle">' + t('link' + capital(name)) + ' · ' + t('link' + capital(state)) + '</text></g>';
    });
    return out + '</svg>';
  }

  function renderTopology(model, points, t) {
    var nodes = sortedNodes(model.status);
    return renderNode(model.status, nodes[0], points, t, model.via) +
      '<div class="link-area"><h2>' + t('links') + '</h2>' + renderLinks(model.status, points, t) + '</div>' +
      renderNode(model.status, nodes[1], points, t, model.via);
  }

  /** A group's resources as the node running it reports them (the other node only knows "unknown"). */
  function resourcesOf(model, group) {
    var reports = [model.status].concat(model.peerStatus ? [model.peerStatus] : []);
    var owner = reports.filter(function (r) { return r.node === group.activeNode; })[0];
    var g = owner && owner.groups.filter(function (x) { return x.name === group.name; })[0];
    return (g || group).resources;
  }

  function renderGroup(model, group, points, t) {
    var status = model.status;
    var faults = isFault(points, 'group', group.name);
    var state = group.activeNode ? 'active' : 'faulted';
    var badge = group.activeNode
      ? '<span class="badge state-active">' + t('activeOn', { node: group.activeNode }) + '</span>'
      : '<span class="badge state-faulted">' + t('runsNowhere') + '</span>';
    var lock = group.locked ? '<span class="badge state-locked" title="' + esc(group.locked.code) + '">' + t('lockedBy', { reason: group.locked.reason }) + '</span>' : '';
    var moves = status.nodes.filter(function (n) { return n.name !== group.activeNode && group.preferred.indexOf(n.name) >= 0; }).map(function (n) {
      return '<button type="button" data-action="move" data-group="' + esc(group.name) + '" data-node="' + esc(n.name) + '" data-from="' + esc(group.activeNode || '') + '">' + t('moveTo', { node: n.name }) + '</button>';
    }).join('');
    var lockButton = group.locked && group.locked.code === 'RHA-W2052'
      ? '<button type="button" data-action="unlock" data-group="' + esc(group.name) + '">' + t('unlock') + '</button>'
      : '<button type="button" data-action="lock" data-group="' + esc(group.name) + '">' + t('lock') + '</button>';
    var resources = resourcesOf(model, group).map(function (r, i) {
      return '<li class="res res-' + esc(r.state) + '" data-resource="' + esc(r.name) + '" data-state="' + esc(r.state) + '">' +
        '<span class="res-order">' + (i + 1) + '</span><span class="res-name">' + esc(r.name) + '</span>' +
        '<span class="res-type">' + esc(r.type) + '</span><span class="res-state">' + t('resource' + capital(r.state)) + '</span>' +
        (r.failures ? '<span class="res-failures">' + t('failures', { n: r.failures }) + '</span>' : '') + '</li>';
    }).join('');
    return '<section class="group group-' + state + (faults.length ? ' fault' : '') + (group.locked ? ' locked' : '') + '" id="group-' + esc(group.name) + '" data-group="' + esc(group.name) + '" data-active="' + esc(group.activeNode || '') + '">' +
      '<header><h3>' + esc(group.name) + '</h3>' + badge + lock + faultBadges(faults) + '<div class="actions">' + moves + lockButton + '</div></header>' +
      '<ol class="resources">' + resources + '</ol></section>';
  }

  function renderGroups(model, points, t) {
    return model.status.groups.map(function (g) { return renderGroup(model, g, points, t); }).join('');
  }

  function explain(catalogue, lang, code) {
    var e = catalogue[code];
    return e ? (lang === 'zh' ? e.zh : e.en) : null;
  }

  function renderFaults(model, points, t) {
    if (!points.length) return '<p class="none">' + t('noFaults') + '</p>';
    return '<ul>' + points.map(function (p) {
      var x = explain(model.catalogue, model.lang, p.code);
      return '<li class="fault-item sev-' + esc(p.code.charAt(4)) + '" data-code="' + esc(p.code) + '" data-target="' + esc(p.target.kind + ':' + p.target.name) + '">' +
        '<div><code>' + esc(p.code) + '</code> <strong>' + esc(x ? x.title : '') + '</strong></div>' +
        '<div class="message">' + esc(p.message) + '</div>' +
        (x ? '<dl><dt>' + t('cause') + '</dt><dd>' + esc(x.cause) + '</dd><dt>' + t('remedy') + '</dt><dd>' + esc(x.remedy) + '</dd></dl>' : '') +
        '</li>';
    }).join('') + '</ul>';
  }

  function clock(at) {
    var d = new Date(at);
    if (isNaN(d.getTime())) return '';
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }

  /** Newest first. */
  function renderEvents(model, t) {
    if (!model.events.length) return '<p class="none">' + t('noEvents') + '</p>';
    return '<ol>' + model.events.slice().reverse().map(function (e) {
      var x = explain(model.catalogue, model.lang, e.code);
      return '<li class="ev sev-' + esc(e.severity) + '" data-code="' + esc(e.code) + '"' + (x ? ' title="' + esc(x.title) + '"' : '') + '>' +
        '<time>' + esc(clock(e.at)) + '</time> <span class="ev-node">' + esc(e.node) + '</span> <code>' + esc(e.code) + '</code> ' +
        // The agents write their messages in English; a Chinese reader gets the catalogue's title first.
        (x && model.lang === 'zh' ? '<span class="ev-title">' + esc(x.title) + '</span> ' : '') + esc(e.message) + '</li>';
    }).join('') + '</ol>';
  }

  /** Every code the page may explain: the problems', the locks' and the events'. */
  function codesIn(model) {
    var seen = {};
    var add = function (c) { if (c && /^RHA-[EWI]\d{4}$/.test(c)) seen[c] = true; };
    if (model.status) {
      faultPoints(model.status).forEach(function (p) { add(p.code); });
      model.status.groups.forEach(function (g) { if (g.locked) add(g.locked.code); });
    }
    model.events.forEach(function (e) { add(e.code); });
    return Object.keys(seen).sort();
  }

  /**
   * model: { status, peerStatus, events, catalogue: {code: {en, zh}}, lang: 'en'|'zh', strings, via }.
   * Returns the HTML of each region of the page.
   */
  function render(model) {
    var t = function (key, vars) { return tr(model.strings, model.lang, key, vars); };
    var s = model.status;
    var points = faultPoints(s);
    return {
      summary: '<strong>' + esc(s.cluster) + '</strong> <span class="badge ' + (s.degraded ? 'state-faulted' : 'state-active') + '">' + (s.degraded ? t('degraded') : t('healthy')) + '</span> <span class="via">' + t('via', { node: model.via }) + '</span>',
      maintenance: s.maintenance ? t('maintenance') : '',
      topology: renderTopology(model, points, t),
      groups: renderGroups(model, points, t),
      faults: renderFaults(model, points, t),
      events: renderEvents(model, t),
      faultCount: points.length,
    };
  }

  root.RosehaView = { esc: esc, tr: tr, nodeState: nodeState, faultPoints: faultPoints, codesIn: codesIn, render: render, renderEvents: renderEvents };
})(typeof window !== 'undefined' ? window : globalThis);
`;
