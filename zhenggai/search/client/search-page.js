/* 整改公开 — the /search/ page: reads q and the filters from the URL, shows the results.
 * Needs search.js (zhenggaiSearchCore) loaded first. */
(function () {
  "use strict";
  var core = window.zhenggaiSearchCore;
  var root = document.querySelector("[data-zgs]");
  if (!core || !root) return;

  var form = root.querySelector(".zgs-form");
  var status = root.querySelector(".zgs-status");
  var exactList = root.querySelector(".zgs-results");
  var partialHead = root.querySelector(".zgs-partial-head");
  var also = root.querySelector(".zgs-also");
  var partialList = root.querySelector(".zgs-partial");
  var more = root.querySelector(".zgs-more");
  var documentsUrl = root.getAttribute("data-documents-url") || "../documents/";
  var metaP = core.load("meta");
  var current = null;
  var seq = 0;
  var ready;  // the last search started (zhenggaiSearch.ready), from the URL, the form or history

  root.classList.add("zgs--js");

  function params() {
    var p = new URLSearchParams(location.search), out = { q: (p.get("q") || "").trim() };
    core.FACETS.forEach(function (f) { out[f] = p.get(f) || ""; });
    return out;
  }

  function fillForm(p) {
    form.elements.q.value = p.q;
    core.FACETS.forEach(function (f) {
      var select = form.elements[f];
      if (!select) return;
      if (p[f] && !Array.from(select.options).some(function (o) { return o.value === p[f]; })) {
        select.add(new Option(p[f], p[f]));
      }
      select.value = p[f];
    });
  }

  function populateFilters(data) {
    core.FACETS.forEach(function (f) {
      var select = form.elements[f];
      if (!select) return;
      data.names[f].forEach(function (name, i) {
        var label = (f === "year" ? name + "年" : name) + "(" + data.counts[f][i] + ")";
        select.add(new Option(label, name));
      });
    });
  }

  function cnDate(iso) {
    var p = iso.split("-");
    return p[0] + "年" + Number(p[1]) + "月" + Number(p[2]) + "日";
  }

  function docUrl(meta, id, anchor) {
    var base = meta.base ? meta.base.replace(/\/?$/, "/") + "documents/" : documentsUrl;
    return base + encodeURIComponent(id) + "/" + (anchor ? "#" + anchor : "");
  }

  function whereLabel(anchor) {
    if (/^c\d+-p\d+-i\d+$/.test(anchor)) return "查看该问题表现";
    if (/^c\d+-p\d+$/.test(anchor)) return "查看该问题";
    if (/^c\d+$/.test(anchor)) return "查看该方面";
    if (anchor === "contact") return "查看监督联系方式";
    return "查看所在部分";
  }

  /* Original-text ranges of every occurrence of `needles` in `text`, merged. */
  function highlights(text, needles) {
    var fm = core.foldMap(text), ranges = [];
    needles.forEach(function (n) {
      if (!n) return;
      for (var i = fm.text.indexOf(n); i >= 0; i = fm.text.indexOf(n, i + 1)) {
        var s = fm.map[i], e = fm.map[i + n.length];
        ranges.push([s, Math.max(e, s + 1)]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
    });
    return merged;
  }

  function excerptNode(text, needles) {
    var ranges = highlights(text, needles);
    var at = ranges[0];
    var start = Math.max(0, (at ? at[0] : 0) - 30), end = Math.min(text.length, start + 120);
    var p = document.createElement("p"), pos = start;
    p.className = "zgs-result__excerpt";
    if (start > 0) p.append("…");
    ranges.forEach(function (r) {
      if (r[1] <= start || r[0] >= end) return;
      var s = Math.max(r[0], start), e = Math.min(r[1], end);
      if (s > pos) p.append(text.slice(pos, s));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      p.append(mark);
      pos = e;
    });
    if (pos < end) p.append(text.slice(pos, end));
    if (end < text.length) p.append("…");
    return p;
  }

  function resultItem(meta, search, r) {
    var data = r.hit.data, row = data.b[r.hit.block], anchor = core.blockAnchor(row);
    var li = document.createElement("li");
    li.className = "zgs-result";
    li.setAttribute("data-id", data.i);
    li.setAttribute("data-tier", String(r.tier));
    if (anchor) li.setAttribute("data-anchor", anchor);
    var title = document.createElement("a");
    title.className = "zgs-result__title";
    title.href = docUrl(meta, data.i, "");
    title.textContent = data.t;
    var info = document.createElement("p");
    info.className = "zgs-result__meta";
    var time = document.createElement("time");
    time.dateTime = data.p;
    time.textContent = cnDate(data.p);
    info.append(time, " · " + data.o + " · " + data.k);
    li.append(title, info);
    if (r.missing && r.missing.length && r.held) {
      var lacks = document.createElement("p");
      lacks.className = "zgs-result__missing";
      lacks.textContent = "不含：" + r.missing.map(quote).join("、");
      li.append(lacks);
    }
    if (search.terms.length) {
      var words = [];
      search.terms.forEach(function (t) { t.alts.forEach(function (a) { words.push(a.text); }); });
      var needles = r.tier === 1 || r.held ? words : [r.hit.term];
      li.append(excerptNode(core.blockText(row), needles));
    }
    if (anchor) {
      var where = document.createElement("a");
      where.className = "zgs-result__where";
      where.href = docUrl(meta, data.i, anchor);
      where.textContent = whereLabel(anchor);
      li.append(where);
    }
    return li;
  }

  function quote(word) { return "“" + word + "”"; }

  function describe(p, search) {
    var shown = search.exact.length, q = quote(p.q), several = search.terms.length > 1;
    var chosen = core.FACETS.filter(function (f) { return p[f]; }).map(function (f) {
      return f === "year" ? p[f] + "年" : p[f];
    });
    var scope = chosen.length ? "在“" + chosen.join("、") + "”中" : "";
    if (search.nothing) return "没有找到包含" + q + "的文件。";
    if (!search.terms.length) {
      return scope + "共 " + search.candidates.length + " 个文件符合筛选条件，按发布日期从新到旧排列。";
    }
    var absent = search.absent();
    var none = absent.length ? "没有任何文件含有" + absent.map(quote).join("、") + "。" : "";
    if (!search.exactDone) return scope + "已找到 " + shown + " 个以上包含" + q + "的文件，按发布日期从新到旧排列。";
    if (shown) return scope + "找到 " + shown + " 个包含" + q + "的文件，按发布日期从新到旧排列。" + none;
    if (several && search.partial.length) {
      return scope + "没有同时含有" + search.terms.map(function (t) { return quote(t.text); }).join("、") +
        "的文件。" + none + "下面列出含有其中部分字词的文件，含有的字词多的在前。";
    }
    return scope + "没有找到包含" + q + "的文件。" + (several ? none : "");
  }

  /* 也搜索了：the synonyms each word was searched with (the index's table). */
  function describeAlso(search) {
    var parts = search.expanded.map(function (t) {
      return t.alts.slice(1).map(function (a) { return quote(a.text); }).join("、") + "（" + quote(t.text) + "的同义词）";
    });
    return parts.length ? "也搜索了：" + parts.join("；") : "";
  }

  function render(p, search, meta, count) {
    var results = search.results().slice(0, count);
    return search.display(results).then(function () {
      exactList.replaceChildren();
      partialList.replaceChildren();
      results.forEach(function (r) {
        (r.tier === 1 ? exactList : partialList).append(resultItem(meta, search, r));
      });
      var partShown = results.some(function (r) { return r.tier === 2; });
      partialHead.hidden = !partShown;
      if (partShown) {
        partialHead.textContent = search.terms.length > 1
          ? "只含有部分字词的文件（含有的字词多的在前）"
          : "含有" + quote(p.q) + "中的字、但不含完整的" + quote(p.q) + "的文件";  /* a heading: no colon */
      }
      status.textContent = describe(p, search);
      also.textContent = describeAlso(search);
      also.hidden = !also.textContent;
      more.hidden = search.complete && count >= search.results().length;
      root.setAttribute("data-state", "done");
    });
  }

  function run() {
    var p = params(), token = ++seq;
    fillForm(p);
    exactList.replaceChildren();
    partialList.replaceChildren();
    partialHead.hidden = true;
    also.hidden = true;
    more.hidden = true;
    root.setAttribute("data-state", "busy");
    if (!p.q && !core.FACETS.some(function (f) { return p[f]; })) {
      status.textContent = "请输入要查找的字词，例如单位名称、事项或人名。";
      root.setAttribute("data-state", "done");
      current = null;
      return Promise.resolve();
    }
    status.textContent = "正在搜索…";
    return Promise.all([metaP, core.foldReady(p.q)]).then(function (loaded) {
      var meta = loaded[0], search = new core.Search(meta, p.q, p);
      current = { p: p, search: search, meta: meta, count: core.PAGE };
      return search.prepare().then(function () { return search.fill(core.PAGE); }).then(function () {
        if (token === seq) return render(p, search, meta, core.PAGE);
      });
    }).catch(function () {
      if (token !== seq) return;
      status.textContent = "搜索索引加载失败，请稍后重试，或通过文件列表浏览。";
      root.setAttribute("data-state", "error");
    });
  }

  function showMore(count) {
    if (!current) return Promise.resolve();
    var c = current, token = seq;
    c.count = count === undefined ? c.count + core.PAGE : count;
    root.setAttribute("data-state", "busy");
    return c.search.fill(c.count).then(function () {
      if (token === seq) return render(c.p, c.search, c.meta, c.count);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) url.set("q", q);
    core.FACETS.forEach(function (f) { if (form.elements[f] && form.elements[f].value) url.set(f, form.elements[f].value); });
    history.pushState(null, "", "?" + url.toString());
    ready = run();
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") form.requestSubmit();
  });
  more.addEventListener("click", function () { showMore(); });
  window.addEventListener("popstate", function () { ready = run(); });

  /* The filter options (long at thousands of documents) load only when filters are wanted. */
  var box = root.querySelector(".zgs-filter-box");
  var options = null;
  function loadOptions() {
    if (!options) options = core.load("filters").then(populateFilters).then(function () { fillForm(params()); });
    return options.catch(function () {});
  }
  box.addEventListener("toggle", function () { if (box.open) loadOptions(); });
  var wanted = core.FACETS.some(function (f) { return params()[f]; });
  if (wanted) box.open = true;
  ready = (wanted ? loadOptions() : Promise.resolve()).then(run);
  window.zhenggaiSearch = {
    ready: function () { return ready; },
    run: function () { ready = run(); return ready; },
    showAll: function () { return showMore(Infinity); },
    current: function () { return current; }
  };
})();
