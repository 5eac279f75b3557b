/* Search and the language switcher's lookups on demand.

   Material starts its search when a page loads: it downloads the search index (about 50 KB
   gzipped), starts the search worker (12 KB), which loads the language files, and downloads
   a sitemap for every language link, all before anyone searches or switches language: about
   40% of a phone's first view. This script, loaded just before Material's bundle, holds
   those requests back until they are wanted:

   - the search index and the worker, until the reader opens search (taps the search button,
     clicks or focuses the search box, or presses a search shortcut), or points at it, which
     gives the download a head start; a page opened from a search result (`?h=`) starts at
     once, since it highlights the words searched for;
   - the sitemaps, until the reader points at, touches or focuses the language switcher.
     The switcher's links already lead to the same page in the other language (the
     mkdocs-static-i18n plugin writes them), so nothing waits on the sitemaps.

   Material reads both files with XMLHttpRequest and makes the worker with `new Worker`, so
   a request is held at `send` and the worker is created at its first message (which Material
   sends once the index has arrived). The same door shapes each query on its way to the
   worker (below); macros/render/searchfix.py fixes how the worker cuts a Chinese query. */
(function () {
  "use strict";

  function gate() {
    var open = false, waiting = [];
    return {
      open: function () {
        if (open) return;
        open = true;
        waiting.splice(0).forEach(function (run) { run(); });
      },
      then: function (run) { if (open) run(); else waiting.push(run); }
    };
  }

  var search = gate(), languages = gate();
  if (/[?&]h=/.test(location.search)) search.open();

  var held = [
    [/\/search\/search_index\.json(?:[?#]|$)/, search],
    [/\/sitemap\.xml(?:[?#]|$)/, languages]
  ];
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var address = String(url);
    this.rrGate = null;
    for (var i = 0; i < held.length; i++) if (held[i][0].test(address)) this.rrGate = held[i][1];
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.rrGate) return send.apply(request, args);
    request.rrGate.then(function () { send.apply(request, args); });
  };

  // A query as readers type it: every word must appear (a page with "time" alone is not a
  // result for "Enterprise Coffee Time"), the last one may be unfinished, and a figure and
  // its Chinese unit are two words, as the index holds them (3.54亿 is 3.54 and 亿元).
  // A query that uses the search syntax (quotes, + - * ~ ^ :) is left as written.
  function shapeQuery(query) {
    if (/["+\-*~^:]/.test(query)) return query;
    var words = query.replace(/([0-9%])(?=\p{sc=Han})|(\p{sc=Han})(?=[0-9])/gu, "$1$2 ").trim().split(/\s+/);
    return words.filter(Boolean).map(function (word) { return "+" + word + "*"; }).join(" ");
  }

  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^/]*\.js/.test(String(url))) return new RealWorker(url, options);
      var worker = null, listeners = [];
      function real() {
        if (!worker) {
          worker = new RealWorker(url, options);
          listeners.forEach(function (l) { worker.addEventListener(l[0], l[1], l[2]); });
        }
        return worker;
      }
      return {
        addEventListener: function (type, listener, opts) {
          if (worker) worker.addEventListener(type, listener, opts); else listeners.push([type, listener, opts]);
        },
        removeEventListener: function (type, listener, opts) {
          if (worker) worker.removeEventListener(type, listener, opts);
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
        },
        postMessage: function (message, transfer) {
          if (message && message.type === 2 && typeof message.data === "string") {  // a query
            message = { type: 2, data: shapeQuery(message.data) };
          }
          real().postMessage(message, transfer);
        },
        terminate: function () { if (worker) worker.terminate(); }
      };
    };
  }

  function on(selector, events, g) {
    events.forEach(function (type) {
      document.addEventListener(type, function (event) {
        var target = event.target;
        if (target && target.closest && target.closest(selector)) g.open();
      }, { capture: true, passive: true });
    });
  }
  on(".md-search, label[for=__search], [data-md-toggle=search]", ["pointerover", "touchstart", "focusin", "change"], search);
  on(".md-select", ["pointerover", "touchstart", "focusin"], languages);
  // Material's shortcuts open search by clicking its toggle, which fires `change` above;
  // the keys are also watched here in case a reader types before the toggle reacts.
  document.addEventListener("keydown", function (event) {
    var field = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!field && /^[fs/]$/i.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) search.open();
  }, { capture: true });
})();
