/* global document, window */
/*
 * Photo review keys (shown on screen): j / k next / previous photo, p pass, f fail,
 * z zoom, n next transaction. p and f press the current photo's own buttons, so the
 * decision is the same form post as a mouse click (with the CSRF token and the chosen reason).
 */
(function () {
  'use strict';
  var cards = Array.prototype.slice.call(document.querySelectorAll('[data-photo-card]'));
  if (cards.length === 0) return;
  document.body.setAttribute('data-page-keys', 'photo-review');
  var index = Math.max(0, cards.findIndex(function (c) { return c.classList.contains('current'); }));

  function select(next) {
    cards[index].classList.remove('current');
    index = Math.max(0, Math.min(cards.length - 1, next));
    var card = cards[index];
    card.classList.add('current');
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'start' });
  }

  function press(verdict) {
    var button = cards[index].querySelector('button[name="verdict"][value="' + verdict + '"]');
    if (button) button.click();
  }

  function toggleZoom(frame) {
    if (frame) frame.classList.toggle('zoomed');
  }

  function typing(target) {
    var tag = target && target.tagName ? target.tagName.toLowerCase() : '';
    return tag === 'input' || tag === 'textarea' || tag === 'select';
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var handled = true;
    if (event.key === 'j') select(index + 1);
    else if (event.key === 'k') select(index - 1);
    else if (event.key === 'p') press('PASS');
    else if (event.key === 'f') press('FAIL');
    else if (event.key === 'z') toggleZoom(cards[index].querySelector('[data-zoomable]'));
    else if (event.key === 'n') {
      var next = document.querySelector('[data-next-case]');
      if (next) window.location.href = next.getAttribute('href');
    } else handled = false;
    if (handled) event.preventDefault();
  });

  document.addEventListener('click', function (event) {
    var frame = event.target.closest && event.target.closest('[data-zoomable]');
    if (frame && event.target.tagName === 'IMG') toggleZoom(frame);
  });

  select(index);
})();
