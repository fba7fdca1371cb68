/* 整改公开 — apply the reader's saved font size and contrast before the page paints.
 * Loaded as a blocking script in <head> (overrides/main.html): the Content-Security-Policy
 * allows no inline script. The buttons that change these settings are in site.js. */
try {
  var s = localStorage.getItem("zg-font"); if (s) document.documentElement.dataset.zgFont = s;
  if (localStorage.getItem("zg-contrast") === "high") document.documentElement.dataset.zgContrast = "high";
} catch (e) {}
