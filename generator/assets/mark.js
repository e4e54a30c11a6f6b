/* Marking the words found in a text, shared by the site's search (search.js) and the compare
   view's keyword box (compare.js); each brings its own normalisation, one code point at a time,
   so that a match maps back to the code points shown. The text is appended as text nodes and
   <mark> elements whose content is set with textContent: never as HTML. */
(function () {
  "use strict";

  // Ranges [start, end) in code points of `text` where any of `terms` (normalised) occurs in the
  // text normalised by `normChar` (a code point → its normal form, possibly "" or several), merged.
  function ranges(text, terms, normChar) {
    var cps = Array.from(text), norm = "", map = [];
    for (var i = 0; i < cps.length; i++) {
      var n = normChar(cps[i]);
      norm += n;
      for (var k = 0; k < n.length; k++) map.push(i);
    }
    var found = [];
    terms.forEach(function (t) {
      for (var at = norm.indexOf(t); at >= 0; at = norm.indexOf(t, at + 1)) found.push([map[at], map[at + t.length - 1] + 1]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return { cps: cps, ranges: merged };
  }

  // Appends code points [start, end) of `found` (what ranges returns) to `parent`, its ranges in
  // <mark>, with … where text is left out before or after.
  function append(parent, found, start, end) {
    var cps = found.cps, pos = start;
    if (start > 0) parent.appendChild(document.createTextNode("…"));
    found.ranges.forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a >= b) return;
      if (a > pos) parent.appendChild(document.createTextNode(cps.slice(pos, a).join("")));
      var mark = document.createElement("mark");
      mark.textContent = cps.slice(a, b).join("");
      parent.appendChild(mark);
      pos = b;
    });
    if (pos < end) parent.appendChild(document.createTextNode(cps.slice(pos, end).join("")));
    if (end < cps.length) parent.appendChild(document.createTextNode("…"));
    return parent;
  }

  window.csMark = { ranges: ranges, append: append };
})();
