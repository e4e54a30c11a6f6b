/* Sortable tables: click (or Enter/Space on) a header of a table inside .sortable to sort its rows.
   Only reorders the existing row elements; it never builds HTML from text. */
(function () {
  "use strict";
  function cellValue(row, col) {
    var cell = row.cells[col];
    return cell ? cell.textContent.trim() : "";
  }
  function asNumber(text) {
    var plain = text.replace(/[,\s†]/g, "");
    return /^-?\d+(\.\d+)?$/.test(plain) ? parseFloat(plain) : null;
  }
  function sortBy(table, col, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) {
      var t = cellValue(r, col);
      return t === "" || t === "–" || asNumber(t) !== null;
    });
    var ascending = header.getAttribute("aria-sort") !== "ascending";
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
