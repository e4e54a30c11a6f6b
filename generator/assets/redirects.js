/* Old addresses keep working: an anchor that now lives on another page (an overview lists
   "anchor=relative/path/" pairs in .anchor-map: a long document's or source text's pages; or
   "prefix*=relative/path/" for every anchor that starts with the prefix, the longest prefix
   winning: a department's district pages hold the anchors jiangjin-energy, jiangjin-industry …),
   and the retired pair pages (compare/a-vs-b/), which now open the compare view with both
   districts selected. A long document's page (.part-of) whose #anchor names nothing on it, an
   address from before items were added in front of it, goes to the document's own page with
   that anchor, whose .anchor-map sends it on to the page that holds it now; one that is gone
   (the 404 page, .not-found) goes to the document's own page too. */
(function () {
  "use strict";
  function follow() {
    var pair = location.pathname.match(/^(.*\/)compare\/([a-z0-9-]+?)-vs-([a-z0-9-]+)\/?$/);
    if (pair && !document.getElementById("compare-app")) {
      location.replace(pair[1] + "compare/?d=" + pair[2] + "," + pair[3]);
      return;
    }
    // a long document's page that is gone (the document got shorter): its document's own page
    var gone = location.pathname.match(/^(.*\/documents\/[a-z0-9][a-z0-9._-]*\/)\d+\/?(index\.html)?$/);
    if (gone && document.querySelector(".not-found")) {
      location.replace(gone[1] + location.search + location.hash);
      return;
    }
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!anchor || document.getElementById(anchor)) return;
    var part = document.querySelector(".part-of");
    if (part && part.getAttribute("data-overview") === "../") {  // the document's page is the folder above
      var folder = location.pathname.replace(/index\.html$/, "");
      location.replace(folder + (folder.slice(-1) === "/" ? "" : "/") + "../" + location.search + "#" + anchor);
      return;
    }
    var map = document.querySelector(".anchor-map");
    if (!map) return;
    var pairs = (map.getAttribute("data-anchors") || "").split(" ");
    var target = null, matched = -1;
    for (var i = 0; i < pairs.length; i++) {
      var kv = pairs[i].split("=");
      if (!/^[a-z0-9][a-z0-9\/._-]*\/$/.test(kv[1] || "")) continue;
      if (kv[0] === anchor) { target = kv[1]; break; }
      var prefix = kv[0].slice(0, -1);
      if (kv[0].slice(-1) === "*" && anchor.indexOf(prefix) === 0 && prefix.length > matched) {
        target = kv[1];
        matched = prefix.length;
      }
    }
    if (target !== null) location.replace(target + location.search + "#" + anchor);  // ?p=4-5 kept
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(follow);
  else follow();
})();
