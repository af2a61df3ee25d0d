/* byline: optional enhancements of article pages. Without JavaScript the
   page is whole; these buttons stay hidden. No dependency, no tracking. */
(function () {
  "use strict";
  var KEY = "byline-text-size";
  var sizes = [0.9, 1, 1.15, 1.3];
  function applySize(i) {
    document.documentElement.style.setProperty("--text-scale", String(sizes[i]));
  }
  function savedSize() {
    try {
      var i = parseInt(window.localStorage.getItem(KEY) || "1", 10);
      return i >= 0 && i < sizes.length ? i : 1;
    } catch (e) {
      return 1;
    }
  }
  var current = savedSize();
  applySize(current);
  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector(".tool-status");
    var tools = document.querySelectorAll("button[data-tool]");
    Array.prototype.forEach.call(tools, function (button) {
      var tool = button.getAttribute("data-tool");
      if (tool === "copy" && !(navigator.clipboard && window.isSecureContext)) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (tool === "copy") {
          navigator.clipboard.writeText(button.getAttribute("data-url")).then(function () {
            if (status) { status.textContent = button.getAttribute("data-done"); }
          });
        } else if (tool === "print") {
          window.print();
        } else {
          current = Math.max(0, Math.min(sizes.length - 1, current + (tool === "larger" ? 1 : -1)));
          applySize(current);
          try { window.localStorage.setItem(KEY, String(current)); } catch (e) { /* private mode */ }
        }
      });
    });
  });
})();
