// Live progress on the console's editions and edition pages: every 2 s, each edition still sending or
// paused reads GET /admin/editions/{id} (the browser's session cookie authenticates it) and redraws its
// bar, its summary and, on an edition's page, its numbers. Without this script the pages still work;
// they show progress as of their loading.
(function () {
  'use strict';
  var FINAL = ['complete', 'cancelled'];

  function percent(part, total) {
    return (100 * part / Math.max(1, total)) + '%';
  }

  function redraw(article, edition) {
    var d = edition.delivery;
    var left = d.pending + d.sending;
    var total = d.sent + d.failed + d.suppressed + left;
    var sent = article.querySelector('.bar-sent');
    var failed = article.querySelector('.bar-failed');
    var suppressed = article.querySelector('.bar-suppressed');
    sent.setAttribute('width', percent(d.sent, total));
    failed.setAttribute('x', percent(d.sent, total));
    failed.setAttribute('width', percent(d.failed, total));
    suppressed.setAttribute('x', percent(d.sent + d.failed, total));
    suppressed.setAttribute('width', percent(d.suppressed, total));
    var summary = d.sent + ' of ' + total + ' sent, ' + d.failed + ' failed, ' + d.suppressed + ' suppressed, '
        + left + ' to go';
    if (edition.sendRatePerSecond > 0) {
      summary += ', ' + edition.sendRatePerSecond.toFixed(1) + '/s';
    }
    if (edition.estimatedSecondsLeft !== null && edition.estimatedSecondsLeft !== undefined) {
      summary += ', about ' + edition.estimatedSecondsLeft + ' s left';
    }
    article.querySelector('.summary').textContent = summary;
    article.querySelector('.state').textContent = edition.state;
    var reason = article.querySelector('.paused-reason');
    reason.hidden = !edition.pausedReason;
    reason.textContent = edition.pausedReason
      ? 'Paused by delivery: ' + edition.pausedReason + '. Mend the sender or the message, then resume.' : '';
    article.querySelector('.bar').setAttribute('aria-label', summary);
    // The same words as ProgressView writes them.
    var numbers = {
      queued: left, sent: d.sent, failed: d.failed, suppressed: d.suppressed, bounced: edition.bounced,
      rate: edition.sendRatePerSecond > 0 ? edition.sendRatePerSecond.toFixed(1) + '/s' : '\u2013',
      left: edition.estimatedSecondsLeft === null || edition.estimatedSecondsLeft === undefined
        ? '\u2013' : 'about ' + edition.estimatedSecondsLeft + ' s'
    };
    article.querySelectorAll('[data-count]').forEach(function (element) {
      element.textContent = String(numbers[element.dataset.count]);
    });
    article.dataset.state = edition.state;
  }

  function poll() {
    document.querySelectorAll('[data-edition]').forEach(function (article) {
      if (FINAL.indexOf(article.dataset.state) >= 0) {
        return;
      }
      fetch('/admin/editions/' + article.dataset.edition, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (edition) { if (edition) { redraw(article, edition); } })
        .catch(function () { /* the next poll tries again */ });
    });
  }

  setInterval(poll, 2000);
  poll();
}());
