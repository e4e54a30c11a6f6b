/* 区县双碳政策对照 — where am I, and search on a phone.
 *
 * 1. Detail pages (a district, document, source, theme, department, metric …) are not in the
 *    navigation (it stays small on purpose), so the theme highlights no tab and shows no
 *    breadcrumbs on them. Here the page's section is found from its address: the tab whose
 *    folder holds the page (sources/ and projects/ belong to 政策文件). That tab and its drawer entry are
 *    marked active, and a breadcrumb trail 首页 › section [› parent page] is put where the
 *    theme puts its own (navigation.path), when the theme has none.
 * 2. On a phone the header shows only a search icon: tapping it opens the search box in the
 *    header and focuses it (in the same tap, so the phone's keyboard opens). Without this
 *    script the icon is a link to the search page.
 * 3. Tables too wide for the screen: each cell gets its column's header as a label
 *    (data-label) and the table is marked data-cards, which extra.css lays out on a phone as
 *    one card per row, every cell in view with its label, instead of a table that hides its
 *    right-hand columns behind a sideways scroll. A table that fits stays a table; without
 *    this script every table scrolls sideways as before.
 * 4. A source link to a run of paragraphs (?p=4-5#p4) marks each of them (markParagraphs).
 * 5. A measure's citation (the <cite> of its 出处 line) gets a 复制 button that copies it.
 * 6. 我的区县: a reader picks their district on its page; pages then lead to its row and mark it.
 * All run on every page the theme's instant navigation shows (its document$ observable).
 * 7. The compare page's own script (compare.js) not fetched: its view's place says so (compareMissing).
 */
(function () {
  "use strict";

  var SECTION_OF = { "sources/": "documents/", "projects/": "documents/" };

  // The site root, resolved once against the first page's address: after an instant page
  // change the theme's relative `base` would resolve against the new address.
  var ROOT = (function () {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    }
    return new URL(String(base).replace(/\/?$/, "/"), location.href);
  })();

  function sitePath(href) {
    var url = new URL(href, location.href);
    if (url.origin !== ROOT.origin || url.pathname.indexOf(ROOT.pathname) !== 0) return null;
    return decodeURI(url.pathname.slice(ROOT.pathname.length)).replace(/index\.html$/, "");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function crumb(href, text) {
    var li = el("li", "md-path__item"), a = el("a", "md-path__link");
    a.href = href;
    a.appendChild(el("span", "md-ellipsis", text));
    li.appendChild(a);
    return li;
  }

  // The text of a link on this page to the page `path` itself (its parent page), if the page has
  // one. Links to a place inside that page (#goal-1) name the place, not the page.
  function parentTitle(path) {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      var text = links[i].textContent.replace(/^[\s←→‹›«»]+|[\s←→‹›«»]+$/g, "");
      if (href.indexOf("#") < 0 && sitePath(href) === path && text) {
        // a pager's link (第 1 页（牵头）) leads to the first page of this page's own set, whose
        // title is this page's heading (a department or theme in one district)
        return links[i].closest(".cs-pages") ? headingText() || text : text;
      }
    }
    return null;
  }

  // The page's heading without its ¶ link, or "".
  function headingText() {
    var heading = document.querySelector(".md-content h1");
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  // The folder a path is in: "a/b/c/" and "a/b/c" → "a/b/". Always shorter, so a walk up the path
  // ends, also at an address without the final "/" (a server that serves folder/index.html there).
  function folderAbove(path) {
    return path.replace(/[^/]*\/?$/, "");
  }

  function markSection() {
    var here = sitePath(location.href);
    if (here === null || here === "") return;
    var key = here;
    Object.keys(SECTION_OF).forEach(function (from) {
      if (here.indexOf(from) === 0) key = SECTION_OF[from] + here.slice(from.length);
    });
    var best = null, bestPath = "";
    document.querySelectorAll(".md-tabs__link").forEach(function (link) {
      var path = sitePath(link.getAttribute("href"));
      if (path && key.indexOf(path) === 0 && path.length > bestPath.length) { best = link; bestPath = path; }
    });
    if (!best) return;
    var tabs = document.querySelector(".md-tabs");
    if (tabs && !tabs.querySelector(".md-tabs__item--active")) {
      best.closest(".md-tabs__item").classList.add("md-tabs__item--active");
    }
    var drawer = document.querySelector(".md-nav--primary > .md-nav__list");
    if (drawer && !drawer.querySelector(".md-nav__link--active")) {
      drawer.querySelectorAll(":scope > .md-nav__item").forEach(function (item) {
        var link = item.querySelector("a.md-nav__link");
        if (link && sitePath(link.getAttribute("href")) === bestPath) {
          item.classList.add("md-nav__item--active");
          link.classList.add("md-nav__link--active");
        }
      });
    }
    var content = document.querySelector(".md-content");
    if (!content || content.querySelector(".md-path") || here === bestPath) return;
    var nav = el("nav", "md-path cs-path"), list = el("ol", "md-path__list");
    nav.setAttribute("aria-label", "所在位置");
    list.appendChild(crumb(ROOT.href, "首页"));
    list.appendChild(crumb(new URL(bestPath, ROOT).href, best.textContent.trim()));
    // One level between the section and this page: a theme above its per-district page, a
    // document above its source text or project table (sources/x/, projects/x/ ↔ documents/x/)
    // or above a page of either (documents/x/2/, sources/x/2/): the nearest page up the path
    // that this page links to.
    for (var parent = key !== here ? key : folderAbove(here); parent.length > bestPath.length; parent = folderAbove(parent)) {
      var title = parentTitle(parent);
      if (title) { list.appendChild(crumb(new URL(parent, ROOT).href, title)); break; }
    }
    nav.appendChild(list);
    content.insertBefore(nav, content.firstChild);
  }

  // ------------------------------------------------------------------ phone search
  function setUpSearchIcon() {
    var form = document.querySelector("form.cs-header");
    if (!form || form.dataset.csIcon) return;
    form.dataset.csIcon = "1";
    var icon = form.querySelector(".cs-header__icon"), input = form.querySelector(".cs-header__input");
    if (!icon || !input) return;
    icon.addEventListener("click", function (ev) {
      ev.preventDefault();
      form.classList.add("cs-header--open");
      input.focus();
    });
    input.addEventListener("blur", function () {
      // keep the box open while the reader moves into its result list
      setTimeout(function () { if (!form.contains(document.activeElement)) form.classList.remove("cs-header--open"); }, 150);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { form.classList.remove("cs-header--open"); icon.focus(); }
    });
  }

  // ------------------------------------------------------------------ wide tables as cards
  // Markdown tables only (the compare view's own tables have a class and their own layout).
  function labelCells(table) {
    if (table.dataset.labelled) return;
    table.dataset.labelled = "1";
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (heads[i]) cell.setAttribute("data-label", heads[i]);
        });
      });
    });
  }

  // The width a table may take: the content box of the text it stands in.
  function roomFor(table) {
    var text = table.closest(".md-typeset");
    if (!text) return Infinity;
    var style = getComputedStyle(text);
    return text.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  // A matrix's card (a district's row on a phone) first shows the summary columns its wrapper names
  // (data-card-summary: how many, the row's name included); a button opens the rest (one count per
  // theme), so that 38 districts read as 38 short cards, not 38 cards of 23 numbers each.
  function foldCards(table, summary) {
    if (table.dataset.folded) return;
    table.dataset.folded = "1";
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var shown = 0;
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (i < summary) return;
          cell.classList.add("cs-more");
          if (!cell.querySelector(".cs-none")) shown += 1;
        });
        if (!shown) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cs-card-more";
        button.setAttribute("aria-expanded", "false");
        button.textContent = "各主题（" + shown + "）";
        button.addEventListener("click", function () {
          var open = row.classList.toggle("cs-open");
          button.setAttribute("aria-expanded", open ? "true" : "false");
        });
        row.cells[0].appendChild(button);
      });
    });
  }

  function fitTables() {
    document.querySelectorAll(".md-content .md-typeset table:not([class])").forEach(function (table) {
      if (!table.tHead || !table.tHead.rows.length) return;
      labelCells(table);
      var folding = table.closest("[data-card-summary]");
      if (folding) foldCards(table, parseInt(folding.getAttribute("data-card-summary"), 10));
      table.removeAttribute("data-cards");  // measured as a table, at the width it would take
      if (table.offsetWidth > roomFor(table) + 1) table.setAttribute("data-cards", "");
      // a matrix's header sticks to the window where the matrix fits, else to its own box (extra.css)
      var box = table.closest(".cs-sticky .md-typeset__scrollwrap");
      if (box) {
        box.classList.toggle("cs-fits", !table.hasAttribute("data-cards"));
        table.style.setProperty("--cs-head", table.tHead.offsetHeight + "px");
      }
    });
  }

  var fitPending = false;
  function fitTablesSoon() {
    if (fitPending) return;
    fitPending = true;
    requestAnimationFrame(function () { fitPending = false; fitTables(); });
  }
  window.addEventListener("resize", fitTablesSoon);
  document.addEventListener("toggle", fitTablesSoon, true);  // a table in a <details> opened

  // A measure's source link to the paragraphs its text runs over (?p=4-5#p4, index.DocumentEntry.
  // paragraph_url): the address opens at ¶4, which the stylesheet marks as the target; the
  // paragraphs after it up to ¶5 are marked the same way (.cs-target), while that is the target.
  // Without this script ¶4 alone is marked, as a link to #p4 marks it.
  function markParagraphs() {
    document.querySelectorAll("p.src.cs-target").forEach(function (p) { p.classList.remove("cs-target"); });
    var range = /^(\d+)-(\d+)$/.exec(new URLSearchParams(location.search).get("p") || "");
    if (!range || location.hash !== "#p" + range[1]) return;
    for (var n = +range[1]; n <= +range[2]; n++) {
      var paragraph = document.getElementById("p" + n);
      if (!paragraph) break;  // a long text's next page holds the rest
      if (paragraph.classList.contains("src")) paragraph.classList.add("cs-target");
    }
  }
  window.addEventListener("hashchange", markParagraphs);

  // ------------------------------------------------------------------ copying a citation
  // A measure's citation (pages.common.measure_citation: 江津府办发〔2022〕57号 二、（一）3.) gets a
  // 复制 button that puts it on the clipboard; where the Clipboard API is missing or refused (plain
  // http) the citation is selected, for the reader to copy by hand. Without this script a tap or a
  // click selects the citation whole (extra.css), ready to copy.
  function setUpCitations() {
    document.querySelectorAll(".md-content cite").forEach(function (cite) {
      if (cite.dataset.csCopy) return;
      cite.dataset.csCopy = "1";
      var button = el("button", "cs-copy", "复制");
      button.type = "button";
      button.title = "复制这条引用：" + cite.textContent;
      button.setAttribute("aria-live", "polite");  // 已复制 is read out
      function said(text) {
        button.textContent = text;
        setTimeout(function () { button.textContent = "复制"; }, 2500);
      }
      function byHand() {
        var range = document.createRange(), selection = window.getSelection();
        range.selectNodeContents(cite);
        selection.removeAllRanges();
        selection.addRange(range);
        said("已选中，请复制");
      }
      button.addEventListener("click", function () {
        if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") { byHand(); return; }
        navigator.clipboard.writeText(cite.textContent).then(function () { said("已复制"); }, byHand);
      });
      cite.parentNode.insertBefore(button, cite.nextSibling);
    });
  }

  // ------------------------------------------------------------------ 我的区县
  // An official picks their district once, on its page (设为我的区县); this browser remembers it
  // (localStorage: nothing leaves the device). Then each page with a 跳到区县 line (the overviews
  // from nine districts up, pages.common.JumpLine; the documents page always) gets a line 我的区县
  // above it, a link to the same place, and the row of that district in the page's table or matrix
  // is marked (.cs-mine, extra.css); the home page names it above 进入区县; the compare view
  // opened without districts starts with it picked, and the metrics index's 对比 links open it with
  // its region's districts (compare.js, through window.csMyDistrict). Without this script, or with
  // storage refused, the pages are as built.
  var MINE_KEY = "cs-my-district";
  var SLUG = "[a-z0-9][a-z0-9-]*";  // the letters of a district's slug (model.SLUG is stricter): safe in a selector
  var DISTRICT_PAGE = new RegExp("^districts/(" + SLUG + ")/$");

  function myDistrict() {
    var slug = "";
    try { slug = localStorage.getItem(MINE_KEY) || ""; } catch (e) { return ""; }
    return new RegExp("^" + SLUG + "$").test(slug) ? slug : "";  // a district's slug, or nothing
  }

  function setMyDistrict(slug) {
    try {
      if (slug) localStorage.setItem(MINE_KEY, slug);
      else localStorage.removeItem(MINE_KEY);
      return true;
    } catch (e) { return false; }
  }
  window.csMyDistrict = myDistrict;

  // The district page's button: 设为我的区县, or, on the district picked, 我的区县 ✓ and a way back.
  function setUpMineButton() {
    var match = DISTRICT_PAGE.exec(sitePath(location.href) || "");
    var heading = document.querySelector(".md-content h1");
    // a district's page, not the 404 page the host shows at districts/<gone>/: it has 可借鉴措施
    if (!match || !heading || !document.getElementById("borrowable") || heading.parentNode.querySelector(".cs-mine-toggle")) return;
    var slug = match[1];
    var button = el("button", "cs-mine-toggle");
    button.type = "button";
    function show() {  // the label says what a press does (so no aria-pressed, whose label would stay)
      var mine = myDistrict() === slug;
      button.textContent = mine ? "★ 已设为我的区县（点此取消）" : "☆ 设为我的区县";
      button.classList.toggle("cs-on", mine);
      button.title = mine ? "不再在各总览页标出本区县" :
        "在本浏览器记住本区县：首页列出它，指标、主题、部门等总览页标出它的一行，打开“对比”时先选中它";
    }
    button.addEventListener("click", function () {
      if (!setMyDistrict(myDistrict() === slug ? "" : slug)) button.textContent = "本浏览器不允许保存设置";
      else show();
    });
    show();
    heading.parentNode.insertBefore(button, heading.nextSibling);
  }

  // 我的区县 on this page: its row marked, a line above each 跳到区县 line, and one on the home page.
  function markMine() {
    var slug = myDistrict();
    if (!slug) return;
    markMineRow(slug);
    mineAboveJumpLines(slug);
    mineOnHome(slug);
    mineInCompareLinks(slug);
  }

  // A compare link that offers 我的区县 (mine=1, index.COMPARE_AROUND_MINE) opens it with its peers
  // (compare.js aroundMine): its label says so instead of naming the districts it opens without one;
  // unless the page links to no page of that district (a district the site no longer has).
  function mineInCompareLinks(slug) {
    if (!document.querySelector('.md-content a[href$="districts/' + slug + '/"]')) return;
    document.querySelectorAll('.md-content a[href*="mine=1"]').forEach(function (a) {
      if (!/[?&]mine=1(&|$)/.test(a.getAttribute("href")) || a.classList.contains("cs-mine-link")) return;
      a.classList.add("cs-mine-link");
      a.textContent = "★ 我的区县与其他区县";
      a.title = "我的区县和设定这一指标的其他区县（同片区的在前）";
    });
  }

  function markMineRow(slug) {
    var row = document.getElementById(slug);  // a row's anchor (index.metric_row_url and the like)
    if (!row && sitePath(location.href) === "districts/") row = document.querySelector('.md-content td a[href="' + slug + '/"]');
    row = row && row.closest(".md-content tr");
    if (row) row.classList.add("cs-mine");
    // the documents index: the anchor is on the district's first row; the rows of its other documents are its too
    document.querySelectorAll('.md-content .cs-doc-table td > a[href$="districts/' + slug + '/"]').forEach(function (a) {
      a.closest("tr").classList.add("cs-mine");
    });
  }

  // Whether the line has its 我的区县 line already (onPage runs again on the same page).
  function hasMineLine(line) {
    var before = line.previousElementSibling;
    return before !== null && before.classList.contains("cs-mine-line");
  }

  function mineAboveJumpLines(slug) {
    document.querySelectorAll(".md-content p.cs-pages").forEach(function (line) {
      var jump = line.querySelector('a[href="#' + slug + '"]');
      var place = line.closest("details") || line;  // a long line waits in a closed box: the line goes above the box
      if (!jump || hasMineLine(place)) return;
      var mine = el("p", "cs-pages cs-mine-line", "我的区县：");
      var link = jump.cloneNode(true);
      link.textContent = "★ " + jump.textContent;
      mine.appendChild(link);
      place.parentNode.insertBefore(mine, place);
    });
  }

  // the home page's 进入区县 line: the district's page and the two parts an official opens most
  function mineOnHome(slug) {
    var home = document.querySelector('.md-content p.cs-home-districts a[href$="districts/' + slug + '/"]');
    var line = home && home.closest("p");
    if (!line || hasMineLine(line)) return;
    var mine = el("p", "cs-jump cs-mine-line");
    mine.appendChild(el("strong", "", "我的区县"));
    mine.appendChild(document.createTextNode("："));
    [["★ " + home.textContent, ""], ["可借鉴措施", "#borrowable"], ["与其他区县对比", "#peers"]].forEach(function (part, i) {
      if (i) mine.appendChild(document.createTextNode(" · "));
      var a = el("a", "", part[0]);
      a.href = home.getAttribute("href") + part[1];
      mine.appendChild(a);
    });
    line.parentNode.insertBefore(mine, line);
  }

  // The element the address names (#themes), or null.
  function addressed() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep it as written */ }
    return id ? document.getElementById(id) : null;
  }

  function onPage() {
    markSection();
    setUpSearchIcon();
    // The theme shows a page (also the same page at a link to #themes) with its tables still as
    // tables and scrolls to the address; tables becoming cards above the heading then pushed it
    // down (214 px on 江津's page at 390 px). Keep it where the theme put it.
    var target = addressed(), before = target ? target.getBoundingClientRect().top : 0;
    markMine();  // its line above a jump line moves what follows: kept in place with the tables
    fitTables();
    if (target) window.scrollBy(0, target.getBoundingClientRect().top - before);
    // a row of a table whose header sticks (.cs-sticky), which the browser put at the top, under that header
    if (target && target.closest(".cs-sticky")) target.scrollIntoView();
    markParagraphs();
    setUpCitations();
    setUpMineButton();
  }

  // compare.js, which the compare page alone loads (templates/compare.md.j2), not fetched (a network
  // error; the theme's instant navigation fetches it anew each time it brings the page in): the view's
  // place says so in static words, instead of staying empty under a lead that promises a view; unless
  // an earlier run of it is there to start the view (window.cpcCompareLoaded). Here, not in an onerror
  // attribute: no page has an inline event handler. A script's error does not bubble: it is caught on
  // its way down. This script runs before the page's deferred ones fail (at the end of its parsing).
  function compareMissing(e) {
    var script = e.target, app = document.getElementById("compare-app");
    if (!script || script.tagName !== "SCRIPT" || !/\/assets\/compare\.js(\?|$)/.test(script.src) || window.cpcCompareLoaded || !app) return;
    app.hidden = false;
    app.classList.add("cmp-failed");  // as compare.js marks its own failure to load the data
    app.setAttribute("role", "alert");
    app.textContent = "对比工具未能载入，请刷新页面重试。下方的覆盖表无需对比工具也能使用。";
  }
  window.addEventListener("error", compareMissing, true);

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
