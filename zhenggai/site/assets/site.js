/* 整改公开 — reading tools (字体, 高对比度, 打印), the "/" search shortcut, and address copy. */
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

  // On a phone the catalogue table (文件信息) folds away, so the first screen shows the title,
  // who inspected whom and how far the rectification is; it opens with one tap. Without
  // script it simply stays open.
  function foldCatalogue() {
    if (!window.matchMedia("(max-width: 40em)").matches) return;
    document.querySelectorAll("details.zg-meta-box").forEach(function (d) { d.open = false; });
  }

  refresh();
  addCopyButtons();
  foldCatalogue();
})();
