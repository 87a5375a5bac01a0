// Broadsheet sortable tables: a button in every column header of a table
// (table.bs-table) sorts its rows by that column, ascending then descending.
// Numbers sort as numbers (a cell's data-value holds the raw number where
// the text is formatted), other text in the page language's order, and
// empty cells last either way. Without scripts the printed order stays.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang, {numeric: true, sensitivity: "base"});
  var live = document.createElement("p");
  live.className = "bs-visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.append(live);
  // The page's words (internal/locale), written by the theme into
  // <script id="bs-words">.
  var words = {};
  try { words = JSON.parse(document.getElementById("bs-words").textContent); } catch (e) {}
  // The placeholders are filled in one pass by a function, so a heading's
  // own text is never read as a pattern ($&) or a placeholder ({dir}).
  function say(key, col, dir) {
    return (words[key] || "").replace(/\{(col|dir)\}/g, function (_, k) { return k === "col" ? col : dir || ""; });
  }

  function value(td, numeric) {
    if (!td) return null;
    var raw = td.hasAttribute("data-value") ? td.getAttribute("data-value") : td.textContent.trim();
    if (raw === "" || raw === "–" || raw === "—") return null;
    if (!numeric) return raw;
    var n = Number(raw.replace(/[,\s]/g, "").replace(/^[+＋]/, "").replace(/^[−-]/, "-"));
    return isNaN(n) ? null : n;
  }
  function compare(a, b, numeric) {
    return numeric ? a - b : collator.compare(a, b);
  }
  function sortBy(table, th, index) {
    var numeric = th.classList.contains("bs-num");
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.from(body.rows).map(function (tr, i) { return {tr: tr, i: i, v: value(tr.cells[index], numeric)}; });
    rows.sort(function (a, b) {
      if (a.v === null || b.v === null) return a.v === null && b.v === null ? a.i - b.i : a.v === null ? 1 : -1;
      var c = compare(a.v, b.v, numeric);
      if (dir === "descending") c = -c;
      return c || a.i - b.i;
    });
    rows.forEach(function (r) { body.append(r.tr); });
    var col = th.textContent.trim();
    live.textContent = say("sortedBy", col, dir === "ascending" ? words.sortAscending : words.sortDescending);
  }
  // Rows are compared by their position in the printed order, so sorting
  // by one column and back keeps ties as the author wrote them.
  document.querySelectorAll("table.bs-table").forEach(function (table) {
    if (!table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
    Array.from(table.tHead ? table.tHead.rows[0].cells : []).forEach(function (th, index) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "bs-sort";
      b.append.apply(b, Array.from(th.childNodes));
      b.title = say("sortBy", b.textContent.trim());
      th.append(b);
      b.addEventListener("click", function () { sortBy(table, th, index); });
    });
  });
})();
