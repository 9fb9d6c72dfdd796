// The page's behaviour: matrix filters, opening the run a link points at, and the topology
// pictures (dagre computes a layered layout, cytoscape.js draws it). Everything it needs is
// in this file and the JSON element #report-data; nothing is fetched.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);

  // ---- matrix filters -------------------------------------------------------------------
  var statusSel = document.getElementById('filter-status');
  var textIn = document.getElementById('filter-text');
  var treeBoxes = Array.prototype.slice.call(document.querySelectorAll('.filter-tree'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.matrix-row'));

  function applyFilters() {
    var trees = {};
    treeBoxes.forEach(function (b) { trees[b.value] = b.checked; });
    document.querySelectorAll('.matrix .tree-col').forEach(function (c) {
      c.style.display = trees[c.dataset.tree] ? '' : 'none';
    });
    var want = statusSel.value, text = textIn.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var statuses = [];
      r.querySelectorAll('td.cell').forEach(function (c) {
        if (trees[c.dataset.tree] && c.dataset.status) statuses.push(c.dataset.status);
      });
      var ok = statuses.length > 0;
      if (want === 'failed') ok = statuses.indexOf('failed') >= 0;
      if (want === 'passed') ok = ok && statuses.every(function (s) { return s === 'passed'; });
      if (ok && text) ok = r.textContent.toLowerCase().indexOf(text) >= 0;
      r.style.display = ok ? '' : 'none';
      if (ok) shown++;
    });
    document.getElementById('filter-count').textContent = shown + ' of ' + rows.length + ' scenarios';
  }
  statusSel.addEventListener('change', applyFilters);
  textIn.addEventListener('input', applyFilters);
  treeBoxes.forEach(function (b) { b.addEventListener('change', applyFilters); });
  applyFilters();

  // ---- topology pictures ----------------------------------------------------------------
  var COLORS = {
    smmu: '#aeb6bf', strtab: '#d6dbdf', ste: '#aed6f1', cdtab: '#a3e4d7', leaf: '#d1f2eb', cd: '#abebc6',
    pasid: '#fad7a0', process: '#d7bde2', device: '#e5e7e9', group: '#f5b7b1', domain: '#f9e79f'
  };
  var STYLE = [
    { selector: 'node', style: {
      shape: 'round-rectangle', width: 'data(w)', height: 'data(h)', label: 'data(label)',
      'text-wrap': 'wrap', 'text-valign': 'center', 'text-halign': 'center', 'font-size': 10,
      'font-family': 'monospace', color: '#17202a', 'background-color': 'data(color)',
      'border-width': 1, 'border-color': '#808b96' } },
    { selector: 'node.added', style: { 'border-width': 3, 'border-color': '#27ae60' } },
    { selector: 'node.problem', style: { 'border-width': 3, 'border-color': '#e74c3c', 'border-style': 'dashed' } },
    { selector: 'edge', style: {
      width: 1.2, 'line-color': '#99a3a4', 'target-arrow-color': '#99a3a4', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#515a5a',
      'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } }
  ];
  var drawn = new Map();

  function textSize(text) {
    var lines = text.split('\n');
    var longest = lines.reduce(function (m, l) { return Math.max(m, l.length); }, 0);
    return { w: longest * 6.2 + 16, h: lines.length * 13 + 10 };
  }

  function draw(container, stepIndex) {
    var run = data.runs[container.dataset.run];
    var caption = container.parentNode.querySelector('.topology-caption[data-run="' + container.dataset.run + '"]');
    if (!run || run.steps.length === 0) { container.textContent = 'not recorded'; return; }
    var i = Math.max(0, Math.min(stepIndex, run.steps.length - 1));
    var topo = run.steps[i].topology;
    var prev = i > 0 ? run.steps[i - 1].topology : null;
    var prevIds = new Set(prev ? prev.nodes.map(function (n) { return n.id; }) : []);
    var nowIds = new Set(topo.nodes.map(function (n) { return n.id; }));
    var g = new dagre.graphlib.Graph();
    // Top to bottom: the chain SMMU -> ... -> processes is long and each level is narrow.
    g.setGraph({ rankdir: 'TB', nodesep: 14, ranksep: 36, marginx: 10, marginy: 10 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var elements = [];
    topo.nodes.forEach(function (n) {
      var text = n.label + (n.detail ? '\n' + n.detail : '') + (n.problem ? '\n!! ' + n.problem : '');
      var size = textSize(text);
      g.setNode(n.id, { width: size.w, height: size.h });
      var classes = [n.kind];
      if (prev && !prevIds.has(n.id)) classes.push('added');
      if (n.problem) classes.push('problem');
      elements.push({ group: 'nodes', classes: classes.join(' '),
        data: { id: n.id, label: text, w: size.w, h: size.h, color: COLORS[n.kind] || '#fff' } });
    });
    topo.edges.forEach(function (e, k) {
      g.setEdge(e[0], e[1]);
      elements.push({ group: 'edges', data: { id: 'e' + k, source: e[0], target: e[1], label: e[2] } });
    });
    dagre.layout(g);
    elements.forEach(function (el) {
      if (el.group === 'nodes') { var p = g.node(el.data.id); el.position = { x: p.x, y: p.y }; }
    });
    // The box takes the picture's height at the box's width (never enlarged), within bounds.
    var size = g.graph();
    var scale = Math.min(1, (container.clientWidth || 800) / Math.max(size.width, 1));
    container.style.height = Math.round(Math.max(260, Math.min(1000, size.height * scale + 24))) + 'px';
    var old = drawn.get(container);
    if (old) old.destroy();
    var cy = cytoscape({ container: container, elements: elements, style: STYLE, layout: { name: 'preset' },
      minZoom: 0.1, maxZoom: 3 });
    cy.fit(undefined, 12);
    drawn.set(container, cy);
    container.dataset.drawnStep = String(i);
    container.dataset.nodes = String(topo.nodes.length);
    if (caption) {
      var added = prev ? topo.nodes.filter(function (n) { return !prevIds.has(n.id); }).map(function (n) { return n.label; }) : [];
      var gone = prev ? prev.nodes.filter(function (n) { return !nowIds.has(n.id); }).map(function (n) { return n.label; }) : [];
      caption.textContent = run.steps[i].label + ': ' + topo.nodes.length + ' objects' +
        (added.length ? '; new: ' + added.join(', ') : '') + (gone.length ? '; gone: ' + gone.join(', ') : '');
    }
  }

  function drawAll(scope) {
    scope.querySelectorAll('select.step-select').forEach(function (sel) { pick(sel, +sel.value); });
  }

  // The slice of a run's timeline that one step covers, for the trees side by side: a copy
  // of the run's picture whose viewBox shows that step's band only.
  function timelineSlice(holder, stepIndex) {
    var full = document.getElementById(holder.dataset.run + '-timeline');
    holder.textContent = '';
    if (!full) return;
    var band = full.querySelector('g.step-band[data-step="' + stepIndex + '"] rect.band');
    if (!band) return;
    var x = +band.getAttribute('x'), w = +band.getAttribute('width'), h = +full.getAttribute('height');
    var copy = full.cloneNode(true);
    copy.removeAttribute('id');
    copy.setAttribute('viewBox', x + ' 0 ' + w + ' ' + h);
    copy.setAttribute('width', String(w));
    copy.setAttribute('height', String(h));
    holder.appendChild(copy);
    holder.dataset.drawnStep = String(stepIndex);
  }

  // A step chosen in a select, a steps-table row or a timeline band: draw it everywhere it applies.
  function pick(sel, stepIndex) {
    sel.value = String(stepIndex);
    var box = sel.closest('details');
    box.querySelectorAll('.topology').forEach(function (c) { draw(c, stepIndex); });
    box.querySelectorAll('.side-timeline').forEach(function (t) { timelineSlice(t, stepIndex); });
    box.querySelectorAll('[data-step]').forEach(function (el) {
      el.classList.toggle('chosen', +el.dataset.step === stepIndex);
    });
  }

  document.querySelectorAll('select.step-select').forEach(function (sel) {
    sel.addEventListener('change', function () { pick(sel, +sel.value); });
  });
  document.querySelectorAll('details.run, details.compare').forEach(function (d) {
    var sel = d.querySelector('select.step-select');
    d.addEventListener('toggle', function () {
      if (!d.open) return;
      drawAll(d);
      // Open the timeline where the first violation fired: that is what the reader came for.
      var wrap = d.querySelector(':scope .run-body > .timeline-wrap');
      var mark = wrap && wrap.querySelector('.violation-mark line');
      if (mark) wrap.scrollLeft = Math.max(0, +mark.getAttribute('x1') - wrap.clientWidth / 2);
    });
    if (!sel) return;
    d.querySelectorAll('tr[data-step], svg.timeline .step-band').forEach(function (el) {
      el.addEventListener('click', function () { pick(sel, +el.dataset.step); });
    });
  });

  // ---- links into the page ---------------------------------------------------------------
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') {
      el.open = true;
      el.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
}());
