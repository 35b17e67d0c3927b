/**
 * The report page's stylesheet and script, inlined into the HTML file (no network access: the page's CSP forbids
 * every source but inline styles and scripts, and `data:` images). Kept as plain strings so that no build step
 * (or test coverage instrumentation) rewrites the code that runs in the browser.
 */

export const CSS = String.raw`
*{box-sizing:border-box}
svg text{font-family:Helvetica,Arial,sans-serif}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#212121;background:#fafafa}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#263238;color:#fff;position:sticky;top:0;z-index:5}
header h1{font-size:17px;margin:0 12px 0 0}
header .counts span{margin-right:10px;white-space:nowrap}
header input,header select{font:inherit;padding:4px 8px;border-radius:4px;border:1px solid #90a4ae;min-width:260px}
header select{min-width:200px;max-width:420px}
#matches{font-size:12px;color:#cfd8dc}
main{display:flex;gap:0;align-items:stretch;height:calc(100vh - 180px);min-height:420px;border-bottom:1px solid #cfd8dc}
#diagram-pane{flex:1;position:relative;overflow:hidden;background:#fff}
#diagram{width:100%;height:100%;overflow:auto;padding:8px}
#diagram svg{display:block}
#zoom{position:absolute;right:12px;top:8px;display:flex;gap:4px}
#zoom button{font:inherit;width:30px;height:28px;border:1px solid #90a4ae;background:#fff;border-radius:4px;cursor:pointer}
#panel{width:400px;max-width:40vw;overflow:auto;padding:12px 14px;background:#f5f7f8;border-left:1px solid #cfd8dc}
#panel h2{font-size:15px;margin:0 0 6px}
#panel pre{background:#fff;border:1px solid #cfd8dc;padding:8px;font-size:12px;overflow:auto;white-space:pre}
.legend{position:absolute;left:12px;bottom:8px;background:rgba(255,255,255,.92);border:1px solid #cfd8dc;border-radius:4px;padding:4px 8px;font-size:12px}
.legend span{margin-right:10px}
.sw{display:inline-block;width:10px;height:10px;border:2px solid;margin-right:4px;vertical-align:-1px}
.st-ok .sw,.sw.ok{background:#e8f5e9;border-color:#2e7d32}.sw.error{background:#ffebee;border-color:#c62828}
.sw.conflicted{background:#fff3e0;border-color:#ef6c00}.sw.warning{background:#fff8e1;border-color:#f9a825}.sw.unknown{background:#eceff1;border-color:#607d8b}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;border:1px solid}
.badge.ok{color:#2e7d32;border-color:#2e7d32}.badge.error{color:#c62828;border-color:#c62828}.badge.conflicted{color:#ef6c00;border-color:#ef6c00}
.badge.warning{color:#8d6e00;border-color:#f9a825}.badge.unknown,.badge.info{color:#455a64;border-color:#607d8b}
g.node{cursor:pointer}
g.node.hit>path,g.node.hit>polygon,g.node.hit>ellipse{stroke:#1e88e5!important;stroke-width:4px}
g.node.selected>path,g.node.selected>polygon,g.node.selected>ellipse{stroke:#6a1b9a!important;stroke-width:5px}
svg.searching g.node:not(.hit),svg.searching g.edge{opacity:.25}
section.tables{padding:8px 16px 24px}
section.tables h2{font-size:16px;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #e0e0e0;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eceff1}
tr.hit td{background:#e3f2fd}
a.obj{color:#1565c0;cursor:pointer;text-decoration:underline}
details{margin:4px 0}
summary{cursor:pointer;padding:2px 0}
#results{margin:4px 0 0;padding-left:18px;font-size:13px}
.muted{color:#607d8b}
`;

export const JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var objects = data.objects;
  var views = data.views;
  // statuses are stored interned: {"$": i} stands for data.shared[i], itself interned
  function unintern(v) {
    if (Array.isArray(v)) return v.map(unintern);
    if (v !== null && typeof v === 'object') {
      if (typeof v.$ === 'number') return unintern(data.shared[v.$]);
      var o = {};
      for (var k in v) o[k] = unintern(v[k]);
      return o;
    }
    return v;
  }
  // each view maps object ids to diagram keys: the nodes it draws, and the routes (and their rules) of its groups
  views.forEach(function (v) {
    v.nodes = {};
    for (var key in v.keys) {
      var id = v.keys[key];
      v.nodes[id] = key;
      var g = objects[id] && objects[id].g;
      if (g) g.forEach(function (m) { if (!v.nodes[m]) v.nodes[m] = key; });
    }
  });
  function nodeKeyOf(v, id) {
    return v.nodes[id] || v.nodes[id.replace(/#rule\d+$/, '')];
  }
  var current = -1;
  var selected = null;
  var zoom = 1;
  var diagram = document.getElementById('diagram');
  var panel = document.getElementById('details');
  var search = document.getElementById('search');
  var viewSelect = document.getElementById('view');
  var matchesEl = document.getElementById('matches');
  var routingEl = document.getElementById('routing-tables');
  var resultsEl = document.getElementById('results');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function label(id) {
    var o = objects[id];
    if (!o) return id;
    return o.k + ' ' + (o.ns ? o.ns + '/' : '') + o.n;
  }
  function objLink(id, text) {
    var a = el('a', { 'class': 'obj', 'data-obj': id, href: '#', text: text || label(id) });
    return a;
  }
  function badge(state, text) { return el('span', { 'class': 'badge ' + state, text: text }); }

  // ---- YAML rendering of a status stanza
  function scalar(v) {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    var s = String(v);
    if (s === '' || /^[\s]|[\s]$|[:#{}\[\],&*!|>'"%@\x60]|^(true|false|null|yes|no|on|off|~|[-+.\d].*)$/i.test(s) || s.indexOf('\n') >= 0) return JSON.stringify(s);
    return s;
  }
  function yaml(v, indent) {
    var pad = new Array(indent + 1).join('  ');
    if (Array.isArray(v)) {
      if (v.length === 0) return ' []';
      return v.map(function (x) {
        if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length > 0) {
          var inner = yaml(x, indent + 1).replace(/^\n\s*/, '');
          return '\n' + pad + '- ' + inner;
        }
        return '\n' + pad + '-' + (x !== null && typeof x === 'object' ? yaml(x, indent + 1) : ' ' + scalar(x));
      }).join('');
    }
    if (v !== null && typeof v === 'object') {
      var keys = Object.keys(v);
      if (keys.length === 0) return ' {}';
      return keys.map(function (k) {
        var x = v[k];
        return '\n' + pad + scalar(k) + ':' + (x !== null && typeof x === 'object' ? yaml(x, indent + 1) : ' ' + scalar(x));
      }).join('');
    }
    return ' ' + scalar(v);
  }

  // ---- views
  // the view to show an object in: one that draws it as a node, else a Gateway view over the overview
  function viewScore(i, id) {
    var v = views[i], key = nodeKeyOf(v, id);
    if (!key) return -1;
    if (v.keys[key] === id || v.keys[key] === id.replace(/#rule\d+$/, '')) return 2;
    return v.id === 'overview' ? 0 : 1;
  }
  function viewIndexOf(id) {
    var best = -1, bestScore = -1;
    for (var i = 0; i < views.length; i++) {
      var sc = viewScore(i, id);
      if (sc > bestScore || (sc === bestScore && i === current)) { best = i; bestScore = sc; }
    }
    return best;
  }
  function nodeEl(key) { return key ? document.getElementById(key) : null; }
  function showView(i) {
    if (i === current) return;
    current = i;
    if (viewSelect) viewSelect.value = String(i);
    diagram.innerHTML = views[i].svg;
    var svg = diagram.querySelector('svg');
    if (svg) {
      svg.setAttribute('data-w', parseFloat(svg.getAttribute('width')));
      svg.setAttribute('data-h', parseFloat(svg.getAttribute('height')));
      fit(true);
    }
    renderRouting();
    applySearch();
    if (selected) mark(selected, false);
  }
  function applyZoom() {
    var svg = diagram.querySelector('svg');
    if (!svg) return;
    svg.setAttribute('width', (parseFloat(svg.getAttribute('data-w')) * zoom) + 'pt');
    svg.setAttribute('height', (parseFloat(svg.getAttribute('data-h')) * zoom) + 'pt');
  }
  // whole diagram in the pane (the fit button); a new view opens at the pane's width, but not so small it is unreadable
  function fit(readable) {
    var svg = diagram.querySelector('svg');
    if (!svg) return;
    var w = parseFloat(svg.getAttribute('data-w')) * 4 / 3, h = parseFloat(svg.getAttribute('data-h')) * 4 / 3;
    var fw = (diagram.clientWidth - 20) / w, fh = (diagram.clientHeight - 20) / h;
    zoom = readable === true ? Math.max(0.75, Math.min(1, fw)) : Math.min(1.5, Math.max(0.1, Math.min(fw, fh)));
    applyZoom();
  }

  // ---- routing tables (rendered when a listener's table is opened)
  function renderRouting() {
    routingEl.textContent = '';
    var v = views[current];
    v.listeners.forEach(function (lid) {
      var l = data.listeners[lid];
      var d = el('details', { 'data-listener': lid }, [el('summary', null, [objLink(lid), ' ', el('span', { 'class': 'muted', text: l.desc + ' \u2014 ' + l.rows.length + ' row(s)' })])]);
      if (v.open) d.setAttribute('open', '');
      var filled = false;
      function fill() {
        if (filled) return;
        filled = true;
        var t = el('table', null, [el('tr', null, ['Route', 'Hostnames', 'Matches', 'Filters', 'Backends (weight %)'].map(function (h) { return el('th', { text: h }); }))]);
        l.rows.forEach(function (r) {
          var tr = el('tr', { 'data-obj': r[0] }, [el('td', null, [objLink(r[0])]), el('td', { text: r[1].join(', ') }), el('td', { text: r[2].join('\n') }),
            el('td', { text: r[3].join('\n') }), el('td', { text: r[4].join('\n') })]);
          tr.style.whiteSpace = 'pre-line';
          t.appendChild(tr);
        });
        d.appendChild(t);
        markRows();
      }
      if (v.open) fill(); else d.addEventListener('toggle', fill);
      routingEl.appendChild(d);
    });
    if (v.listeners.length === 0) routingEl.appendChild(el('p', { 'class': 'muted', text: 'No listeners in this view: choose a Gateway view for its routing tables.' }));
  }

  // ---- search
  var hits = [];
  function applySearch() {
    var q = search.value.trim().toLowerCase();
    var svg = diagram.querySelector('svg');
    diagram.querySelectorAll('g.node.hit').forEach(function (n) { n.classList.remove('hit'); });
    hits = [];
    resultsEl.textContent = '';
    if (!q) {
      if (svg) svg.classList.remove('searching');
      matchesEl.textContent = '';
      markRows();
      return;
    }
    for (var id in objects) if (objects[id].s.indexOf(q) >= 0) hits.push(id);
    var shown = 0;
    var v = views[current];
    hits.forEach(function (id) {
      var n = nodeEl(nodeKeyOf(v, id));
      if (n) { n.classList.add('hit'); shown++; }
    });
    if (svg) svg.classList.add('searching');
    matchesEl.textContent = hits.length + ' match(es), ' + shown + ' in this view';
    hits.slice(0, 50).forEach(function (id) { resultsEl.appendChild(el('li', null, [objLink(id), ' ', badge(objects[id].st, objects[id].st)])); });
    if (hits.length > 50) resultsEl.appendChild(el('li', { 'class': 'muted', text: (hits.length - 50) + ' more' }));
    markRows();
  }
  function markRows() {
    var set = {};
    hits.forEach(function (h) { set[h] = true; });
    routingEl.querySelectorAll('tr[data-obj]').forEach(function (tr) { tr.classList.toggle('hit', !!set[tr.getAttribute('data-obj')]); });
  }

  // ---- selection and the status panel
  function mark(id, scroll) {
    diagram.querySelectorAll('g.node.selected').forEach(function (n) { n.classList.remove('selected'); });
    var n = nodeEl(nodeKeyOf(views[current], id));
    if (n) {
      n.classList.add('selected');
      if (scroll) {
        // scroll the diagram pane only (not the page) so the node is in its middle
        var r = n.getBoundingClientRect(), p = diagram.getBoundingClientRect();
        diagram.scrollLeft += (r.left + r.width / 2) - (p.left + p.width / 2);
        diagram.scrollTop += (r.top + r.height / 2) - (p.top + p.height / 2);
      }
    }
  }
  function select(id, scroll) {
    var o = objects[id];
    if (!o) return;
    selected = id;
    var vi = viewIndexOf(id);
    if (vi >= 0 && vi !== current) showView(vi);
    mark(id, scroll);
    panel.textContent = '';
    panel.appendChild(el('h2', { text: label(id) }));
    panel.appendChild(el('p', null, [badge(o.st, o.st === 'ok' ? 'Accepted' : o.st), o.r ? ' ' + o.r : '']));
    if (o.g) {
      var ul = el('ul');
      o.g.forEach(function (m) { ul.appendChild(el('li', null, [objLink(m), ' ', badge(objects[m].st, objects[m].st)])); });
      panel.appendChild(el('p', { text: o.g.length + ' route(s) in this group:' }));
      panel.appendChild(ul);
    }
    if (o.f && o.f.length) {
      panel.appendChild(el('h3', { text: 'Findings' }));
      var fl = el('ul');
      o.f.forEach(function (i) { var f = data.findings[i]; fl.appendChild(el('li', null, [badge(f.sev, f.sev), ' ' + f.code + ': ' + f.msg])); });
      panel.appendChild(fl);
    }
    if (o.d) panel.appendChild(el('pre', { 'class': 'details', text: o.d }));
    if (o.status !== undefined) {
      panel.appendChild(el('h3', { text: 'Predicted status' }));
      panel.appendChild(el('pre', { id: 'status-yaml', text: 'status:' + yaml(unintern(o.status), 1) }));
    }
  }
  function onNodeClick(ev) {
    var g = ev.target.closest && ev.target.closest('g.node');
    if (!g) return;
    var id = views[current].keys[g.id];
    if (id) select(id, false);
  }

  // ---- findings table
  function renderFindings() {
    var body = document.getElementById('findings-body');
    var max = Math.min(data.findings.length, 2000);
    for (var i = 0; i < max; i++) {
      var f = data.findings[i];
      body.appendChild(el('tr', null, [el('td', null, [badge(f.sev, f.sev)]), el('td', { text: f.src }),
        el('td', null, [f.obj ? objLink(f.obj, f.label) : f.label]), el('td', { text: f.code }),
        el('td', { text: f.msg + (f.fix ? ' Fix: ' + f.fix : '') })]));
    }
    if (data.findings.length > max) body.appendChild(el('tr', null, [el('td', { colspan: '5', 'class': 'muted', text: (data.findings.length - max) + ' more finding(s) not shown' })]));
  }

  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a.obj');
    if (a) { ev.preventDefault(); select(a.getAttribute('data-obj'), true); }
  });
  diagram.addEventListener('click', onNodeClick);
  search.addEventListener('input', applySearch);
  if (viewSelect) viewSelect.addEventListener('change', function () { showView(Number(viewSelect.value)); });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom *= 1.25; applyZoom(); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom /= 1.25; applyZoom(); });
  document.getElementById('zoom-fit').addEventListener('click', function () { fit(false); });
  renderFindings();
  showView(0);
  document.body.setAttribute('data-ready', 'true');
})();
`;
