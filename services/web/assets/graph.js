/* global document, cytoscape */
/*
 * The ring network (cytoscape): persons, phones, addresses, bookers and handlers as distinct node
 * kinds. The graph comes from the page itself (data-graph, JSON in an attribute: no inline script
 * under the CSP). Members and what they share are shown first; clicking a node shows its details
 * and expands the neighbours still folded away (addresses, handlers). A table below the graph
 * lists the same nodes and relations for keyboards and screen readers.
 */
(function () {
  'use strict';
  var host = document.querySelector('[data-graph]');
  if (!host || typeof cytoscape !== 'function') return;
  var details = document.querySelector('[data-graph-details]');
  var graph = JSON.parse(host.getAttribute('data-graph') || '{}');

  var KINDS = {
    person: { shape: 'ellipse', color: '#0b4a8b' },
    phone: { shape: 'diamond', color: '#b45309' },
    address: { shape: 'round-rectangle', color: '#2f6f3e' },
    booker: { shape: 'triangle', color: '#6b46c1' },
    handler: { shape: 'hexagon', color: '#9b1c1c' }
  };

  var elements = (graph.nodes || []).map(function (n) {
    return { group: 'nodes', classes: n.collapsed ? 'folded' : '', data: { id: n.id, label: n.label || n.id, kind: n.kind, suspect: n.suspect ? 1 : 0, href: n.href || '', info: n.info || '' } };
  }).concat((graph.edges || []).map(function (e) {
    return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: e.kind || '', weight: e.weight || 1 } };
  }));

  var styles = [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22, 'border-width': 2, 'border-color': '#fff', color: '#1b2430' } },
    { selector: 'node[suspect = 1]', style: { width: 34, height: 34, 'border-color': '#f0a500', 'border-width': 4 } },
    { selector: 'node:selected', style: { 'border-color': '#f0a500', 'border-width': 5 } },
    { selector: 'edge', style: { width: 'mapData(weight, 1, 20, 1, 6)', 'line-color': '#9aa5b1', 'curve-style': 'bezier', opacity: 0.8 } },
    { selector: '.folded', style: { display: 'none' } }
  ];
  Object.keys(KINDS).forEach(function (kind) {
    styles.push({ selector: 'node[kind = "' + kind + '"]', style: { shape: KINDS[kind].shape, 'background-color': KINDS[kind].color } });
  });

  var cy = cytoscape({ container: host, elements: elements, style: styles, wheelSensitivity: 0.3 });

  function layout() {
    cy.elements(':visible').layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000 }).run();
    host.setAttribute('data-rendered-nodes', String(cy.nodes(':visible').length));
    host.setAttribute('data-rendered-edges', String(cy.edges(':visible').length));
  }

  function showDetails(node) {
    if (!details) return;
    var d = node.data();
    details.textContent = '';
    var title = document.createElement('strong');
    title.textContent = d.label;
    details.appendChild(title);
    if (d.info) details.appendChild(document.createTextNode(' · ' + d.info));
    details.appendChild(document.createTextNode(' · 关联 ' + node.degree(false) + ' 项 '));
    if (d.href) {
      var link = document.createElement('a');
      link.href = d.href;
      link.textContent = '打开档案';
      details.appendChild(link);
    }
  }

  cy.on('tap', 'node', function (event) {
    var node = event.target;
    showDetails(node);
    var folded = node.neighborhood('node.folded');
    if (folded.length > 0) {
      folded.removeClass('folded');
      layout();
    }
  });

  var expandAll = document.querySelector('[data-graph-expand-all]');
  if (expandAll) expandAll.addEventListener('click', function () { cy.nodes('.folded').removeClass('folded'); layout(); });
  var fit = document.querySelector('[data-graph-fit]');
  if (fit) fit.addEventListener('click', function () { cy.fit(undefined, 20); });

  layout();
})();
