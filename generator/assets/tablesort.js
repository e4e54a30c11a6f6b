/* Sortable tables: click (or Enter/Space on) a header of a table inside .sortable to sort its rows.
   Only reorders the existing row elements; it never builds HTML from text. A header that is a link
   (a matrix's theme names lead to the theme's page) stays a link and does not sort. A column of
   counts (41, 37 项, 20%; · or – for none) sorts by number, the largest first on the first click:
   an official looks for the districts with the most; a column of names sorts 甲乙丙 first. A cell
   whose text is not its value names the value on an element within it (data-sort: a metric page's
   targets, ≥16% with its years and units, sort by the number the chart draws; "" for none). */
(function () {
  "use strict";
  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    var named = cell.querySelector("[data-sort]");
    return (named ? named.getAttribute("data-sort") : cell.textContent).trim();
  }
  var NONE = { "": 1, "–": 1, "·": 1 };  // a cell with nothing to count
  function asNumber(text) {
    var plain = text.replace(/[,\s†]/g, "");
    var m = /^(-?\d+(\.\d+)?)(项|个|份|%)?$/.exec(plain);  // a count with its unit: 37 项, 20%
    return m ? parseFloat(m[1]) : null;
  }
  function sortBy(table, col, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) {
      var t = cellValue(r, col);
      return NONE[t] || asNumber(t) !== null;
    });
    var sorted = header.getAttribute("aria-sort");
    var ascending = sorted ? sorted !== "ascending" : !numeric;
    var keyed = rows.map(function (r, i) {
      var t = cellValue(r, col);
      return { row: r, index: i, key: numeric ? asNumber(t) : t };
    });
    keyed.sort(function (a, b) {
      if (a.key === null && b.key === null) return a.index - b.index;
      if (a.key === null) return 1;  /* rows without a value stay last */
      if (b.key === null) return -1;
      var c = numeric ? a.key - b.key : a.key.localeCompare(b.key, "zh-CN");
      if (c === 0) return a.index - b.index;
      return ascending ? c : -c;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function setUp() {
    document.querySelectorAll(".sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        if (th.querySelector("a")) return;
        th.tabIndex = 0;
        th.title = "点击排序";
        th.addEventListener("click", function () { sortBy(table, col, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, col, th); }
        });
      });
    });
  }
  // on every page the theme's instant navigation shows, as the other scripts (assets/site.js)
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
