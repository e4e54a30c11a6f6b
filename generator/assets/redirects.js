/* Old addresses keep working: an anchor that now lives on another page (an overview lists
   "anchor=relative/path/" pairs in .anchor-map: a long document's or source text's pages, a
   department's district pages), and the retired pair pages
   (compare/a-vs-b/), which now open the compare view with both districts selected. */
(function () {
  "use strict";
  function follow() {
    var pair = location.pathname.match(/^(.*\/)compare\/([a-z0-9-]+?)-vs-([a-z0-9-]+)\/?$/);
    if (pair && !document.getElementById("compare-app")) {
      location.replace(pair[1] + "compare/?d=" + pair[2] + "," + pair[3]);
      return;
    }
    var map = document.querySelector(".anchor-map");
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!map || !anchor || document.getElementById(anchor)) return;
    var pairs = (map.getAttribute("data-anchors") || "").split(" ");
    for (var i = 0; i < pairs.length; i++) {
      var kv = pairs[i].split("=");
      if (kv[0] === anchor && /^[a-z0-9][a-z0-9\/._-]*\/$/.test(kv[1])) {
        location.replace(kv[1] + "#" + anchor);
        return;
      }
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(follow);
  else follow();
})();
