/* global document, window */
/*
 * Keyboard use of the workbench (no inline scripts: the CSP forbids them).
 *  g + letter  go to a section (the letters are shown beside the navigation links)
 *  /           focus the page's search or first filter
 *  j / k       next / previous row of a list marked data-keyboard-list; Enter opens it
 * Pages add their own keys (the photo review) in their own script.
 */
(function () {
  'use strict';
  var pendingG = false;
  var gTimer = null;

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function goToSection(letter) {
    var link = document.querySelector('a[data-nav-key="' + letter + '"]');
    if (link) window.location.href = link.getAttribute('href');
  }

  function focusSearch() {
    var field = document.querySelector('[data-shortcut-focus]') || document.querySelector('main form input:not([type=hidden]), main form select');
    if (field) { field.focus(); return true; }
    return false;
  }

  function moveInList(step) {
    var list = document.querySelector('[data-keyboard-list]');
    if (!list) return false;
    var rows = Array.prototype.slice.call(list.querySelectorAll('tbody tr'));
    if (rows.length === 0) return false;
    var current = list.querySelector('tr.current');
    var index = current ? rows.indexOf(current) + step : (step > 0 ? 0 : rows.length - 1);
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (current) current.classList.remove('current');
    var row = rows[index];
    row.classList.add('current');
    var link = row.querySelector('a');
    if (link) link.focus(); else row.scrollIntoView({ block: 'nearest' });
    return true;
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (pendingG) {
      pendingG = false;
      window.clearTimeout(gTimer);
      goToSection(event.key);
      event.preventDefault();
      return;
    }
    if (event.key === 'g') { pendingG = true; gTimer = window.setTimeout(function () { pendingG = false; }, 1500); return; }
    if (event.key === '/' && focusSearch()) { event.preventDefault(); return; }
    if (document.body.hasAttribute('data-page-keys')) return;
    if (event.key === 'j' && moveInList(1)) event.preventDefault();
    if (event.key === 'k' && moveInList(-1)) event.preventDefault();
  });

  /* Forms marked data-confirm ask before an irreversible step (approve, publish). */
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  /* A flag so that tests and styles can tell the scripts ran. */
  document.documentElement.setAttribute('data-app-ready', 'true');
})();
