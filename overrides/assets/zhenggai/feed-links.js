/* 整改公开 — keep Material's script from asking for sitemap.xml beside our Atom feeds.
 *
 * Material reads every <link rel="alternate"> as a language version of the site and fetches
 * sitemap.xml beside it: for the feeds, feeds/sitemap.xml, which does not exist (a 404 on
 * every page, in the browser's console and in every server log). The page keeps
 * rel="alternate" for feed readers, which read the HTML; in the browser, before Material's
 * bundle runs, each feed link's rel becomes "alternate feed", which Material's exact
 * [rel=alternate] no longer matches. Loaded right before the bundle (overrides/main.html). */
(function () {
  "use strict";
  var feeds = document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]');
  for (var i = 0; i < feeds.length; i++) feeds[i].setAttribute("rel", "alternate feed");
})();
