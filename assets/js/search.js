// Broadsheet search: the box in the masthead. The index is a few script
// files written at build time (see internal/search); each calls bsSearch()
// with its data, so nothing is fetched and search works from file://.
// The tokenizer below follows scan in internal/search/tokenize.go rule for rule.
(function () {
  "use strict";
  var HAN = /\p{Script=Han}/u, WORD = /[\p{L}\p{N}]/u, DIGIT = /[0-9]/;
  var form = document.querySelector("form.bs-search");
  // Exposed for tests of the tokenizer; not an API for pages.
  window.broadsheetSearch = {tokens: tokens};
  // A page bundled into one file carries this script inline, without the
  // index beside it: the box stays hidden there.
  if (!form || !document.currentScript || !document.currentScript.src) return;
  var input = form.querySelector("input");
  var box = form.querySelector(".bs-search-results");
  var status = form.querySelector(".bs-search-status");
  var root = form.getAttribute("data-root") || "";
  var entryFile = form.getAttribute("data-index");
  var LIMIT = 20, MAX_TEXT_FILES = 8;

  function t(key, n) { return (form.getAttribute("data-t-" + key) || "").replace("{n}", n); }

  // --- loading the index files as scripts ---
  var pending = {}, loads = {};
  window.bsSearch = function (kind, k, data) {
    var key = kind + k, p = pending[key];
    if (p) { delete pending[key]; p(data); }
  };
  function load(kind, k, file) {
    var key = kind + k;
    if (!loads[key]) {
      loads[key] = new Promise(function (resolve, reject) {
        pending[key] = resolve;
        var s = document.createElement("script");
        s.src = root + file;
        s.onload = function () {
          s.remove();
          if (pending[key]) { delete pending[key]; delete loads[key]; reject(new Error(file)); }
        };
        s.onerror = function () { s.remove(); delete pending[key]; delete loads[key]; reject(new Error(file)); };
        document.head.appendChild(s);
      });
    }
    return loads[key];
  }

  // --- tokenizer ---
  function fold(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) c = String.fromCodePoint(cp - 0xfee0);
    // One character in, one out, as Go's unicode.ToLower: İ gives i.
    return String.fromCodePoint(c.toLowerCase().codePointAt(0));
  }
  // runs cuts text into runs of Chinese characters and words, the way
  // tokenize does: [{han: true, s: "网商银行"}, {han: false, s: "1234.5"}].
  function runs(text) {
    var out = [], cur = null, chars = Array.from(text);
    for (var i = 0; i < chars.length; i++) {
      var c = fold(chars[i]), han = HAN.test(c);
      if (han || WORD.test(c)) {
        if (!cur || cur.han !== han) { cur = {han: han, s: ""}; out.push(cur); }
        if (han || Array.from(cur.s).length < 40) cur.s += c;
      } else if ((c === "," || c === ".") && cur && !cur.han && DIGIT.test(cur.s.slice(-1)) && i + 1 < chars.length && DIGIT.test(fold(chars[i + 1]))) {
        if (c === ".") cur.s += c;
      } else {
        cur = null;
      }
    }
    return out;
  }
  // tokens lists the distinct tokens of text as the index has them.
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (r) {
      var cs = Array.from(r.s);
      if (!r.han) { out.push(r.s); return; }
      for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
      out.push(cs[cs.length - 1]);
    });
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }
  function hash(tok) {
    var cs = Array.from(tok), key = HAN.test(cs[0]) ? cs[0] : cs.slice(0, 2).join(""), h = 0;
    for (var c of key) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
    return h;
  }
  function decode(s) {
    var ids = [], v = 0, prev = 0;
    var FINAL = "0123456789abcdefghijklmnopqrstuv", MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    for (var i = 0; i < s.length; i++) {
      var j = MORE.indexOf(s[i]);
      if (j >= 0) { v = v * 32 + j; continue; }
      v = v * 32 + FINAL.indexOf(s[i]);
      if (ids.length) v += prev;
      ids.push(v); prev = v; v = 0;
    }
    return ids;
  }

  // --- queries ---
  var entry = null;
  function getEntry() {
    if (!entry) entry = load("index", 0, entryFile).catch(function (e) { entry = null; throw e; });
    return entry;
  }
  function shardFor(e, tok) {
    var k = hash(tok) % e.shards.length;
    return load("shard", k, e.shards[k]);
  }
  function union(lists) {
    var set = new Set();
    lists.forEach(function (l) { l.forEach(function (id) { set.add(id); }); });
    return Array.from(set).sort(function (a, b) { return a - b; });
  }
  function intersect(a, b) {
    var s = new Set(b);
    return a.filter(function (x) { return s.has(x); });
  }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  var NOT_WORD_BEFORE = "(?<!(?!\\p{Script=Han})[\\p{L}\\p{N}])", NOT_WORD_AFTER = "(?!(?!\\p{Script=Han})[\\p{L}\\p{N}])";
  // term makes what a query run needs: the tokens to look up, whether the
  // last one is a prefix, and the pattern that finds it in a page's text.
  function term(run, typing) {
    var cs = Array.from(run.s);
    if (run.han) {
      if (cs.length === 1) return {toks: [run.s], prefix: true, re: escapeRe(run.s)};
      var toks = [];
      for (var i = 0; i + 1 < cs.length; i++) toks.push(cs[i] + cs[i + 1]);
      return {toks: toks, prefix: false, re: escapeRe(run.s)};
    }
    var prefix = typing && cs.length >= 2;
    // A number matches with or without thousands separators.
    var body = cs.map(function (c, i) { return escapeRe(c) + (DIGIT.test(c) && DIGIT.test(cs[i + 1] || "") ? ",?" : ""); }).join("");
    return {toks: [run.s], prefix: prefix, re: NOT_WORD_BEFORE + body + (prefix ? "" : NOT_WORD_AFTER)};
  }
  function docsOf(e, tm) {
    return Promise.all(tm.toks.map(function (tok) {
      return shardFor(e, tok).then(function (shard) {
        if (!tm.prefix) return shard[tok] ? decode(shard[tok]) : [];
        return union(Object.keys(shard).filter(function (k) { return k.startsWith(tok); }).map(function (k) { return decode(shard[k]); }));
      });
    })).then(function (lists) { return lists.reduce(intersect); });
  }
  function textOf(e, id) {
    var k = 0;
    while (k + 1 < e.texts.length && e.texts[k + 1].from <= id) k++;
    return load("text", k, e.texts[k].file).then(function (list) { return list[id - e.texts[k].from] || ""; });
  }
  function run(query) {
    var rs = runs(query);
    if (!rs.length) return Promise.resolve(null);
    var typing = !/\s$/.test(query);
    var terms = rs.map(function (r, i) { return term(r, typing && i === rs.length - 1); });
    return getEntry().then(function (e) {
      return Promise.all(terms.map(function (tm) { return docsOf(e, tm); })).then(function (lists) {
        var ids = lists.reduce(intersect);
        var res = terms.map(function (tm) { return new RegExp(tm.re, "iu"); });
        // Pages whose title holds every term come first; then the index's order.
        var inTitle = function (id) { return res.every(function (re) { return re.test(e.docs[id][1]); }); };
        var titled = ids.filter(inTitle);
        var rest = ids.filter(function (id) { return !inTitle(id); });
        return verify(e, titled.concat(rest), terms, res);
      });
    });
  }
  // verify reads the text of candidates, in order, keeping those whose
  // text holds every term, until LIMIT results or MAX_TEXT_FILES files.
  function verify(e, ids, terms, res) {
    var found = [], files = new Set(), i = 0;
    function next() {
      while (i < ids.length && found.length < LIMIT) {
        var id = ids[i];
        var k = 0;
        while (k + 1 < e.texts.length && e.texts[k + 1].from <= id) k++;
        if (!files.has(k) && files.size >= MAX_TEXT_FILES) break;
        files.add(k);
        i++;
        return textOf(e, id).then(function (text) {
          var d = e.docs[id], full = d[1] + " " + text;
          if (res.every(function (re) { return re.test(full); })) found.push({doc: d, text: text});
          return next();
        });
      }
      return {found: found, more: ids.length - i, terms: terms};
    }
    return Promise.resolve(next());
  }

  // --- showing results ---
  function snippet(text, terms) {
    var all = new RegExp(terms.map(function (tm) { return "(?:" + tm.re + ")"; }).join("|"), "giu");
    // The context is around the first term the reader typed, where it is
    // in the text.
    var at = 0;
    for (var i = 0; i < terms.length; i++) {
      var m = new RegExp(terms[i].re, "iu").exec(text);
      if (m) { at = m.index; break; }
    }
    var from = Math.max(0, at - 30), to = Math.min(text.length, at + 90);
    var part = text.slice(from, to), p = document.createElement("p");
    p.className = "bs-search-snippet";
    if (from > 0) p.append("…");
    var last = 0;
    all.lastIndex = 0;
    for (var mm; (mm = all.exec(part)) !== null;) {
      if (mm[0] === "") { all.lastIndex++; continue; }
      p.append(part.slice(last, mm.index));
      var mark = document.createElement("mark");
      mark.textContent = mm[0];
      p.append(mark);
      last = mm.index + mm[0].length;
    }
    p.append(part.slice(last));
    if (to < text.length) p.append("…");
    return p;
  }
  function show(r, q) {
    box.replaceChildren();
    box.setAttribute("data-query", q);
    if (!r) { box.hidden = true; status.textContent = ""; return; }
    var list = document.createElement("ul");
    list.className = "bs-search-list";
    r.found.forEach(function (f) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + f.doc[0];
      var title = document.createElement("span");
      title.className = "bs-search-title";
      title.textContent = f.doc[1];
      a.append(title);
      if (f.doc[2]) {
        var label = document.createElement("span");
        label.className = "bs-search-label";
        label.textContent = f.doc[2];
        a.append(" ", label);
      }
      li.append(a, snippet(f.text, r.terms));
      list.append(li);
    });
    var msg = r.found.length ? t(r.more > 0 ? "more" : "results", r.found.length) : t("none", 0);
    var head = document.createElement("p");
    head.className = "bs-search-count";
    head.textContent = msg;
    box.append(head);
    if (r.found.length) box.append(list);
    box.hidden = false;
    status.textContent = msg;
  }
  function fail() {
    box.replaceChildren();
    var p = document.createElement("p");
    p.className = "bs-search-count";
    p.textContent = t("unavailable", 0);
    box.append(p);
    box.hidden = false;
    status.textContent = p.textContent;
  }

  var seq = 0, timer = 0;
  function update() {
    var my = ++seq, q = input.value;
    run(q).then(function (r) { if (my === seq) show(r, q); }, function () { if (my === seq) fail(); });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener("focus", function () { getEntry().catch(function () {}); });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    update();
  });
  function links() { return Array.from(box.querySelectorAll("a")); }
  form.addEventListener("keydown", function (ev) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && ls.length) {
      ev.preventDefault();
      ls[Math.min(i + 1, ls.length - 1)].focus();
    } else if (ev.key === "ArrowUp" && i >= 0) {
      ev.preventDefault();
      if (i === 0) input.focus(); else ls[i - 1].focus();
    } else if (ev.key === "Escape") {
      input.focus();
      box.hidden = true;
    }
  });
  form.addEventListener("focusout", function (ev) {
    if (!form.contains(ev.relatedTarget)) box.hidden = true;
  });
  input.addEventListener("focus", function () { if (box.childNodes.length) box.hidden = false; });
  form.hidden = false;
})();
