/* Old addresses keep working: an anchor that now lives on another page (an overview lists
   "anchor=relative/path/" pairs in .anchor-map: a long document's or source text's pages; or
   "prefix*=relative/path/" for every anchor that starts with the prefix, the longest prefix
   winning: a department's district pages hold the anchors jiangjin-energy, jiangjin-industry …),
   and the retired pair pages (compare/a-vs-b/), which now open the compare view with both
   districts selected. A long document's page (.part-of) whose #anchor names nothing on it, an
   address from before items were added in front of it, goes to the document's own page with
   that anchor, whose .anchor-map sends it on to the page that holds it now; one that is gone
   (the 404 page, .not-found) goes to the document's own page too.
   Every move stays on this site (go): an address whose path starts with // (//evil.example/…)
   is read as the path it is, never as another host; and a page this tab was just sent to from
   another is not left for that other again (a page and its document's page from different
   builds, one of them cached, would otherwise send the reader back and forth). */
(function () {
  "use strict";
  var AGAIN_AFTER_MS = 5000;

  function go(address) {
    var target = new URL(address, location.href);
    if (target.origin !== location.origin) return;
    var last = null;
    try { last = JSON.parse(sessionStorage.getItem("cs-moved") || "null"); } catch (e) { last = null; }
    // sent here from there a moment ago: going back would start a loop
    if (last && last.to === location.href && last.from === target.href && Date.now() - last.at < AGAIN_AFTER_MS) return;
    try {
      sessionStorage.setItem("cs-moved", JSON.stringify({ from: location.href, to: target.href, at: Date.now() }));
    } catch (e) { /* moves anyway */ }
    location.replace(target.href);
  }

  function follow() {
    var path = location.pathname.replace(/^\/+/, "/");  // //evil.example/… is a path here, not a host
    var pair = path.match(/^(.*\/)compare\/([a-z0-9-]+?)-vs-([a-z0-9-]+)\/?$/);
    if (pair && !document.getElementById("compare-app")) {
      go(pair[1] + "compare/?d=" + pair[2] + "," + pair[3]);
      return;
    }
    // a long document's page that is gone (the document got shorter): its document's own page
    var gone = path.match(/^(.*\/documents\/[a-z0-9][a-z0-9._-]*\/)\d+\/?(index\.html)?$/);
    if (gone && document.querySelector(".not-found")) {
      go(gone[1] + location.search + location.hash);
      return;
    }
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!anchor || document.getElementById(anchor)) return;
    var part = document.querySelector(".part-of");
    if (part && part.getAttribute("data-overview") === "../") {  // the document's page is the folder above
      var folder = path.replace(/index\.html$/, "");
      go(folder + (folder.slice(-1) === "/" ? "" : "/") + "../" + location.search + "#" + anchor);
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
    if (target !== null) go(target + location.search + "#" + anchor);  // ?p=4-5 kept
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(follow);
  else follow();
})();
