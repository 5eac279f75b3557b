/* The glossary's definition of a marked term, shown while the term is pointed at or
   focused.

   Material's tooltips (content.tooltips) mount a tooltip per element with a `title` as the
   page loads; a page marks up to about 50 terms, and on a phone (Lighthouse's 4x slower
   processor) those mounts blocked the main thread for about 100 ms more on the comparison
   and print pages. The terms therefore carry their definition in `data-tip`, and this
   script serves every term with one tooltip element, made on first use. The term described
   gets `aria-describedby` while its tooltip shows, so a screen reader reads the definition
   as the term's description, as it did the title. Escape hides it. */
(function () {
  "use strict";
  var tip = null, current = null;

  function place(link) {
    var box = link.getBoundingClientRect(), width = document.documentElement.clientWidth;
    tip.style.maxWidth = Math.min(320, width - 16) + "px";
    var left = Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function show(link) {
    if (link === current) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "rr-tip";
      tip.className = "rr-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    hide();
    tip.textContent = link.getAttribute("data-tip");
    tip.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", "rr-tip");
    current = link;
  }

  function hide() {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (tip) tip.hidden = true;
  }

  function termOf(node) {
    return node && node.closest ? node.closest("a.rr-term[data-tip]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = termOf(event.target);
    if (link) show(link);
    else if (current && document.activeElement !== current) hide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termOf(event.target);
    if (link) show(link);
    else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event.target) === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", function () {
    if (current && document.activeElement !== current) hide();
  }, { passive: true });
})();
