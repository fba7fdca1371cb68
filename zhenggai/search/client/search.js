/* 整改公开 — site search client. No dependencies, no build step, works from file:// too.
 *
 * The index (written by zhenggai/search/, format in format.py) is a folder of scripts, each
 * calling __zgs(name, data). Per query the client loads the buckets of the query's one- and
 * two-character keys, decodes and intersects their postings (documents numbered oldest
 * first, each with a set of chunks), then confirms documents newest first by reading their
 * candidate chunks, until a page of documents containing the whole query is found.
 * Query and texts are folded alike (NFKC, lower case, traditional to simplified characters by
 * the index file "fold", loaded for a query holding an ideograph). Each word of the query is
 * searched with its synonyms (the table in the meta file, zhenggai/search/synonyms.yml): a
 * document holds the word when it holds one of them. Documents holding every word come first;
 * then those holding some (most words first, each saying which it lacks); last those holding
 * only the pieces of every word. A document's text is one compressed file: over HTTP only the prefix
 * holding the chunks needed is fetched (Range requests); from file://, or from a server
 * that ignores ranges, the whole file.
 */
(function () {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charAt(a)] = a;
  var MAX_TERM_KEYS = 8;
  var PAGE = 10;
  var FULL = 0x7fffffff;  // "every chunk of the document"
  var FIRST_BYTES = 4096;  // the first request for a text: its chunk table and first chunk (9 in 10)
  var WHOLE_FROM = 3;  // texts wanted from this chunk on are fetched whole
  // Candidates confirmed at once, at most: "show all" of a query with thousands of candidates
  // must not ask thousands of files at once (Chromium fails them: ERR_INSUFFICIENT_RESOURCES).
  var BATCH = 24;
  var FACETS = ["year", "org", "body", "kind", "status"];
  var script = document.currentScript;
  var INDEX_URL = script ? script.src.replace(/[^/]*$/, "") + "idx/" : "idx/";
  var ranges = /^https?:$/.test(location.protocol) && typeof fetch === "function";

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

  function base64Bytes(text) {
    var s = atob(text), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  /* ---------- raw DEFLATE (RFC 1951), stopping quietly where its input ends ---------- */

  var END = {};
  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  var DEXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  /* A decoding table indexed by the next `max` input bits: symbol * 16 + code length. */
  function huffman(lengths) {
    var max = 0, i, len;
    for (i = 0; i < lengths.length; i++) if (lengths[i] > max) max = lengths[i];
    var count = new Int32Array(16), next = new Int32Array(16), table = new Int32Array(1 << max);
    for (i = 0; i < lengths.length; i++) count[lengths[i]]++;
    count[0] = 0;
    for (var code = 0, l = 1; l <= 15; l++) { code = (code + count[l - 1]) << 1; next[l] = code; }
    for (i = 0; i < lengths.length; i++) {
      len = lengths[i];
      if (!len) continue;
      var c = next[len]++, r = 0;
      for (var j = 0; j < len; j++) { r = (r << 1) | (c & 1); c >>= 1; }
      for (var k = r; k < table.length; k += 1 << len) table[k] = i * 16 + len;
    }
    return { table: table, max: max };
  }

  var FIXED_LIT = huffman((function () {
    var l = new Uint8Array(288);
    l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
    return l;
  })());
  var FIXED_DIST = huffman(new Uint8Array(30).fill(5));

  function inflate(src) {
    var out = new Uint8Array(Math.max(1024, src.length * 4)), len = 0, pos = 0, buf = 0, cnt = 0;
    function bits(n) {
      while (cnt < n) { if (pos >= src.length) throw END; buf |= src[pos++] << cnt; cnt += 8; }
      var v = buf & ((1 << n) - 1);
      buf >>>= n; cnt -= n;
      return v;
    }
    function symbol(h) {
      while (cnt < h.max && pos < src.length) { buf |= src[pos++] << cnt; cnt += 8; }
      var e = h.table[buf & ((1 << h.max) - 1)], l = e & 15;
      if (!l || l > cnt) throw END;
      buf >>>= l; cnt -= l;
      return e >> 4;
    }
    function room(n) {
      if (len + n <= out.length) return;
      var bigger = new Uint8Array(Math.max(out.length * 2, len + n));
      bigger.set(out.subarray(0, len));
      out = bigger;
    }
    try {
      for (var last = 0; !last;) {
        last = bits(1);
        var type = bits(2), i;
        if (type === 0) {
          buf >>>= cnt & 7; cnt -= cnt & 7;
          var n = bits(16);
          bits(16);
          room(n);
          for (i = 0; i < n; i++) { var byte = bits(8); out[len++] = byte; }  // (not out[len++] = bits(8): len would count a byte the end of the input cut off)
          continue;
        }
        var lit = FIXED_LIT, dist = FIXED_DIST;
        if (type === 2) {
          var nlit = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4, cl = new Uint8Array(19);
          for (i = 0; i < ncode; i++) cl[ORDER[i]] = bits(3);
          var codes = huffman(cl), lengths = new Uint8Array(nlit + ndist);
          for (i = 0; i < nlit + ndist;) {
            var c = symbol(codes), repeat, value = 0;
            if (c < 16) { lengths[i++] = c; continue; }
            if (c === 16) { if (!i) throw new Error("inflate: bad lengths"); value = lengths[i - 1]; repeat = 3 + bits(2); }
            else if (c === 17) repeat = 3 + bits(3);
            else repeat = 11 + bits(7);
            if (i + repeat > lengths.length) throw new Error("inflate: bad lengths");
            while (repeat--) lengths[i++] = value;
          }
          lit = huffman(lengths.subarray(0, nlit));
          dist = huffman(lengths.subarray(nlit));
        } else if (type !== 1) {
          throw new Error("inflate: bad block");
        }
        for (;;) {
          var s = symbol(lit);
          if (s < 256) { room(1); out[len++] = s; continue; }
          if (s === 256) break;
          s -= 257;
          var length = LBASE[s] + bits(LEXTRA[s]), ds = symbol(dist), d = DBASE[ds] + bits(DEXTRA[ds]);
          if (d > len) throw new Error("inflate: bad distance");
          room(length);
          for (i = 0; i < length; i++, len++) out[len] = out[len - d];
        }
      }
    } catch (e) {
      if (e !== END) throw e;
    }
    return out.subarray(0, len);
  }

  /* ---------- text: folding, terms, keys (as zhenggai/search/text.py) ---------- */

  var foldCache = new Map();
  var t2s = null;  // traditional → simplified characters (the index file "fold"), once loaded
  function foldChar(c) {
    var f = foldCache.get(c);
    if (f === undefined) {
      f = c.normalize("NFKC").toLowerCase();
      if (t2s) {
        var s = "";
        for (var x of f) s += t2s.get(x) || x;
        f = s;
      }
      foldCache.set(c, f);
    }
    return f;
  }

  /* Ready to fold `query`: the folding table is loaded if the query holds an ideograph (every
   * key of the table is at or above U+3400, variants.FIRST_KEY). Then searching folds the
   * query and the texts it confirms with the same table the index was folded with. */
  function foldReady(query) {
    if (t2s || !/[^\u0000-\u33ff]/.test(query.normalize("NFKC"))) return Promise.resolve();
    return load("fold").then(function (data) {
      if (t2s) return;
      var keys = decode(data[0]), diffs = decode(data[1]), table = new Map(), at = 0;
      for (var i = 0; i < keys.length; i++) {
        at += keys[i];
        var z = diffs[i];
        table.set(String.fromCodePoint(at), String.fromCodePoint(at + (z % 2 ? -(z + 1) / 2 : z / 2)));
      }
      t2s = table;
      foldCache.clear();  // folds made before the table held only NFKC and lower case
    });
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

  function fold(text) {
    var out = "";
    for (var c of text) out += foldChar(c);
    return out;
  }
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

  function bucketName(key, bits) {
    var h = 0x811c9dc5;
    for (var c of key) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
    var hex = ((h & ((1 << bits) - 1)) >>> 0).toString(16);
    while (hex.length < (bits + 3) >> 2) hex = "0" + hex;
    return "g/" + hex.slice(0, 2) + "/" + (hex.slice(2) || "_");
  }

  function textName(doc) { return "t/" + Math.floor(doc / 100) + "/" + doc; }

  /* ---------- postings ---------- */

  /* One key's postings (format.encode_postings): ascending documents and their chunk sets. */
  function postings(text) {
    var docs = [], masks = [];
    if (!text) return { docs: docs, masks: masks };
    var b = base64Bytes(text), end = b.length * 8, at = 0;
    function bit() { var v = (b[at >> 3] >> (7 - (at & 7))) & 1; at++; return v; }
    function read(n) { var v = 0; while (n--) v = v * 2 + bit(); return v; }
    function gamma() { var z = 0; while (!bit()) z++; return Math.pow(2, z) + read(z); }
    var k = read(4), doc = -1, scale = Math.pow(2, k);
    for (;;) {
      var q = 0;
      while (at < end && bit()) q++;
      if (at >= end) break;  // the padding: ones to the end
      doc += q * scale + read(k) + 1;
      var m;
      if (bit()) m = FULL;
      else if (bit()) m = 1 << (gamma() - 1);
      else { var l = gamma(); m = Math.pow(2, l) + read(l); }
      docs.push(doc);
      masks.push(m);
    }
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

  /* ---------- document texts ---------- */

  var texts = {};

  /* The text of document `doc`, as far as it is loaded: head fields, chunks (arrays of blocks). */
  function Text(doc) {
    this.doc = doc;
    this.name = textName(doc);
    this.data = "";  // the base 64 data received so far
    this.ends = null;  // where each segment ends in the compressed bytes
    this.complete = false;
    this.head = null;
    this.chunks = [];
  }

  Text.prototype.count = function () { return this.ends ? this.ends.length : Infinity; };

  /* Whether chunk k is here (or known not to exist). */
  Text.prototype.has = function (k) {
    return this.complete || k < this.chunks.length || (this.ends !== null && k >= this.ends.length &&
      this.chunks.length === this.ends.length);
  };

  /* Take what arrived of the file: `body` is its text (all of it, or a prefix when partial). */
  Text.prototype.take = function (body, whole) {
    var head = '__zgs("' + this.name + '",["';
    var close = body.indexOf('"', head.length);
    if (body.slice(0, head.length) !== head || close < 0) throw new Error(this.name);
    this.setEnds(body.slice(head.length, close));
    this.dataAt = close + 3;  // past '","'
    var data = body.slice(this.dataAt), quote = data.indexOf('"');
    this.complete = whole || quote >= 0;
    this.data = quote >= 0 ? data.slice(0, quote) : data;
    this.parse();
  };

  /* Take the whole file as a script handed it over: [ends, data]. */
  Text.prototype.takeScript = function (body) {
    this.setEnds(body[0]);
    this.data = body[1];
    this.complete = true;
    this.parse();
  };

  Text.prototype.setEnds = function (steps) {
    var at = 0;
    this.ends = decode(steps).map(function (step) { at += step; return at; });
  };

  Text.prototype.takeData = function (data) {
    var quote = data.indexOf('"');
    this.complete = quote >= 0;
    this.data += quote >= 0 ? data.slice(0, quote) : data;
    this.parse();
  };

  Text.prototype.parse = function () {
    var usable = this.complete ? this.data : this.data.slice(0, this.data.length - this.data.length % 4);
    var lines = new TextDecoder().decode(inflate(base64Bytes(usable))).split("\n");
    lines.pop();  // what follows the last line break: nothing, or a line not yet complete
    if (!lines.length) return;
    this.head = JSON.parse(lines[0]);
    this.chunks = lines.slice(1).map(function (line) { return JSON.parse(line); });
    if (this.complete && this.chunks.length !== this.ends.length) throw new Error(this.name);
  };

  /* Base 64 characters of data holding the first `bytes` compressed bytes. */
  function dataChars(bytes) { return Math.ceil(bytes / 3) * 4; }

  function fetchRange(url, from, to) {
    return fetch(url, { headers: { Range: "bytes=" + from + "-" + to } }).then(function (r) {
      if (r.status === 200) return r.text().then(function (t) { return { whole: true, body: t }; });
      var range = /^bytes (\d+)-/.exec(r.headers.get("Content-Range") || "");
      if (r.status !== 206 || !range || Number(range[1]) !== from) throw new Error(url);
      return r.text().then(function (t) { return { whole: false, body: t }; });
    });
  }

  /* Load more of the text, enough for chunk k (or all of it). */
  Text.prototype.more = function (k) {
    var self = this, url = INDEX_URL + this.name + ".js", had = this.data.length;
    function whole() {
      return load(self.name).then(function (body) { self.takeScript(body); });
    }
    if (!ranges) return whole();
    var request;
    if (this.ends === null && k >= WHOLE_FROM) {
      // A prefix this long goes uncompressed (browsers ask ranges without gzip): the whole
      // file, gzipped by the server, costs about as much.
      request = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url);
        return r.text();
      }).then(function (body) { self.take(body, true); });
    } else if (this.ends === null) {
      request = fetchRange(url, 0, FIRST_BYTES + 2048 * k - 1).then(function (r) { self.take(r.body, r.whole); });
    } else {
      var upto = this.ends[Math.min(k, this.ends.length - 1)];
      var from = this.dataAt + had, to = this.dataAt + dataChars(upto) + 3;  // and the closing quote
      request = fetchRange(url, from, to).then(function (r) {
        if (r.whole) self.take(r.body, true); else self.takeData(r.body);
        if (!self.complete && self.data.length === had) throw new Error(url);  // no progress
      });
    }
    return request.catch(function () {
      ranges = false;  // no fetch here (a strict policy, an odd server): scripts, whole files
      return whole();
    });
  };

  /* The text with chunk k loaded (if the document has it). */
  function readText(doc, k) {
    var t = texts[doc] || (texts[doc] = new Text(doc));
    if (t.has(k)) return Promise.resolve(t);
    if (!t.pending) t.pending = t.more(k).then(function () { t.pending = null; }, function (e) { t.pending = null; throw e; });
    return t.pending.then(function () {
      if (!t.has(k) && !t.complete && t.ends !== null) return readText(doc, k);
      return t;
    });
  }

  /* ---------- one search ---------- */

  /* A query word and the words searched with it (the index's synonym table, meta.s). */
  function alternatives(meta, text) {
    var out = [text];
    ((meta.s || {})[text] || []).forEach(function (w) { if (out.indexOf(w) < 0 && termKeys(w).length) out.push(w); });
    return out.map(function (t) { return { text: t, keys: termKeys(t), verify: needsVerification(t) }; });
  }

  function Search(meta, query, filters) {
    var terms = splitQuery(query);
    this.meta = meta;
    this.nothing = !terms.length && query.trim() !== "";  // only quotation marks
    this.terms = terms.map(function (t) {
      return { text: t, keys: termKeys(t), verify: needsVerification(t), alts: alternatives(meta, t) };
    }).filter(function (t) { return t.keys.length; });
    this.expanded = this.terms.filter(function (t) { return t.alts.length > 1; });
    this.filters = filters;
    this.exact = [];
    this.partial = [];
    this.next = 0;
    this.exactDone = false;
    this.complete = false;
  }

  Search.prototype.prepare = function () {
    var self = this, keys = {};
    this.terms.forEach(function (t) {
      t.alts.forEach(function (a) { a.keys.forEach(function (k) { keys[k] = bucketName(k, self.meta.b); }); });
    });
    var names = Object.keys(keys);
    var facets = activeFilters(this.filters) ? load("facets") : Promise.resolve(null);
    var buckets = Promise.all(names.map(function (k) { return load(keys[k]); }));
    return Promise.all([buckets, facets, activeFilters(this.filters) ? load("filters") : null]).then(function (r) {
      var byKey = {};
      names.forEach(function (k, i) { byKey[k] = postings(r[0][i][k] || ""); });
      self.byKey = byKey;
      self.select(r[1], r[2]);
    });
  };

  /* For each document holding a piece of the query: per word, per alternative, the chunks
   * holding all its keys (0: the keys are in the document, not in one chunk). Candidates
   * (every word in some chunk) are confirmed newest first; the others wait for the partial list. */
  Search.prototype.select = function (facets, filterNames) {
    var self = this, keep = facetTest(facets, filterNames, this.filters);
    this.candidates = [];
    this.pool = [];  // documents that may hold some of the words: the partial list's material
    if (!this.terms.length) {
      if (!this.nothing) for (var d = this.meta.n - 1; d >= 0; d--) if (keep(d)) this.candidates.push({ doc: d, masks: [] });
      return;
    }
    var perAlt = this.terms.map(function (t) {
      return t.alts.map(function (a) {
        var p = intersect(a.keys.map(function (k) { return self.byKey[k]; })), m = new Map();
        p.docs.forEach(function (doc, i) { m.set(doc, p.masks[i]); });
        return m;
      });
    });
    var docs = new Set();
    perAlt.forEach(function (alts) { alts.forEach(function (m) { m.forEach(function (_, doc) { docs.add(doc); }); }); });
    Array.from(docs).sort(function (x, y) { return y - x; }).forEach(function (doc) {
      if (!keep(doc)) return;
      var masks = perAlt.map(function (alts) { return alts.map(function (m) { return m.get(doc); }); });
      var present = masks.map(function (ms) { return ms.some(function (m) { return m !== undefined; }); });
      var inChunk = masks.map(function (ms) { return ms.some(function (m) { return m; }); });
      var c = { doc: doc, masks: masks, everywhere: present.every(Boolean), bound: inChunk.filter(Boolean).length };
      if (inChunk.every(Boolean)) self.candidates.push(c); else self.pool.push(c);
    });
  };

  /* Results until `wanted` are known: documents holding every word, newest first, then the
   * partial list (fillPartial). */
  Search.prototype.fill = function (wanted) {
    var self = this;
    if (this.complete) return Promise.resolve();
    if (this.exactDone) return this.fillPartial(wanted);
    if (this.exact.length >= wanted) return Promise.resolve();
    var size = Math.min(BATCH, Math.max(4, wanted - this.exact.length));
    var batch = this.candidates.slice(this.next, this.next + size);
    this.next += batch.length;
    return Promise.all(batch.map(function (c) { return self.holdings(c); })).then(function (held) {
      held.forEach(function (h, i) {
        var c = batch[i], n = h.filter(Boolean).length;
        if (n === self.terms.length) {
          self.exact.push({ doc: c.doc, tier: 1, hit: self.terms.length ? firstHit(h) : null, c: c });
        } else {
          c.held = h;
          self.pool.push(c);
        }
      });
      if (self.next >= self.candidates.length) self.startPartial();
      return self.fill(wanted);
    });
  };

  /* The partial list: documents holding some of the words, most words first, then newest; last
   * those holding only the pieces of every word. How many words a document holds is known
   * only once its text is read, so documents wait in buckets by the most they could hold
   * (every word whose keys meet in a chunk) and move down to the bucket of what they hold. */
  Search.prototype.startPartial = function () {
    var top = Math.max(0, this.terms.length - 1);
    this.exactDone = true;
    this.buckets = [];
    this.settled = [];
    for (var k = 0; k <= top; k++) { this.buckets.push([]); this.settled.push([]); }
    var self = this;
    this.pool.sort(function (x, y) { return y.doc - x.doc; }).forEach(function (c) {
      if (!c.held && !c.bound) c.held = self.terms.map(function () { return null; });  // no word in any chunk
      if (c.held) self.settled[c.held.filter(Boolean).length].push(c);
      else if (c.bound || c.everywhere) self.buckets[Math.min(c.bound, top)].push(c);
    });
    this.level = top;
  };

  Search.prototype.fillPartial = function (wanted) {
    var self = this;
    if (this.complete || this.exact.length + this.partial.length >= wanted) return Promise.resolve();
    if (this.level < 0) { this.complete = true; return Promise.resolve(); }
    var k = this.level, open = this.buckets[k], known = this.settled[k];
    while (known.length && (!open.length || known[0].doc > open[0].doc)) {
      this.emit(known.shift(), k);
      if (this.exact.length + this.partial.length >= wanted) return Promise.resolve();
    }
    if (!open.length) { this.level--; return this.fillPartial(wanted); }
    // The newest unread ones, read together: each lands in the bucket of the words it holds.
    var batch = [];
    while (open.length && batch.length < BATCH && (!known.length || open[0].doc > known[0].doc)) batch.push(open.shift());
    return Promise.all(batch.map(function (c) { return self.holdings(c); })).then(function (held) {
      held.forEach(function (h, i) {
        var c = batch[i], n = h.filter(Boolean).length;
        c.held = h;
        self.settled[n].push(c);
        self.settled[n].sort(function (x, y) { return y.doc - x.doc; });
      });
      return self.fillPartial(wanted);
    });
  };

  Search.prototype.emit = function (c, held) {
    if (!held && !c.everywhere) return;  // holds no word, nor the pieces of every word
    var missing = this.terms.filter(function (_, i) { return !c.held[i]; }).map(function (t) { return t.text; });
    this.partial.push({ doc: c.doc, tier: 2, hit: firstHit(c.held), c: c, missing: missing, held: held });
  };

  function firstHit(held) {
    for (var i = 0; i < held.length; i++) if (held[i]) return held[i] === true ? null : held[i];
    return null;
  }

  /* For each word: a hit {data, block, term} (or true when postings prove it) if the document
   * holds one of its alternatives, else null. */
  Search.prototype.holdings = function (c) {
    var self = this;
    return Promise.all(this.terms.map(function (t, i) {
      function alt(j) {
        if (j >= t.alts.length) return Promise.resolve(null);
        var a = t.alts[j], mask = c.masks[i][j];
        if (!mask) return alt(j + 1);
        if (!a.verify && j > 0) return findIn(c.doc, bits(mask), a.text);  // show where the synonym stands
        if (!a.verify) return Promise.resolve(true);
        return findIn(c.doc, bits(mask), a.text).then(function (hit) { return hit || alt(j + 1); });
      }
      return alt(0);
    }));
  };

  Search.prototype.results = function () {
    return this.exactDone ? this.exact.concat(this.partial) : this.exact;
  };

  /* The words found in no document at all (not even their pieces in one chunk). */
  Search.prototype.absent = function () {
    var self = this;
    return this.terms.filter(function (t, i) {
      return !self.candidates.concat(self.pool).some(function (c) { return c.masks[i] && c.masks[i].some(Boolean); });
    }).map(function (t) { return t.text; });
  };

  /* Load what showing `results` needs: a chunk with the match for each. */
  Search.prototype.display = function (results) {
    var self = this;
    return inBatches(results, function (r) {
      if (r.hit) return r.hit;
      var chunks = self.displayChunks(r);
      var text = !self.terms.length ? null : r.tier === 1 ? self.terms[0].text : self.terms[0].keys[0];
      return findIn(r.doc, chunks, text).then(function (hit) {
        return hit || readText(r.doc, 0).then(function (t) { return { data: chunkData(t, 0), block: 0, term: null }; });
      }).then(function (hit) { r.hit = hit; return hit; });
    });
  };

  /* fn(item) for every item, at most BATCH at a time. */
  function inBatches(items, fn) {
    var out = [];
    function from(i) {
      if (i >= items.length) return Promise.resolve(out);
      return Promise.all(items.slice(i, i + BATCH).map(fn)).then(function (done) {
        out = out.concat(done);
        return from(i + BATCH);
      });
    }
    return from(0);
  }

  Search.prototype.displayChunks = function (r) {
    if (!this.terms.length) return [0];
    var first = r.c.masks[0] || [], mask = 0;
    first.forEach(function (m) { mask |= m || 0; });
    if (mask) return bits(mask);
    var key = this.terms[0].keys[0], p = this.byKey[key], i = p.docs.indexOf(r.doc);
    return i >= 0 && p.masks[i] ? bits(p.masks[i]) : [0];
  };

  /* What showing one chunk needs: the head fields and the chunk's blocks. */
  function chunkData(t, k) {
    var h = t.head;
    return { i: h.i, t: h.t, p: h.p, o: h.o, k: h.k, b: t.chunks[k] || [] };
  }

  /* The first of `chunks` (ascending) whose blocks hold `term`: the first one loaded, then the rest. */
  function findIn(doc, chunks, term) {
    if (!chunks.length) return Promise.resolve(null);
    function search(t, from) {
      for (var n = from; n < chunks.length; n++) {
        var k = chunks[n];
        if (k >= t.count()) break;
        if (!t.has(k)) return readText(doc, chunks[chunks.length - 1]).then(function (more) { return search(more, n); });
        var rows = t.chunks[k];
        if (term === null) return { data: chunkData(t, k), block: 0, term: null };
        for (var b = 0; b < rows.length; b++) {
          if (fold(blockText(rows[b])).indexOf(term) >= 0) return { data: chunkData(t, k), block: b, term: term };
        }
      }
      return null;
    }
    return readText(doc, chunks[0]).then(function (t) { return search(t, 0); });
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
    load: load, fold: fold, foldMap: foldMap, foldReady: foldReady, splitQuery: splitQuery, termKeys: termKeys,
    bucketName: bucketName, postings: postings, inflate: inflate, readText: readText,
    Search: Search, blockText: blockText, blockAnchor: blockAnchor, PAGE: PAGE, FACETS: FACETS
  };
})();
