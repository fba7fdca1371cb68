/* 整改公开 — reading tools (字号, 高对比度, 打印), the "/" search shortcut, address copy, wide tables. */
(function () {
  "use strict";
  var root = document.documentElement;

  function store(key, value) {
    try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value); } catch (e) {}
  }

  function refresh() {
    var font = root.dataset.zgFont || "medium";
    document.querySelectorAll("[data-zg-font]").forEach(function (b) {
      if (b.tagName === "BUTTON") b.setAttribute("aria-pressed", String(b.dataset.zgFont === font));
    });
    document.querySelectorAll("[data-zg-contrast]").forEach(function (b) {
      if (b.tagName === "BUTTON") b.setAttribute("aria-pressed", String(root.dataset.zgContrast === "high"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.zgFont) {
      root.dataset.zgFont = button.dataset.zgFont;
      store("zg-font", button.dataset.zgFont);
    } else if (button.hasAttribute("data-zg-contrast")) {
      var high = root.dataset.zgContrast !== "high";
      if (high) root.dataset.zgContrast = "high"; else delete root.dataset.zgContrast;
      store("zg-contrast", high ? "high" : null);
    } else if (button.hasAttribute("data-zg-print")) {
      window.print();
    } else if (button.classList.contains("zg-copy")) {
      var text = button.previousElementSibling.textContent;
      navigator.clipboard.writeText(text).then(function () { button.textContent = "已复制"; });
    }
    refresh();
  });

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("zg-header-q");
      if (box) { event.preventDefault(); box.focus(); }
    }
  });

  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".zg-copyable").forEach(function (span) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "zg-copy"; b.textContent = "复制地址";
      span.after(b);
    });
  }

  // A table wider than the screen scrolls inside its frame (its first column stays): say so
  // above it, and let the keyboard scroll it. Checked again when the window or 字号 changes.
  function markWideTables() {
    document.querySelectorAll(".zg-table-wrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      var cue = wrap.previousElementSibling;
      var hasCue = cue && cue.classList.contains("zg-scroll-cue");
      wrap.classList.toggle("zg-table-wrap--scrolls", wide);
      if (wide && !hasCue) {
        cue = document.createElement("p");
        cue.className = "zg-scroll-cue";
        cue.textContent = "表格较宽，可左右滑动查看其余各列 →";
        wrap.before(cue);
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-label", (caption ? caption.textContent + "，" : "") + "可左右滚动的表格");
      } else if (!wide && hasCue) {
        cue.remove();
        ["role", "tabindex", "aria-label"].forEach(function (a) { wrap.removeAttribute(a); });
      }
    });
  }

  refresh();
  addCopyButtons();
  markWideTables();
  window.addEventListener("resize", markWideTables);
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-zg-font]")) markWideTables();
  });
})();
