/* 整改公开 — site search client. No dependencies, no build step, works from file:// too.
 *
 * The index (written by zhenggai/search.py) is a folder of small scripts, each calling
 * __zgs(name, data). Per query the client loads the shards of the query's one- and
 * two-character keys, intersects their postings (documents numbered newest first, each with
 * a bit set of chunks), then confirms documents in date order by reading their candidate
 * chunks, until a page of documents containing the whole query is found. Documents holding
 * only the pieces of the query are listed after all documents holding the whole of it.
 */
(function () {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charAt(a)] = a;
  var MAX_TERM_KEYS = 8;
  var PAGE = 10;
  var FACETS = ["year", "org", "body", "kind", "status"];
  var script = document.currentScript;
  var INDEX_URL = script ? script.src.replace(/[^/]*$/, "") + "idx/" : "idx/";

  /* ---------- loading the index ---------- */

  var loads = {};
  var waiting = {};
  window.__zgs = function (name, data) {
    var w = waiting[name];
    if (w) { delete waiting[name]; w.resolve(data); }
  };

  function load(name) {
    if (!loads[name]) {
      loads[name] = new Promise(function (resolve, reject) {
        waiting[name] = { resolve: resolve, reject: reject };
        var s = document.createElement("script");
        s.src = INDEX_URL + name + ".js";
        s.async = true;
        s.onload = function () {
          s.remove();
          if (waiting[name]) { delete waiting[name]; reject(new Error(name)); }
        };
        s.onerror = function () { s.remove(); delete waiting[name]; delete loads[name]; reject(new Error(name)); };
        document.head.appendChild(s);
      });
    }
    return loads[name];
  }

  function decode(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charAt(i)];
      if (d >= 32) { value += (d - 32) * Math.pow(2, shift); shift += 5; }
      else { out.push(value + d * Math.pow(2, shift)); value = 0; shift = 0; }
    }
    return out;
  }

  /* ---------- text: folding, terms, keys (as zhenggai/search_text.py) ---------- */

  var foldCache = new Map();
  function foldChar(c) {
    var f = foldCache.get(c);
    if (f === undefined) { f = c.normalize("NFKC").toLowerCase(); foldCache.set(c, f); }
    return f;
  }

  /* Folded text and, for each folded code unit, the index of the original one. */
  function foldMap(text) {
    var out = "", map = [], i = 0;
    for (var c of text) {
      var f = foldChar(c);
      for (var j = 0; j < f.length; j++) map.push(i);
      out += f;
      i += c.length;
    }
    map.push(i);
    return { text: out, map: map };
  }

  function fold(text) { return foldMap(text).text; }
  function hasSpace(text) { return /\s/.test(text); }

  function splitQuery(query) {
    var text = fold(query).replace(/[“”]/g, '"');
    var re = /"([^"]*)"|(\S+)/g, m, terms = [];
    while ((m = re.exec(text))) {
      var term = m[1] !== undefined ? m[1].trim() : m[2].replace(/"/g, "");
      if (term && terms.indexOf(term) < 0) terms.push(term);
    }
    return terms;
  }

  function termKeys(term) {
    var cps = Array.from(term);
    if (cps.length === 1) return hasSpace(term) ? [] : [term];
    var grams = [];
    for (var i = 0; i + 1 < cps.length; i++) {
      var g = cps[i] + cps[i + 1];
      if (!hasSpace(g) && grams.indexOf(g) < 0) grams.push(g);
    }
    if (!grams.length) cps.forEach(function (c) { if (!hasSpace(c) && grams.indexOf(c) < 0) grams.push(c); });
    if (grams.length > MAX_TERM_KEYS) {
      var step = (grams.length - 1) / (MAX_TERM_KEYS - 1), picked = [];
      for (var k = 0; k < MAX_TERM_KEYS; k++) picked.push(grams[Math.floor(k * step + 0.5)]);
      grams = picked;
    }
    return grams;
  }

  function needsVerification(term) { return Array.from(term).length > 2 || hasSpace(term); }

  function shardName(key, digits) {
    var h = 0x811c9dc5;
    for (var c of key) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
    var n = (h & (Math.pow(16, digits) - 1)) >>> 0;
    var hex = n.toString(16);
    while (hex.length < digits) hex = "0" + hex;
    return "g/" + hex.slice(0, 2) + "/" + (hex.slice(2) || "_");
  }

  function chunkName(doc, k) { return "t/" + Math.floor(doc / 100) + "/" + doc + "-" + k; }

  /* ---------- postings ---------- */

  function postings(text) {
    var values = text ? decode(text) : [], docs = [], masks = [], doc = -1;
    for (var i = 0; i + 1 < values.length; i += 2) { doc += values[i]; docs.push(doc); masks.push(values[i + 1]); }
    return { docs: docs, masks: masks };
  }

  /* Documents holding every list; masks ANDed (0: the keys are in the document, not one chunk). */
  function intersect(lists) {
    if (!lists.length) return { docs: [], masks: [] };
    lists = lists.slice().sort(function (x, y) { return x.docs.length - y.docs.length; });
    var acc = lists[0];
    for (var l = 1; l < lists.length; l++) {
      var b = lists[l], docs = [], masks = [], j = 0;
      for (var i = 0; i < acc.docs.length; i++) {
        var d = acc.docs[i];
        while (j < b.docs.length && b.docs[j] < d) j++;
        if (j < b.docs.length && b.docs[j] === d) { docs.push(d); masks.push(acc.masks[i] & b.masks[j]); }
      }
      acc = { docs: docs, masks: masks };
    }
    return acc;
  }

  function bits(mask) {
    var out = [];
    for (var k = 0; k < 31; k++) if (mask & (1 << k)) out.push(k);
    return out;
  }

  /* ---------- one search ---------- */

  function Search(meta, query, filters) {
    var terms = splitQuery(query);
    this.meta = meta;
    this.nothing = !terms.length && query.trim() !== "";  // only quotation marks
    this.terms = terms.map(function (t) {
      return { text: t, keys: termKeys(t), verify: needsVerification(t) };
    }).filter(function (t) { return t.keys.length; });
    this.filters = filters;
    this.exact = [];
    this.partial = [];
    this.failed = [];
    this.next = 0;
    this.complete = false;
  }

  Search.prototype.prepare = function () {
    var self = this, keys = {};
    this.terms.forEach(function (t) { t.keys.forEach(function (k) { keys[k] = shardName(k, self.meta.h); }); });
    var names = Object.keys(keys);
    var facets = activeFilters(this.filters) ? load("facets") : Promise.resolve(null);
    var shards = Promise.all(names.map(function (k) { return load(keys[k]); }));
    return Promise.all([shards, facets, activeFilters(this.filters) ? load("filters") : null]).then(function (r) {
      var byKey = {};
      names.forEach(function (k, i) { byKey[k] = postings(r[0][i][k] || ""); });
      self.byKey = byKey;
      self.select(r[1], r[2]);
    });
  };

  Search.prototype.select = function (facets, filterNames) {
    var self = this, keep = facetTest(facets, filterNames, this.filters);
    if (!this.terms.length) {
      this.candidates = [];
      if (!this.nothing) for (var d = 0; d < this.meta.n; d++) if (keep(d)) this.candidates.push({ doc: d, masks: [] });
      this.docLevel = [];
      return;
    }
    var perTerm = this.terms.map(function (t) { return intersect(t.keys.map(function (k) { return self.byKey[k]; })); });
    var all = intersect(perTerm.map(function (p) { return { docs: p.docs, masks: p.docs.map(function () { return 1; }) }; }));
    var index = perTerm.map(function (p) { var m = new Map(); p.docs.forEach(function (d, i) { m.set(d, p.masks[i]); }); return m; });
    this.candidates = [];
    this.docLevel = [];
    all.docs.forEach(function (d) {
      if (!keep(d)) return;
      var masks = index.map(function (m) { return m.get(d); });
      if (masks.every(function (m) { return m !== 0; })) self.candidates.push({ doc: d, masks: masks });
      else self.docLevel.push({ doc: d, masks: masks });
    });
  };

  /* Confirm candidates in date order until `wanted` documents hold the whole query. */
  Search.prototype.fill = function (wanted) {
    var self = this;
    if (this.complete || this.exact.length >= wanted) return Promise.resolve();
    var size = Math.max(4, wanted - this.exact.length);
    var batch = this.candidates.slice(this.next, this.next + size);
    this.next += batch.length;
    return Promise.all(batch.map(function (c) { return self.verify(c); })).then(function (outcomes) {
      outcomes.forEach(function (hit, i) {
        if (hit) self.exact.push({ doc: batch[i].doc, tier: 1, hit: hit === true ? null : hit, c: batch[i] });
        else self.failed.push(batch[i]);
      });
      if (self.next >= self.candidates.length) return self.finish();
      return self.fill(wanted);
    });
  };

  Search.prototype.finish = function () {
    var rest = this.failed.concat(this.docLevel).sort(function (x, y) { return x.doc - y.doc; });
    this.partial = rest.map(function (c) { return { doc: c.doc, tier: 2, hit: null, c: c }; });
    this.complete = true;
  };

  /* A hit {chunk, block, term} when the document holds every term; true if postings prove it. */
  Search.prototype.verify = function (cand) {
    var self = this, first = null;
    function term(i) {
      if (i >= self.terms.length) return Promise.resolve(first || true);
      var t = self.terms[i];
      if (!t.verify) return term(i + 1);
      return findIn(cand.doc, bits(cand.masks[i]), t.text).then(function (hit) {
        if (!hit) return false;
        if (i === 0) first = hit;
        return term(i + 1);
      });
    }
    return term(0);
  };

  Search.prototype.results = function () {
    return this.complete ? this.exact.concat(this.partial) : this.exact;
  };

  /* Load what showing `results` needs: a chunk with the match for each. */
  Search.prototype.display = function (results) {
    var self = this;
    return Promise.all(results.map(function (r) {
      if (r.hit) return r.hit;
      var chunks = self.displayChunks(r);
      var text = !self.terms.length ? null : r.tier === 1 ? self.terms[0].text : self.terms[0].keys[0];
      return findIn(r.doc, chunks, text).then(function (hit) {
        return hit || load(chunkName(r.doc, chunks[0] || 0)).then(function (data) { return { data: data, block: 0, term: null }; });
      }).then(function (hit) { r.hit = hit; return hit; });
    }));
  };

  Search.prototype.displayChunks = function (r) {
    if (!this.terms.length) return [0];
    if (r.tier === 1) return bits(r.c.masks[0]);
    var key = this.terms[0].keys[0], p = this.byKey[key], i = p.docs.indexOf(r.doc);
    return i >= 0 ? bits(p.masks[i]) : [0];
  };

  function findIn(doc, chunks, term) {
    if (!chunks.length) return Promise.resolve(null);
    return load(chunkName(doc, chunks[0])).then(function (data) {
      if (term === null) return { data: data, block: 0, term: null };
      for (var b = 0; b < data.b.length; b++) {
        if (fold(blockText(data.b[b])).indexOf(term) >= 0) return { data: data, block: b, term: term };
      }
      return findIn(doc, chunks.slice(1), term);
    });
  }

  function blockText(row) { return row[row.length - 1]; }
  function blockAnchor(row) { return row.length > 1 ? row[0] : ""; }

  /* ---------- filters ---------- */

  function activeFilters(filters) { return FACETS.some(function (f) { return filters[f]; }); }

  function facetTest(facets, names, filters) {
    if (!facets || !activeFilters(filters)) return function () { return true; };
    var tests = FACETS.filter(function (f) { return filters[f]; }).map(function (f) {
      var col = decode(facets[f]), i = names.names[f].indexOf(filters[f]);
      if (f === "status") return function (d) { return i >= 0 && (col[d] & (1 << i)) !== 0; };
      return function (d) { return i >= 0 && col[d] === i + 1; };
    });
    return function (d) { return tests.every(function (t) { return t(d); }); };
  }

  window.zhenggaiSearchCore = {
    load: load, fold: fold, foldMap: foldMap, splitQuery: splitQuery, termKeys: termKeys,
    shardName: shardName, Search: Search, blockText: blockText, blockAnchor: blockAnchor,
    PAGE: PAGE, FACETS: FACETS
  };
})();
