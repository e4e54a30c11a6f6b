/* 区县对比: compose a side-by-side comparison of 2 to MAX districts in the browser from the static
   JSON the build writes (compare/data/districts.json and one file per district). The selection
   lives in the URL (?d=a,b,c&t=theme&m=metric&q=words&y=2025, y the target year the overview's
   量化目标对照 shows) so it can be shared; 复制链接 copies it.
   A change the reader makes rewrites the address in place (history.replaceState): the view is
   one entry of the browser's history, so Back leaves it, and the address it had when left (or
   shared, or reloaded) opens the same view. The page's title names the districts and the theme or
   metric shown. The keyword box (q) filters every column to the measures whose label, text or
   units' names hold all the words typed, and marks them; a word is found as the site search finds
   it, also by the other words of its groups (充电桩 also finds 充电设施, 发改委 also 发展改革委),
   which the view names, and a word the site search also searches as its parts (碳排放权交易 → 碳排放权,
   交易; asked of the search's own engine, search.js, so the two never disagree) finds after the others
   the measures that hold every part, said to hold the words apart (词语分开出现); the site search's role
   words (发改委 牵头 光伏) filter by role as there. What the view cannot find it says, with links to
   the site search for the same words in each district. The units' names are in a file per district
   too, compare/data/units/<district>.json, fetched with its texts. The texts (one per measure) are in a
   file per district of their own, compare/data/texts/<district>.json, fetched only the first time a
   keyword is in effect for that district and kept: most views never need them; so is, once,
   compare/data/texts/index.json, what each typed word also looks for (the search's expansions,
   written by generator/pages/compare.py from generator/search/expansions.py). The filter
   只看<第一个区县>没有相似措施的 (gap=1) keeps, in the other columns, only the measures the first
   district lacks as its page's 可借鉴措施 counts them (each item's `cp`: the districts with a similar
   measure, `goal`: compared by metric instead; pages/compare.py _gap_fields), says how many it hides,
   names under a measure kept the first district's measure the site shows as similar all the same
   (`near`), and names the districts not picked that have more (the first district's `gaps`). Every text from the
   data is inserted with textContent; links come from the data only when they are plain site paths.
   The page's coverage table (every district's row, written by the build) lists, while districts are
   compared, only theirs, with a button to show them all (coverageRows). Opened with no districts in
   its address, the view starts from the reader's own district, if one is set (我的区县, site.js); a
   link that offers it (mine=1: the metrics index's 对比) opens it with the districts of its region
   that set the metric instead of the districts the link names (aroundMine).
   Only the compare page loads this file (its own script tag, deferred: it runs once the theme's
   scripts and mark.js have), so no other page fetches and parses it. The theme's instant navigation
   runs that tag again each time it brings the page back; the first run has subscribed to its page
   changes (document$), which start the view, so a later run does nothing. */
(function () {
  "use strict";
  if (window.cpcCompareLoaded) return;
  window.cpcCompareLoaded = true;
  var MAX = 0;  // districts side by side at most: the manifest's `most` (index.COMPARE_MOST), set once it is loaded
  var ROLE_KEYS = ["lead", "support", "joint"];  // the roles of a measure's units (units/<slug>.json)
  var SAFE_PATH = /^[a-z0-9][a-z0-9\/._-]*(#[a-z0-9_-]+)?$/;
  var WEB_ADDRESS = /^https?:\/\/[^\s<>"'()\\`\[\]]+$/;  // as render.web_address: a plain http(s) address
  // the digits of a set of districts (an item's `cp`), six bits each: pages/compare.py DISTRICT_BITS
  var DISTRICT_BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var TARGETS = "targets";  // the id of the overview's 量化目标对照, and the hash that opens the view on it
  // 量化目标对照's choice of target year, as the address names it (y=2025): a year, or NO_YEAR_KEY
  // for the targets whose document names none
  var NO_YEAR_KEY = "none";
  var YEAR_KEY = /^(\d{4}|none)$/;

  // A target's year as the address names it: its target year (the data's `year`), else NO_YEAR_KEY.
  function yearKey(t) {
    return t.year ? String(t.year) : NO_YEAR_KEY;
  }

  // Whether the set `code` (pages/compare.py encode_districts) holds the district at `place` in the
  // manifest's districts.
  function hasDistrict(code, place) {
    var digit = code ? DISTRICT_BITS.indexOf(code.charAt(Math.floor(place / 6))) : -1;
    return digit > 0 && ((digit >> (place % 6)) & 1) === 1;
  }

  // The column a phone shows when the address names none: under the filter 只看…没有相似措施的 the
  // second, the first district's own being only there to compare with.
  function defaultTab(state) {
    return state.gap && state.districts.length > 1 ? 1 : 0;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function link(root, path, text) {
    if (!SAFE_PATH.test(path || "")) return el("span", { text: text });
    return el("a", { href: root + path, text: text });
  }

  // The keyword box's light normalisation, defined per code point so that a match maps back to the
  // text shown: NFKC (full-width letters and digits to half-width), lower case, spaces removed.
  function normChar(ch) {
    return ch.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function normalize(text) {
    var out = "";
    for (var ch of text) out += normChar(ch);
    return out;
  }

  function quoted(words) {
    return words.map(function (w) { return "「" + w + "」"; }).join("");
  }

  // The words typed, as typed (to name them) and normalised (to match them), each once; `alts`:
  // per word, what finds it (the word alone until withAlso adds the others of its groups). A word
  // that is a role word (`roleWords`: manifest.roleWords, the site search's: 牵头, 配合 …) is no word
  // to find but a role filter, as in the site search: `roles` the roles it keeps, `roleShown` the
  // role words as typed; `named` names every word typed, role words too.
  function queryWords(query, roleWords) {
    var shown = [], norm = [], roleShown = [], roles = [], typed = [];
    query.normalize("NFKC").split(/\s+/).forEach(function (w) {
      var n = normalize(w);
      if (!n || norm.indexOf(n) >= 0 || roleShown.indexOf(w) >= 0) return;
      typed.push(w);
      if (roleWords && Object.prototype.hasOwnProperty.call(roleWords, n)) {
        roleShown.push(w);
        roleWords[n].forEach(function (r) { if (roles.indexOf(r) < 0) roles.push(r); });
      } else { norm.push(n); shown.push(w); }
    });
    return { shown: shown, norm: norm, named: quoted(typed), alts: norm.map(function (n) { return [n]; }),
      also: norm.map(function () { return []; }), searched: quoted(shown), marks: norm.slice(), roles: roles, roleShown: roleShown,
      typed: typed.join(" "), tokens: typed, parts: {}, parted: null };
  }

  // The words with what each also looks for (`table`: compare/data/texts/index.json, typed word in
  // the search's normal form → the other words of its groups, as the site search's result page names
  // them; a word typed with quotation marks or 〔〕 is not looked up, the search folds those): `alts`
  // per word, the word first, each normalised as the texts are; `searched` names them all
  // (「充电桩」（含「充电站」「充电设施」…）); `marks` every word that is marked where found.
  function withAlso(words, table) {
    var also = words.norm.map(function (n) {
      return Object.prototype.hasOwnProperty.call(table, n) ? table[n] : [];
    });
    var alts = words.norm.map(function (n, i) {
      var all = [n];
      also[i].forEach(function (w) { var a = normalize(w); if (a && all.indexOf(a) < 0) all.push(a); });
      return all;
    });
    var searched = words.shown.map(function (w, i) { return "「" + w + "」" + (also[i].length ? "（含" + quoted(also[i]) + "）" : ""); }).join("");
    var marks = [];
    alts.forEach(function (a) { a.forEach(function (w) { if (marks.indexOf(w) < 0) marks.push(w); }); });
    return { shown: words.shown, norm: words.norm, named: words.named, alts: alts, also: also, searched: searched, marks: marks,
      roles: words.roles, roleShown: words.roleShown, typed: words.typed, tokens: words.tokens, parts: words.parts, parted: words.parted };
  }

  // The words as the site search splits them (Engine.search's `split`, search.js: a word of 4 characters
  // or more, or one that finds nothing, is also searched as the names and words it holds: 碳排放权交易 →
  // 碳排放权, 交易): `parts`, each typed word so split → its parts; `parted`, the query with the parts in
  // their words' place, its role words filtering as typed ones (withAlso gives it what each part also
  // looks for), else null. `split` is word as typed → parts (partsOf); null: the search could not be asked.
  function withParts(words, split, roleWords, table) {
    if (!split) return Object.assign({}, words, { unsplit: true });
    var tokens = [];
    words.tokens.forEach(function (w) { tokens = tokens.concat(Object.prototype.hasOwnProperty.call(split, w) ? split[w] : [w]); });
    var out = Object.assign({}, words, { parts: split });
    if (Object.keys(split).length) out.parted = withAlso(queryWords(tokens.join(" "), roleWords), table);
    return out;
  }

  // What the site search splits the typed words into (withParts): word as typed → its parts, from the
  // search's own engine (search.js, loaded on every page: window.csSearch), so that the keyword box finds
  // what the search finds; null when the engine is missing or its files cannot be fetched.
  function partsOf(words) {
    var engine = window.csSearch;
    if (!engine || !words.norm.length) return Promise.resolve(null);
    return engine.search(words.typed, false, false).then(function (found) {
      var split = {}, out = {};
      found.split.forEach(function (s) { split[s.term] = s.parts; });
      words.tokens.forEach(function (w) {
        var term = engine.normalize(w).trim();
        if (Object.prototype.hasOwnProperty.call(split, term)) out[w] = split[term];
      });
      return out;
    }, function () { return null; });
  }

  // Appends `text` to `parent`, the (normalised) words in <mark> (mark.js); with `around`, only
  // that many code points from shortly before the first occurrence of the word `at`.
  function appendMarked(parent, text, words, around, at) {
    var found = window.csMark.ranges(text, words, normChar), start = 0, end = found.cps.length;
    if (around) {
      var first = window.csMark.ranges(text, [at], normChar).ranges[0];
      start = first ? Math.max(0, first[0] - 12) : 0;
      end = Math.min(found.cps.length, start + around);
    }
    return window.csMark.append(parent, found, start, end);
  }

  // Revalidated with the server at each page load (a conditional request: no bytes when unchanged), so
  // that after a new build a browser never pairs this script with a stale cached manifest or district
  // file (the manifest's `most`, the districts' places in it).
  function getJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // 我的区县 and up to MAX - 1 others: those that set the metric (all districts without one), of its
  // region (片区) first, each group in list order. It comes first even when it sets no target for the
  // metric: where it stands is what its official asked.
  function aroundMine(manifest, mine, metricSlug) {
    var metric = manifest.metrics.filter(function (m) { return m.slug === metricSlug; })[0];
    var candidates = metric ? metric.set.map(function (i) { return manifest.districts[i]; }) : manifest.districts;
    var region = manifest.districts.filter(function (d) { return d.slug === mine; })[0].region;
    var others = candidates.filter(function (d) { return d.slug !== mine; });
    var ordered = others.filter(function (d) { return d.region === region; })
      .concat(others.filter(function (d) { return d.region !== region; }));
    return [mine].concat(ordered.slice(0, MAX - 1).map(function (d) { return d.slug; }));
  }

  function readState(manifest, opening) {
    var params = new URLSearchParams(location.search);
    var known = {};
    manifest.districts.forEach(function (d) { known[d.slug] = true; });
    var asked = (params.get("d") || "").split(",").filter(function (s) { return s; });
    var metric = params.get("m") || "";
    // the page opened without districts: the reader's own (我的区县, site.js) is picked to start from;
    // a link that offers it (mine=1: index.compare_url's around_mine, the metrics index's 对比) names
    // districts for a reader without one, and for a reader with one compares it with its peers
    var offered = params.get("mine") === "1";
    var mine = !opening || (params.has("d") && !offered) || typeof window.csMyDistrict !== "function" ? "" : window.csMyDistrict();
    if (mine && known[mine]) asked = offered ? aroundMine(manifest, mine, metric) : [mine];
    var picked = asked.filter(function (s) { return known[s]; });
    picked = picked.filter(function (s, i) { return picked.indexOf(s) === i; });
    // what a link asked for that this site does not have (an old or mistyped link), said once above the view
    var dropped = [];
    var unknown = asked.filter(function (s, i) { return !known[s] && asked.indexOf(s) === i; });
    if (unknown.length) dropped.push("区县编号 " + unknown.join("、") + " 不是本站收录的区县");
    if (picked.length > MAX) dropped.push("最多对比 " + MAX + " 个区县，只取了前 " + MAX + " 个");
    picked = picked.slice(0, MAX);
    var theme = params.get("t") || "";
    if (theme && !manifest.themes.some(function (t) { return t.slug === theme; })) { dropped.push("没有主题 " + theme); theme = ""; }
    if (metric && !manifest.metrics.some(function (m) { return m.slug === metric; })) { dropped.push("没有指标 " + metric); metric = ""; }
    // y: 量化目标对照 shows the targets of this target year alone; a year none of the districts picked
    // has is kept (the section says they have none), what is no year at all is dropped
    var year = params.get("y") || "";
    if (year && !YEAR_KEY.test(year)) { dropped.push("没有目标年份 " + year); year = ""; }
    // gap: only the measures the first district has no similar measure of (只看…没有相似措施的)
    // c: the district whose column a phone shows (its tab), so a shared link opens on it
    var state = { districts: picked, theme: theme, metric: metric, query: params.get("q") || "",
      gap: params.get("gap") === "1", year: year, dropped: dropped };
    var tab = picked.indexOf(params.get("c"));
    state.tab = tab >= 0 ? tab : defaultTab(state);
    return state;
  }

  // The query part of a view's address (?d=a,b&m=metric…; empty for none): what readState reads back.
  function stateQuery(state) {
    var params = new URLSearchParams();
    if (state.districts.length) params.set("d", state.districts.join(","));
    if (state.theme) params.set("t", state.theme);
    if (state.metric) params.set("m", state.metric);
    if (state.query.trim()) params.set("q", state.query.trim());
    if (state.gap) params.set("gap", "1");
    // the year of 量化目标对照, which only the overview shows: kept in the address in every view, so that
    // a reload, Back and Forward or a shared link bring the reader back to the overview with it (a review)
    if (state.year) params.set("y", state.year);
    if (state.tab !== defaultTab(state) && state.tab < state.districts.length) params.set("c", state.districts[state.tab]);
    var query = params.toString().replace(/%2C/g, ",");
    return query ? "?" + query : "";
  }

  // The view's address, written over the entry of the history the view is in: a reader who ticked
  // six boxes leaves the page with one Back. The entry's state is kept: the theme's instant
  // navigation keeps the page's scroll offset there, to restore it when the reader comes back.
  function writeState(state) {
    history.replaceState(history.state, "", location.pathname + stateQuery(state) + viewHash(state));
  }

  // The address's hash, kept as it is but for #targets (the overview's 量化目标对照), which only the
  // overview has.
  function viewHash(state) {
    return location.hash === "#" + TARGETS && !overviewShown(state) ? "" : location.hash;
  }

  // Whether the view is the overview, where 量化目标对照 is: no metric, theme or keyword chosen.
  function overviewShown(state) {
    return !state.metric && !state.theme && !state.query.trim();
  }

  // Bring a node's top into view just below the theme's sticky header.
  function scrollBelowHeader(node) {
    var header = document.querySelector(".md-header");
    var below = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    window.scrollBy(0, node.getBoundingClientRect().top - below - 8);
  }

  // A node brought into view below the header, the keyboard's focus moved to it or to `start` inside
  // it (a view or note the reader asked for, which a screen reader then reads from there).
  function bringIntoView(node, start) {
    var focus = start || node;
    scrollBelowHeader(node);
    if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
    focus.focus({ preventScroll: true });
  }

  // A link whose plain click the view follows itself (`follow`), staying on the page; a click with a
  // modifier key opens its address as the browser does. The theme's instant navigation, which would
  // push an entry of the history for it, never sees a plain click.
  function onPlainClick(a, follow) {
    a.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      e.stopPropagation();
      follow();
    });
    return a;
  }

  // The page's title names the view: 江津区、铜梁区 · 能源转型 - 对比 - 区县双碳政策对照.
  function viewTitle(manifest, state, base) {
    var names = state.districts.map(function (slug) {
      return manifest.districts.filter(function (d) { return d.slug === slug; })[0].name;
    });
    var chosen = state.metric ? manifest.metrics.filter(function (m) { return m.slug === state.metric; })[0]
      : state.theme ? manifest.themes.filter(function (t) { return t.slug === state.theme; })[0] : null;
    // the target year of 量化目标对照, named where the overview shows it, for two districts or more (the
    // address keeps it in every view)
    var year = state.year && overviewShown(state) && names.length > 1
      ? (state.year === NO_YEAR_KEY ? manifest.definitions.noYear + "的目标" : state.year + "年目标") : "";
    var parts = [names.join("、"), chosen ? chosen.name : "", year, state.query.trim() ? "查找「" + state.query.trim() + "」" : "",
      state.gap && names.length > 1 ? "只看" + names[0] + "没有的" : ""];
    var label = parts.filter(function (p) { return p; }).join(" · ");
    return label ? label + " - " + base : base;
  }

  // How many of some counted targets (or districts) have no number of their own, each given by why
  // (市级下达 …), as pages/common.py numberless_count_text says it, in the manifest's words
  // (definitions.numberless): 其中 2 个为市级下达，原文未写本区数值; `explained` false (inside brackets):
  // 其中 3 个为市级下达, 其中 7 个没有本区数值.
  function numberlessCount(words, reasons, explained) {
    if (!reasons.length) return "";
    var counts = {}, kinds = [];
    reasons.forEach(function (r) { if (!counts[r]) { counts[r] = 0; kinds.push(r); } counts[r] += 1; });
    var head = "其中 " + reasons.length + " 个";
    if (kinds.length === 1) return head + (explained ? words.said : words.brief)[kinds[0]];
    return head + words.many + (explained ? "（" + kinds.map(function (r) { return r + " " + counts[r] + " 个"; }).join("、") + "）" : "");
  }

  // Districts without a number of their own (pairs of name and why), by why in order of first
  // appearance, as pages/common.py numberless_districts_text: 铜梁区、黔江区为市级下达，原文未写本区数值.
  function numberlessNames(words, pairs, explained) {
    var names = {}, kinds = [];
    pairs.forEach(function (p) { if (!names[p[1]]) { names[p[1]] = []; kinds.push(p[1]); } names[p[1]].push(p[0]); });
    return kinds.map(function (r) { return names[r].join("、") + (explained ? words.said : words.brief)[r]; }).join("；");
  }

  // The districts picked that set a metric (their places in the manifest's districts, in the order
  // picked), each with why it has no number of its own, or "" for a number (the metric's `numberless`).
  function pickedSetters(metric, picked) {
    var bare = {};
    (metric.numberless || []).forEach(function (pair) { bare[pair[0]] = pair[1]; });
    return picked.filter(function (i) { return metric.set.indexOf(i) >= 0; }).map(function (i) { return [i, bare[i] || ""]; });
  }

  // The 指标 choice: a group per theme (<optgroup>, the themes in the registry's order), each metric
  // under the first of its themes, in the registry's order (manifest.metrics' rank); each option says
  // how many of the districts picked set a target for it and, where not all of them do, which
  // (所选 1 个设有：江津区), those without a number of their own apart (所选 2 个设有，永川区为市级下达;
  // 所选 2 个设有：江津区；永川区为市级下达), or 所选区县未设; with none picked, how many districts of
  // the site set it. A native select: a phone shows the groups' names. The closed select cuts a long
  // option short (…) after the metric's name and its count; the metric's view below says it in full.
  function fillMetrics(select, manifest, state) {
    var slugs = manifest.districts.map(function (d) { return d.slug; });
    var picked = state.districts.map(function (slug) { return slugs.indexOf(slug); });
    var themes = manifest.themes.map(function (t) { return t.slug; });
    var groups = {}, rest = [];
    manifest.metrics.slice().sort(function (a, b) { return a.rank - b.rank; }).forEach(function (m) {
      var home = (m.themes || []).filter(function (t) { return themes.indexOf(t) >= 0; })[0];
      if (home) (groups[home] = groups[home] || []).push(m); else rest.push(m);
    });
    select.textContent = "";
    select.appendChild(el("option", { value: "", text: "不选指标" }));
    var words = manifest.definitions.numberless;
    function name(i) { return manifest.districts[i].name; }
    function setNote(m) {
      var setters = pickedSetters(m, picked);
      if (!setters.length) return "所选区县未设";
      var all = setters.length === picked.length, parts = [];
      var numbered = setters.filter(function (s) { return !s[1]; }), bare = setters.filter(function (s) { return s[1]; });
      if (!all && numbered.length) parts.push(numbered.map(function (s) { return name(s[0]); }).join("、"));
      if (bare.length) parts.push(numberlessNames(words, bare.map(function (s) { return [name(s[0]), s[1]]; }), false));
      return "所选 " + setters.length + " 个设有" + (parts.length ? (all ? "，" : "：") + parts.join("；") : "");
    }
    function option(m) {
      var note = !picked.length ? "共 " + m.districts + " 个区县" : setNote(m);
      return el("option", { value: m.slug, text: m.name + "（" + note + "）" });
    }
    manifest.themes.forEach(function (t) {
      if (groups[t.slug]) select.appendChild(el("optgroup", { label: t.name }, groups[t.slug].map(option)));
    });
    if (rest.length) select.appendChild(el("optgroup", { label: "其他" }, rest.map(option)));
  }

  // 复制链接: copies the address of the view shown (the selection is in it). Where the Clipboard
  // API is missing or refused (plain http, older browsers) the address is shown in a text field,
  // selected, for the reader to copy by hand. The note beside the button is read out (aria-live).
  function shareLink() {
    var button = el("button", { type: "button", class: "md-button cmp-copy", text: "复制链接" });
    var note = el("span", { class: "cmp-copy-note", "aria-live": "polite" });
    var field = el("input", { type: "text", class: "cmp-url", readonly: "readonly", "aria-label": "本对比的链接", hidden: "hidden" });
    var row = el("div", { class: "cmp-share-link" }, [button, note, field]);

    function byHand() {
      field.value = location.href;
      field.hidden = false;
      field.focus();
      field.select();
      note.textContent = "请复制下框中已选中的链接";
    }

    button.addEventListener("click", function () {
      var url = location.href;
      note.textContent = "";
      if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") { byHand(); return; }
      navigator.clipboard.writeText(url).then(function () {
        field.hidden = true;
        note.textContent = "已复制";
      }, byHand);
    });

    return {
      row: row,
      // the selection changed: the address copied or shown before is no longer this view's
      reset: function () {
        note.textContent = "";
        if (!field.hidden) field.value = location.href;
      }
    };
  }

  // The short mark of a consultation draft after a name or a value (稿, as the coverage table's), the
  // note it stands for (`note`: 征求意见稿·定稿已印发 …) read out in full by screen readers.
  function draftMark(note) {
    return [el("span", { class: "cmp-draft", text: "稿", "aria-hidden": "true" }),
      el("span", { class: "cs-visually-hidden", text: "（" + note + "）" })];
  }

  // The district picker: a summary of the choice (已选 n/4 and a button per district to remove it)
  // that stays in view while picking, above a panel of real checkboxes grouped by region (one
  // fieldset and legend each, with its preset), in a grid of short names. The draft note is said
  // once: in one sentence when every district shares it, else as a small mark whose meaning is
  // given above the grid (and read out in full by screen readers). The panel closes when a shared
  // comparison opens, on 收起 and on a region's preset, so the results come into view; it opens again
  // below 2 districts.
  function picker(manifest, state, changed) {
    var names = {}, boxes = {}, labels = {};
    manifest.districts.forEach(function (d) { names[d.slug] = d.name; });
    var count = el("span", { class: "cmp-count" });
    var chips = el("ul", { class: "cmp-chips", "aria-label": "已选区县" });
    var limit = el("span", { class: "cmp-limit" });
    var toggle = el("button", { type: "button", class: "md-button cmp-toggle", "aria-controls": "cmp-panel" });
    var summary = el("div", { class: "cmp-summary" }, [
      el("span", { class: "cmp-picked", "aria-live": "polite" }, [count, limit]), chips, toggle]);
    var panel = el("div", { class: "cmp-panel", id: "cmp-panel" });
    var node = el("div", { class: "cmp-choice" }, [summary, panel]);

    var notes = manifest.districts.map(function (d) { return d.draft || ""; });
    var same = notes.every(function (n) { return n === notes[0]; });
    if (same && notes[0]) {
      // the note is draft_note's: [含]征求意见稿[·(部分)定稿已印发]
      var parts = notes[0].split("·");
      panel.appendChild(el("p", { class: "cmp-key", text: (parts[0] === "征求意见稿" ? "各区县的文件均为征求意见稿" : "各区县的文件均含征求意见稿")
        + (parts[1] ? "，" + parts[1] + "（见各区县的对比列）" : "") + "。" }));
    } else if (!same) {
      panel.appendChild(el("p", { class: "cmp-key" }, [el("span", { class: "cmp-draft", text: "稿", "aria-hidden": "true" }),
        document.createTextNode("：该区县有文件仍是征求意见稿（尚未正式印发）。")]));
    }

    // A region's preset keeps the district picked first (an official's own, or the one a district
    // page opened the view with) and fills the rest with the region's districts in list order.
    var presets = [];
    function presetChoice(members) {
      var kept = state.districts.slice(0, 1);
      var others = members.filter(function (slug) { return kept.indexOf(slug) < 0; });
      return { kept: kept, added: others.slice(0, MAX - kept.length), all: others.length };
    }
    panel.appendChild(el("p", { class: "cmp-preset-note", text: "“选本片区”保留最先选的区县，其余按列表顺序选本片区的区县，共最多 " + MAX + " 个。" }));
    var regions = [];
    manifest.districts.forEach(function (d) { if (regions.indexOf(d.region) < 0) regions.push(d.region); });
    regions.forEach(function (region) {
      var members = manifest.districts.filter(function (d) { return d.region === region; });
      var slugs = members.map(function (d) { return d.slug; });
      var preset = el("button", { type: "button", class: "md-button cmp-preset" });
      preset.addEventListener("click", function () {
        var choice = presetChoice(slugs);
        state.districts = choice.kept.concat(choice.added);
        changed();
        // the choice is made: the list folds away, as on 收起列表, so the theme and metric come into
        // view; the keyboard, on the button now hidden, goes to 更改区县
        if (state.districts.length >= 2) { close(); toggle.focus(); }
      });
      presets.push({ button: preset, slugs: slugs, region: region });
      var grid = el("div", { class: "cmp-grid" });
      members.forEach(function (d) {
        var box = el("input", { type: "checkbox", value: d.slug });
        box.addEventListener("change", function () {
          var i = state.districts.indexOf(d.slug);
          if (box.checked && i < 0) state.districts.push(d.slug);
          if (!box.checked && i >= 0) state.districts.splice(i, 1);
          changed();
        });
        // a name longer than most (自治县, 新区) takes two cells of the grid
        var label = el("label", { class: "cmp-district" + (d.name.length > 3 ? " cmp-wide" : "") }, [box, el("span", { class: "cmp-name", text: d.name })]);
        if (!same && d.draft) draftMark(d.draft).forEach(function (node) { label.appendChild(node); });
        boxes[d.slug] = box;
        labels[d.slug] = label;
        grid.appendChild(label);
      });
      panel.appendChild(el("fieldset", { class: "cmp-region" }, [
        el("legend", { text: region + " " + members.length + " 个" }), preset, grid]));
    });

    function setOpen(open) {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "收起列表" : "更改区县";
    }
    // closing from deep in the list: bring the summary, and the choices and results below it, into view
    function close() {
      setOpen(false);
      if (node.getBoundingClientRect().top < 0) node.scrollIntoView();
    }
    toggle.addEventListener("click", function () {
      if (panel.hidden) setOpen(true);
      else close();
    });
    setOpen(state.districts.length < 2);

    function remove(slug, next) {
      state.districts.splice(state.districts.indexOf(slug), 1);
      changed();
      // keep the keyboard where it was: on the next chip, else on the toggle, else in the list
      var target = Array.prototype.filter.call(chips.querySelectorAll(".cmp-chip"), function (c) { return c.dataset.slug === next; })[0];
      (target || (toggle.hidden ? panel.querySelector("input") : toggle)).focus();
    }

    return {
      node: node,
      // a theme or metric picked below: the choice of districts is made, so the list folds away and
      // the results come up to the first screen (as for a shared link, which opens with it folded)
      fold: function () { if (state.districts.length >= 2) setOpen(false); },
      sync: function () {
        var full = state.districts.length >= MAX;
        Object.keys(boxes).forEach(function (slug) {
          var on = state.districts.indexOf(slug) >= 0;
          boxes[slug].checked = on;
          boxes[slug].disabled = !on && full;
          labels[slug].classList.toggle("cmp-on", on);
        });
        // the button says what it will do: keep the district picked first when it is of another
        // region, and how many of this region it takes when not all of them fit; beside a district
        // of another region it names its own (本片区 read as the district's region, a user test)
        presets.forEach(function (p) {
          var choice = presetChoice(p.slugs);
          var outside = choice.kept.filter(function (slug) { return p.slugs.indexOf(slug) < 0; })[0];
          p.button.textContent = outside ? "保留" + names[outside] + "，加" + p.region + " " + choice.added.length + " 个"
            : "选本片区" + (choice.added.length < choice.all ? " " + (choice.kept.length + choice.added.length) + " 个" : "");
        });
        count.textContent = "已选 " + state.districts.length + "/" + MAX + (state.districts.length ? "：" : "：请选 2–" + MAX + " 个区县");
        limit.textContent = full ? "已满，移除一个可另选" : "";
        chips.textContent = "";
        state.districts.forEach(function (slug, i) {
          var chip = el("button", { type: "button", class: "cmp-chip", "data-slug": slug, "aria-label": "移除" + names[slug] },
            [el("span", { text: names[slug] }), el("span", { class: "cmp-x", text: "×", "aria-hidden": "true" })]);
          chip.addEventListener("click", function () { remove(slug, state.districts[i + 1] || state.districts[i - 1]); });
          chips.appendChild(el("li", {}, [chip]));
        });
        // below 2 districts there is nothing to compare: the list stays open
        toggle.hidden = state.districts.length < 2;
        if (state.districts.length < 2) setOpen(true);
      }
    };
  }

  // The coverage table below the view (templates/compare.md.j2: every district's row, for readers
  // without script and for its anchors): while 2 or more districts are compared, only theirs, in the
  // order picked, so that a phone reaches the page's end after them, not after a card per district;
  // a button shows every district's again, in the registry's order, and another folds them back.
  function coverageRows(state) {
    var box = document.getElementById("cmp-coverage");
    var table = box && box.querySelector("table");
    if (!table || !table.tBodies.length) return { sync: function () {} };
    var body = table.tBodies[0], order = Array.prototype.slice.call(body.rows), rows = {};
    order.forEach(function (row) {
      var a = row.cells[0] && row.cells[0].querySelector("a");
      var found = a && /(?:^|\/)districts\/([^\/]+)\/$/.exec(a.getAttribute("href") || "");
      if (found) rows[found[1]] = row;
    });
    var all = false;  // the reader asked for every district's row
    var note = el("span", { class: "cmp-coverage-note" });
    var button = el("button", { type: "button", class: "md-button cmp-coverage-all", "aria-controls": "cmp-coverage" });
    var bar = el("p", { class: "cmp-coverage-bar" }, [note, button]);
    box.parentNode.insertBefore(bar, box);
    function sync() {
      var picked = state.districts.filter(function (slug) { return rows[slug]; }).map(function (slug) { return rows[slug]; });
      var only = picked.length >= 2 && !all;
      bar.hidden = picked.length < 2;
      (only ? picked : order).forEach(function (row) { body.appendChild(row); });
      order.forEach(function (row) { row.hidden = only && picked.indexOf(row) < 0; });
      note.textContent = only ? "下表只列出所选的 " + picked.length + " 个区县，顺序与上方对比相同。" : "下表列出全部 " + order.length + " 个区县。";
      button.textContent = only ? "显示全部 " + order.length + " 个区县" : "只显示所选 " + picked.length + " 个区县";
      button.setAttribute("aria-expanded", String(!only));
    }
    button.addEventListener("click", function () {
      all = !all;
      sync();
      // folding 50 rows from below them: back to the table's start
      if (!all && bar.getBoundingClientRect().top < 0) bar.scrollIntoView();
    });
    return { sync: sync };
  }

  function start(app) {
    if (app.dataset.started) return;
    app.dataset.started = "1";
    var root = app.dataset.root, source = app.dataset.source;
    var cache = {}, textCache = {}, texts = {}, units = {};
    var alsoTable = null, alsoLoad = null;  // what each typed word also looks for (texts/index.json), once loaded
    // every unit name of the site (units/index.json: pages/compare.unit_words), normalised, loaded with alsoTable:
    // a typed word that one of them holds names a unit, as the site search decides it from all its records
    var siteUnits = [];
    getJSON(source + "districts.json").then(function (manifest) {
      MAX = manifest.most;
      var state = readState(manifest, true);
      app.hidden = false;
      var filters = el("div", { class: "cmp-filters" });
      var status = el("p", { class: "cmp-status", "aria-live": "polite" });
      var result = el("div", { class: "cmp-result" });
      var copyLink = shareLink();
      var baseTitle = document.title;  // 对比 - 区县双碳政策对照: the view's own title is put before it
      var readings = document.getElementById("cmp-readings");  // what 〔识读〕 means, shown while a label carries it
      var choice = picker(manifest, state, update);
      var coverage = coverageRows(state);
      if (state.dropped.length) {
        app.appendChild(el("p", { class: "cmp-dropped", role: "note",
          text: "链接中有本站没有的内容，已略去：" + state.dropped.join("；") + "。" }));
      }
      app.appendChild(choice.node);
      app.appendChild(filters);
      app.appendChild(copyLink.row);
      app.appendChild(status);
      app.appendChild(result);

      var themeSelect = el("select", { "aria-label": "主题" }, [el("option", { value: "", text: "全部主题（概览）" })]);
      manifest.themes.forEach(function (t) { themeSelect.appendChild(el("option", { value: t.slug, text: t.name })); });
      var metricSelect = el("select", { "aria-label": "指标" });
      var metricsFor = null;  // the districts the 指标 choice was last filled for
      themeSelect.addEventListener("change", function () { state.theme = themeSelect.value; state.metric = ""; choice.fold(); update(); });
      metricSelect.addEventListener("change", function () { state.metric = metricSelect.value; state.theme = ""; choice.fold(); update(); });
      filters.appendChild(el("label", { class: "cmp-theme-choice" }, [document.createTextNode("主题 "), themeSelect]));
      filters.appendChild(el("label", { class: "cmp-metric-choice" }, [document.createTextNode("指标 "), metricSelect]));
      // 只看<第一个区县>没有相似措施的: the first district picked is the reader's own (本区). Beside the
      // 指标 choice, which then says 不选指标 (a theme or the overview is shown), so that on a phone
      // both take one line; a metric's view lists targets, which it does not filter: hidden there.
      var gapBox = el("input", { type: "checkbox" });
      var gapName = el("span");
      var gapLabel = el("label", { class: "cmp-gap" }, [gapBox, gapName]);
      gapBox.addEventListener("change", function () {
        state.gap = gapBox.checked;
        state.tab = defaultTab(state);
        update();
      });
      filters.appendChild(gapLabel);

      // The keyword box, on the row of 复制链接 (a phone keeps the results on its first screen):
      // filters as the official types (not mid-composition of an input method); Enter only closes
      // a phone's keyboard. Typing leaves a metric's targets for the measures.
      var queryBox = el("input", { type: "search", id: "cmp-q", class: "cmp-q", enterkeyhint: "search", autocomplete: "off",
        placeholder: "在所选区县的措施中查找", "aria-label": "在所选区县的措施中查找（多个词用空格隔开）" });
      var search = el("form", { class: "cmp-search", role: "search" }, [el("label", { for: "cmp-q", text: "查找" }), queryBox]);
      copyLink.row.insertBefore(search, copyLink.row.firstChild);
      function typed() {
        if (queryBox.value === state.query) return;
        state.query = queryBox.value;
        if (state.query.trim()) state.metric = "";
        update();
      }
      queryBox.addEventListener("input", function (e) { if (!e.isComposing) typed(); });
      queryBox.addEventListener("compositionend", typed);
      search.addEventListener("submit", function (e) { e.preventDefault(); typed(); queryBox.blur(); });

      // Back or Forward to another entry of this page (a link to one of its, followed, then the view changed; or the overview a metric of 量化目标对照 was opened
      // from, drill()): that entry's view, drawn again from its address, and where it is the overview
      // left for a metric, its 量化目标对照 in view again
      window.addEventListener("popstate", function () {
        if (!document.body.contains(app)) return;  // the theme's instant navigation has left the page
        var back = readState(manifest);
        var left = state.drilled;
        ["districts", "theme", "metric", "query", "gap", "year", "tab"].forEach(function (key) { state[key] = back[key]; });
        state.drilled = !!(history.state && history.state.cmpDrilled) && !!state.metric;
        if ((left || (history.state && history.state.cmpTargets)) && !state.metric) afterDraw = showTargets;
        update();
      });

      function load(slug) {
        if (!cache[slug]) cache[slug] = getJSON(source + slug + ".json");
        return cache[slug];
      }

      // A district's texts (texts/<slug>.json: measure url → text, in printed order) and the names
      // of its measures' units by role (units/<slug>.json), kept once loaded; a failed fetch is
      // forgotten, so that the next change of the view tries again.
      function loadTexts(slug) {
        if (!textCache[slug]) {
          textCache[slug] = Promise.all([getJSON(source + "texts/" + slug + ".json"), getJSON(source + "units/" + slug + ".json")])
            .then(function (both) { texts[slug] = both[0]; units[slug] = both[1]; },
              function (error) { delete textCache[slug]; throw error; });
        }
        return textCache[slug];
      }

      // What each typed word also looks for, and the site's unit names, fetched with the first texts
      // and kept; a failed fetch is forgotten, as a district's texts are.
      function loadAlso() {
        if (!alsoLoad) {
          alsoLoad = Promise.all([getJSON(source + "texts/index.json"), getJSON(source + "units/index.json")])
            .then(function (both) { alsoTable = both[0]; siteUnits = both[1].map(normalize); },
            function (error) { alsoLoad = null; throw error; });
        }
        return alsoLoad;
      }

      // `then`: what update() was asked to do once this view is drawn (bring it into view), or null
      function draw(data, words, then) {
        status.textContent = "";
        status.classList.remove("cs-visually-hidden");
        if (state.metric) renderMetric(data, words);
        else if (words.norm.length) renderFound(data, words);
        else if (state.theme) renderTheme(data);
        else renderOverview(data);
        // role words alone (牵头): nothing to find yet, said as the site search says it
        if (!state.metric && !words.norm.length && words.roleShown.length) {
          status.textContent = quoted(words.roleShown) + "按责任角色筛选：请再输入部门或主题，如“发改委 " + words.roleShown[0] + "”“光伏 " + words.roleShown[0] + "”。";
        }
        showReadings();
        if (then) then();
      }

      // 〔识读〕, 〔识读存疑〕 (index.READ_MARK) end a label made from our reading of damaged print: when a
      // link shown carries one, what they mean is said below the view's first line (what it lists)
      function showReadings() {
        if (!readings) return;
        readings.hidden = !Array.prototype.some.call(result.querySelectorAll("a"), function (a) { return /〔识读(存疑)?〕$/.test(a.textContent); });
        if (!readings.hidden) result.insertBefore(readings, result.firstChild ? result.firstChild.nextSibling : null);
      }

      var requests = 0;
      // what to do once the view asked for next is drawn (bring it into view): taken by that update()
      // alone, and dropped with it when its view is not drawn (fewer than 2 districts, a failed load,
      // a newer choice), so that it never moves a later, unrelated view
      var afterDraw = null;
      function update() {
        var then = afterDraw;
        afterDraw = null;
        writeState(state);
        document.title = viewTitle(manifest, state, baseTitle);
        copyLink.reset();
        choice.sync();
        coverage.sync();
        if (metricsFor !== state.districts.join(",")) {
          metricsFor = state.districts.join(",");
          fillMetrics(metricSelect, manifest, state);
        }
        themeSelect.value = state.theme;
        metricSelect.value = state.metric;
        gapBox.checked = state.gap;
        gapBox.disabled = state.districts.length < 2;
        gapLabel.hidden = !!state.metric;
        gapName.textContent = "只看" + (state.districts.length ? districtName(state.districts[0]) : "第一个区县") + "没有相似措施的";
        if (queryBox.value !== state.query) queryBox.value = state.query;
        result.textContent = "";
        var shown = ++requests;  // a load still under way for an earlier choice draws nothing
        if (state.districts.length < 2) {
          status.textContent = "至少选择 2 个区县才能并排对比（最多 " + MAX + " 个）。";
          return;
        }
        status.textContent = "正在载入…";
        status.classList.remove("cmp-warn");
        Promise.all(state.districts.map(load)).then(function (data) {
          if (shown !== requests) return;
          var words = queryWords(state.query, manifest.roleWords);
          // a keyword looks in the measures' texts (a metric's targets are not filtered by it): the
          // texts of the districts not yet loaded are fetched first, saying so; where they cannot be,
          // the columns stay as they are without the keyword, saying why
          var keyword = words.norm.length && !state.metric;
          if (!keyword) { draw(data, words, then); return; }
          var missing = state.districts.filter(function (slug) { return !texts[slug]; });
          var loads = missing.map(loadTexts).concat(!alsoTable ? [loadAlso()] : []);
          if (loads.length) status.textContent = "正在载入措施原文，以便查找" + words.named + "…";
          var split = null;
          loads.push(partsOf(words).then(function (parts) { split = parts; }));
          return Promise.all(loads).then(function () {
            if (shown === requests) draw(data, withParts(withAlso(words, alsoTable), split, manifest.roleWords, alsoTable), then);
          }, function () {
            if (shown !== requests) return;
            draw(data, queryWords("", manifest.roleWords), then);
            status.textContent = "措施原文载入失败，暂时无法查找" + words.named + "，下面是未按关键词筛选的结果。请检查网络后重新输入或刷新页面。";
            status.classList.add("cmp-warn");
          });
        }).catch(function () { if (shown === requests) status.textContent = "数据载入失败，请刷新页面重试。"; });
      }

      function districtName(slug) {
        var d = manifest.districts.filter(function (x) { return x.slug === slug; })[0];
        return d ? d.name : slug;
      }

      // The filter 只看<第一个区县>没有相似措施的, or null where it is off: `why(item)` is null for an
      // item of another column that the first district lacks as its page's 可借鉴措施 counts it (a
      // measure to borrow, with no confident equivalent there), else "similar" (the first district has
      // a similar measure) or "goal" (a goal or indicator row: compared by metric, not counted);
      // `near(item)` the first district's item the site shows as similar to it all the same (the item's
      // `near`: its place in the first district's data, [theme's place in the manifest, item's place
      // among the theme's items]: pages/compare.py ItemPlaces), else null.
      function gapFilter(data) {
        if (!state.gap || data.length < 2) return null;
        var home = data[0], place = placeOf(home.slug);
        function why(item) { return item.goal ? "goal" : hasDistrict(item.cp, place) ? "similar" : null; }
        function near(item) {
          var at = item.near ? item.near[place] : null;
          var theme = at ? manifest.themes[at[0]] : null;
          var cell = theme && Object.prototype.hasOwnProperty.call(home.themes, theme.slug) ? home.themes[theme.slug] : null;
          return cell && cell.items[at[1]] || null;
        }
        return { home: home, why: why, keep: function (item) { return why(item) === null; }, near: near };
      }

      // Under an item the first district lacks, where the site shows one of its measures as similar all
      // the same (gap.near): that measure, linked, and why the item is listed though (definitions.near:
      // pages/common.py NEAR_SAID, as the district page's 可借鉴措施 says it); else null.
      function nearNote(gap, item) {
        var own = gap ? gap.near(item) : null;
        if (!own) return null;
        return el("div", { class: "cs-borrow-near" }, [document.createTextNode(gap.home.name + "相近："), link(root, own.url, own.label),
          document.createTextNode("（" + manifest.definitions.near + "）")]);
      }

      // What the filter hides in a column, said under its heading: 未列出 7 项：5 项永川区有相似措施，2 项为目标或指标行（按指标对比）。
      function hiddenNote(gap, hidden) {
        var similar = hidden.filter(function (item) { return gap.why(item) === "similar"; }).length;
        var goals = hidden.length - similar;
        if (!hidden.length) return null;
        var text = !goals ? "未列出" + gap.home.name + "有相似措施的 " + similar + " 项。"
          : !similar ? "未列出 " + goals + " 项：目标或指标行（按指标对比）。"
          : "未列出 " + hidden.length + " 项：" + similar + " 项" + gap.home.name + "有相似措施，" + goals + " 项为目标或指标行（按指标对比）。";
        return el("p", { class: "cmp-note cmp-hidden", text: text });
      }

      // A column the filter empties, said without a double negative: 本主题的措施，永川区都有相似措施。
      // (`subject`: 本主题的, 含「光伏」的), or, where all it hides are goals, that they are compared by metric.
      function allSimilarNote(gap, hidden, subject) {
        var similar = hidden.filter(function (item) { return gap.why(item) === "similar"; }).length;
        var text = !similar ? subject + "条目都是目标或指标行，按指标对比（见上方“指标”）。"
          : subject + (similar < hidden.length ? "其他" : "") + "措施，" + gap.home.name + "都有相似措施。";
        return el("p", { class: "cmp-none", text: text });
      }

      // Under the filter, on a theme: how many measures of the theme the first district lacks in every
      // district of the site (its data's gaps) and how many of them the districts picked hold (`shown`:
      // per column), said in `lead`; and in `box`, where some are elsewhere, the districts not picked
      // that have most, each with a button that puts it in (in place of the district picked with
      // fewest, when four are picked), else null.
      function gapSummary(data, gap, shown) {
        var all = (gap.home.gaps || {})[state.theme];
        if (!all) return { lead: "其他区县本主题的措施，" + gap.home.name + "都有相似措施。", box: null };
        var picked = shown.reduce(function (a, b) { return a + b; }, 0);
        var lead = gap.home.name + "没有相似措施的，全站共 " + all.count + " 项，来自 " + all.districts + " 个区县；" +
          (picked === all.count ? "都在所选区县中。" : "所选区县有其中 " + picked + " 项。");
        var others = all.most.filter(function (m) { return state.districts.indexOf(manifest.districts[m[0]].slug) < 0; });
        var unnamed = all.districts - others.length - shown.filter(function (n, i) { return i > 0 && n > 0; }).length;
        if (!others.length && unnamed <= 0) return { lead: lead, box: null };
        var box = el("div", { class: "cmp-gap-box" });
        var fewest = 1;
        shown.forEach(function (n, i) { if (i > 0 && n <= shown[fewest]) fewest = i; });
        var full = state.districts.length >= MAX;
        if (others.length) {
          var line = el("p", { class: "cmp-gap-more" }, [document.createTextNode("其余在：")]);
          others.forEach(function (m) {
            var d = manifest.districts[m[0]];
            var button = el("button", { type: "button", class: "md-button cmp-gap-add",
              text: (full ? "换入" : "加入") + d.name + "（" + m[1] + " 项）" });
            if (full) button.setAttribute("title", "替换" + data[fewest].name);
            button.addEventListener("click", function () {
              if (full) state.districts.splice(fewest, 1, d.slug);
              else state.districts.push(d.slug);
              update();
            });
            line.appendChild(button);
          });
          box.appendChild(line);
          if (full) box.appendChild(el("p", { class: "cmp-note", text: "已选满 " + MAX + " 个区县：换入的区县替换所选中这类措施最少的" + data[fewest].name + "。" }));
        }
        if (unnamed > 0) box.appendChild(el("p", { class: "cmp-note", text: "另有 " + unnamed + " 个区县各有少量这类措施，可点上方“更改区县”选取。" }));
        return { lead: lead, box: box };
      }

      function themeName(slug) {
        var t = manifest.themes.filter(function (x) { return x.slug === slug; })[0];
        return t ? t.name : slug;
      }

      // A district's place in the manifest's districts (-1: none), as sets of districts (`cp`) and a
      // metric's setters (`set`) name it.
      function placeOf(slug) {
        var place = -1;
        manifest.districts.forEach(function (d, i) { if (d.slug === slug) place = i; });
        return place;
      }

      function metricOf(slug) {
        return manifest.metrics.filter(function (x) { return x.slug === slug; })[0];
      }

      function metricName(slug) {
        var m = metricOf(slug);
        return m ? m.name : slug;
      }

      function metricRank(slug) {
        var m = metricOf(slug);
        return m ? m.rank : Infinity;
      }

      // A link to another view of the districts shown (`change`: the fields of the state it sets, a
      // theme or a metric): its address is the one writeState would write, so that it opens in a new
      // tab as any shared view does; a plain click the view follows itself, staying on the page, and
      // once it is drawn brings its top into view below the header, focus on its start. `drill`: a
      // metric of 量化目标对照, a navigation: one entry of the history pushed for it, so that Back
      // returns to the overview (the popstate handler), and the metric's view offers the way back.
      function viewLink(text, change, drill) {
        var a = el("a", { href: stateQuery(Object.assign({}, state, change)) || location.pathname, text: text });
        return onPlainClick(a, function () {
          Object.assign(state, change);
          if (drill) {
            state.drilled = true;
            // the overview's entry marked: come back to (the theme's instant navigation may draw the
            // page anew for Back), it opens on 量化目标对照
            history.replaceState(Object.assign({}, history.state, { cmpTargets: true }), "", location.href);
            // the metric's entry: drilled, not the overview's mark (a reader who sets 不选指标 there has
            // not come back to the section)
            history.pushState(Object.assign({}, history.state, { cmpDrilled: true, cmpTargets: false }), "", location.pathname + stateQuery(state));
          }
          afterDraw = function () {
            bringIntoView(result, result.querySelector("[data-cmp-start]") || result.firstElementChild || result);
          };
          update();
        });
      }

      function renderOverview(data) {
        var gap = gapFilter(data);
        if (gap) { renderOverviewGaps(data, gap); return; }
        var share = el("label", { class: "cmp-share" }, [el("input", { type: "checkbox" }), document.createTextNode(" 显示占比（该主题措施占本区县措施的百分比）")]);
        var box = share.firstChild;
        var table = el("table", { class: "cmp-table" });
        var head = el("tr", {}, [el("th", { text: "主题" })]);
        data.forEach(function (d) { head.appendChild(el("th", {}, [link(root, "districts/" + d.slug + "/", d.name)])); });
        table.appendChild(el("thead", {}, [head]));
        var body = el("tbody");
        function fill() {
          body.textContent = "";
          manifest.themes.forEach(function (t) {
            var row = el("tr", {}, [el("th", { text: t.name })]);
            var max = Math.max.apply(null, data.map(function (d) { return d.themes[t.slug] ? d.themes[t.slug].count / (box.checked ? d.total : 1) : 0; }));
            data.forEach(function (d) {
              var cell = d.themes[t.slug];
              var td = el("td");
              if (!cell) { td.textContent = "无"; td.className = "cmp-none"; }
              else {
                var text = box.checked ? Math.round(100 * cell.count / d.total) + "%" : String(cell.count);
                td.appendChild(link(root, cell.url, text));
                var value = box.checked ? cell.count / d.total : cell.count;
                td.style.setProperty("--cmp-level", max ? (value / max).toFixed(2) : "0");
                td.className = "cmp-heat";
              }
              row.appendChild(td);
            });
            body.appendChild(row);
          });
          var total = el("tr", {}, [el("th", { text: "措施合计" })]);
          data.forEach(function (d) { total.appendChild(el("td", { text: String(d.total) })); });
          body.appendChild(total);
        }
        box.addEventListener("change", fill);
        fill();
        table.appendChild(body);
        result.appendChild(jumpToTargets());
        result.appendChild(el("p", { text: "各主题的措施数。措施按正文措施计，" + manifest.definitions.measure + "。一项措施可属于多个主题，所以各主题之和可大于合计、占比之和可超过 100%。“无”表示该区县没有该主题的措施。点击数字查看措施；选择主题或指标可逐条并排对照。" }));
        result.appendChild(share);
        result.appendChild(el("div", { class: "cmp-scroll" }, [table]));
        result.appendChild(targetOverview(data));
      }

      // The overview under the filter 只看…没有相似措施的: per theme, the first district's measures, and
      // in each other column those it lacks (可借鉴措施), each number opening the theme so filtered.
      function renderOverviewGaps(data, gap) {
        var home = gap.home.name;
        var table = el("table", { class: "cmp-table" });
        var head = el("tr", {}, [el("th", { text: "主题" })]);
        data.forEach(function (d, i) {
          head.appendChild(el("th", {}, [link(root, "districts/" + d.slug + "/", d.name), i ? null : el("span", { class: "cmp-home", text: "本区" })]));
        });
        table.appendChild(el("thead", {}, [head]));
        var body = el("tbody"), totals = data.map(function () { return {}; });
        manifest.themes.forEach(function (t) {
          var row = el("tr", {}, [el("th", { text: t.name })]);
          var counts = data.map(function (d, i) {
            var cell = d.themes[t.slug];
            if (!cell) return 0;
            var kept = i ? cell.items.filter(gap.keep) : cell.items;
            kept.forEach(function (m) { totals[i][m.url] = true; });
            return kept.length;
          });
          var max = Math.max.apply(null, counts.slice(1));
          data.forEach(function (d, i) {
            var td = el("td");
            if (!d.themes[t.slug]) { td.textContent = "无"; td.className = "cmp-none"; }
            else if (!i) td.appendChild(link(root, d.themes[t.slug].url, String(counts[i])));
            else if (!counts[i]) { td.textContent = "0"; td.className = "cmp-none"; }
            else {
              // the theme, filtered
              td.appendChild(viewLink(String(counts[i]), { theme: t.slug, metric: "" }));
              td.style.setProperty("--cmp-level", max ? (counts[i] / max).toFixed(2) : "0");
              td.className = "cmp-heat";
            }
            row.appendChild(td);
          });
          body.appendChild(row);
        });
        var total = el("tr", {}, [el("th", { text: "措施合计" })]);
        totals.forEach(function (urls) { total.appendChild(el("td", { text: String(Object.keys(urls).length) })); });
        body.appendChild(total);
        table.appendChild(body);
        result.appendChild(jumpToTargets());
        result.appendChild(el("p", { text: "只看" + home + "没有相似措施的：第一列是" + home + "各主题的措施数；其他各列是该区县有、" + home +
          "收录的文件中没有相似措施的措施数，与" + home + "页面“可借鉴措施”所计相同（目标段落和指标表行不计）。“无”表示该区县没有该主题的措施。点数字逐条查看。" }));
        result.appendChild(el("div", { class: "cmp-scroll" }, [table]));
        result.appendChild(targetOverview(data));
      }

      // The overview's first line: a link down to its 量化目标对照 (on a phone screens below), which
      // puts #targets in the address (in place), so that 复制链接 copies a link that opens on it.
      function jumpToTargets() {
        var a = onPlainClick(el("a", { href: "#" + TARGETS, text: "跳到量化目标对照 ↓" }), function () {
          history.replaceState(history.state, "", location.pathname + stateQuery(state) + "#" + TARGETS);
          copyLink.reset();
          showTargets();
        });
        return el("p", { class: "cmp-jump" }, [a]);
      }

      // 量化目标对照 brought into view below the header, focus on its heading
      function showTargets() {
        var box = document.getElementById(TARGETS);
        if (box) bringIntoView(box.querySelector("h2"));
      }

      // 量化目标对照, after the overview's table of themes: a row per metric that a district picked sets
      // a target for, a column per district in the order picked. The metrics two or more of them set,
      // to compare, come first (those most of them write a number of their own for first, then most
      // setters, then the registry's order); those only one sets, what a peer sets that the others do
      // not, folded after them, a table per district (in the order picked; the registry's order in
      // each). A cell says the district's targets briefly (targetCell); a doubted one links to its note
      // under the table (doubtNotes); a metric's name opens its view, with each value's printed words
      // and source, as a navigation (viewLink's drill). A choice of target year (yearChoice: state.year)
      // keeps the targets of that year alone, in the tables and in every count said of them.
      function targetOverview(all) {
        var box = el("section", { id: TARGETS, class: "cmp-quant-box", "aria-labelledby": "cmp-quant-title" },
          [el("h2", { id: "cmp-quant-title", text: "量化目标对照", tabindex: "-1" })]);
        var year = state.year;
        var data = year ? all.map(function (d) { return ofYear(d, year); }) : all;
        var choice = yearChoice(all, year, function () {
          // the section alone drawn again, the keyboard left on the choice
          var fresh = targetOverview(all);
          box.parentNode.replaceChild(fresh, box);
          var select = fresh.querySelector(".cmp-year select");
          if (select) select.focus();
        });
        if (choice) box.appendChild(choice);
        // who sets each metric, and who of them has no number of its own, as the manifest says it
        // (pickedSetters; of one year, as the data of that year says it: yearSetters): `setters[slug]`,
        // the districts' indexes in `data` each with why it has no number ("" for a number), in the order picked
        var places = data.map(function (d) { return placeOf(d.slug); });
        var setters = {}, slugs = [], reasons = [], count = 0, doubted = false;
        manifest.metrics.forEach(function (m) {
          var who = year ? yearSetters(m, data, places) : pickedSetters(m, places);
          if (!who.length) return;
          setters[m.slug] = who.map(function (s) { return { at: places.indexOf(s[0]), bare: s[1] }; });
          slugs.push(m.slug);
          data.forEach(function (d) {
            var targets = d.metrics[m.slug] || [];
            count += targets.length;
            targets.forEach(function (t) {
              if (t.numberless) reasons.push(t.numberless);
              if (t.doubted) doubted = true;
            });
          });
        });
        if (!slugs.length) {
          box.appendChild(el("p", { class: "cmp-none", text: "所选区县都没有设定" + (year ? yearWords(year) + "的" : "") + "量化目标。" }));
          return box;
        }
        function numbered(slug) { return setters[slug].filter(function (s) { return !s.bare; }).length; }
        // the comparable ones: those most districts write a number of their own for first (a row of
        // 市级下达 compares nothing), then by most setters, then the registry's order
        var shared = slugs.filter(function (s) { return setters[s].length > 1; }).sort(function (a, b) {
          return numbered(b) - numbered(a) || setters[b].length - setters[a].length || metricRank(a) - metricRank(b);
        });
        var single = slugs.filter(function (s) { return setters[s].length === 1; }).sort(function (a, b) {
          return setters[a][0].at - setters[b][0].at || metricRank(a) - metricRank(b);
        });
        // a district whose targets all come from drafts of one kind says so once, by its name; `drafted`:
        // the draft notes marked, each once
        var drafted = [];
        var drafts = data.map(function (d) {
          var notes = [];
          Object.keys(d.metrics).forEach(function (slug) { d.metrics[slug].forEach(function (t) { notes.push(t.draft || ""); }); });
          notes.forEach(function (n) { if (n && drafted.indexOf(n) < 0) drafted.push(n); });
          return notes.length && notes.every(function (n) { return n === notes[0]; }) ? notes[0] : "";
        });
        var pair = data.length === 2, both = pair ? "两个区县都设有" : "有两个以上区县设有";
        var written = shared.filter(function (s) { return numbered(s) > 1; }).length, numbers = pair ? "两个区县都写出本区数值" : "有两个以上区县写出本区数值";
        box.appendChild(el("p", { text: "所选 " + data.length + " 个区县" +
          (year ? yearWords(year) + "的量化目标共 " + count + " 个，分属 " + slugs.length + " 个指标" : "共设有 " + slugs.length + " 个指标的量化目标") +
          (!shared.length ? "，没有" + (pair ? "两个区县都设有的" : "两个以上区县都设有的") + "指标"
            : "，其中 " + shared.length + " 个" + (pair ? "是" + both + "的" : both) +
              (written === shared.length ? (pair ? "（" + numbers + "）" : "（每个都" + numbers + "）")
                : "（其中 " + written + " 个" + numbers + (written ? "，排在前面" : "") + "）")) +
          (single.length ? "；只有一个区县设有的 " + single.length + " 个列在表后，可展开查看" : "") + "。点指标名可查看各目标的原文与出处。" }));
        // under the filter 只看…没有相似措施的 (which filters measures, not targets): said so
        if (state.gap && data.length > 1) {
          box.appendChild(el("p", { class: "cmp-quant-unfiltered", text: "本节列出所选区县" + (year ? yearWords(year) + "的" : "的全部") + "量化目标，不受“只看" + data[0].name + "没有相似措施的”筛选影响。" }));
        }
        draftNotes(data, slugs).forEach(function (p) { box.appendChild(p); });
        box.appendChild(el("p", { class: "cmp-note", text: "每格是该区县的目标值和目标年份；同一格有几项目标时，每项下面是原文中区分它的字句，字句也相同的几项注明项数；“—”表示未设。" +
          (reasons.length ? "所列共 " + count + " 个目标，" + numberlessCount(manifest.definitions.numberless, reasons, true) + "。" : "") +
          (drafted.length ? "“稿”：目标出自征求意见稿（见上）。" : "") +
          (doubted ? "“存疑”：本站对该目标的读法存疑，存疑之处见表下的注。" : "") }));
        var caption = both + "的指标（" + shared.length + " 个）";
        var notes = { list: [], numbers: {} };  // the doubted targets' notes, numbered across the section
        if (shared.length) {
          box.appendChild(targetTable(data, shared, drafts, caption, false, notes));
          var listed = doubtNotes(notes, 0);
          if (listed) box.appendChild(listed);
        }
        else box.appendChild(el("p", { class: "cmp-none", text: "没有" + (data.length === 2 ? "两个区县都" : "两个以上区县") + "设有的指标。" }));
        if (single.length) {
          // grouped by district, in the order picked: a heading (铜梁区 42 个) over a table of its metrics
          // and its targets, two columns on a desktop as on a phone
          var groups = [], each = [], before = notes.list.length;  // the notes the folded tables add come after
          data.forEach(function (d, i) {
            var own = single.filter(function (s) { return setters[s][0].at === i; });
            if (!own.length) return;
            var name = d.name + " " + own.length + " 个";
            each.push(name);
            groups.push(el("h3", { class: "cmp-quant-group", text: name }));
            groups.push(targetTable([d], own, [drafts[i]], d.name + "单独设有的指标（" + own.length + " 个）", true, notes));
          });
          var title = "只有一个所选区县设有的指标（" + single.length + " 个：" + each.join("、") + "）";
          box.appendChild(el("details", { class: "cmp-quant-more" }, [el("summary", { text: title })].concat(groups, [doubtNotes(notes, before)])));
        }
        return box;
      }

      // A district's data with its targets of one target year alone (`year`: yearKey's), its metrics
      // without one left out.
      function ofYear(d, year) {
        var metrics = {};
        Object.keys(d.metrics).forEach(function (slug) {
          var kept = d.metrics[slug].filter(function (t) { return yearKey(t) === year; });
          if (kept.length) metrics[slug] = kept;
        });
        return Object.assign({}, d, { metrics: metrics });
      }

      // pickedSetters of a metric, from the targets of one year (`data`: ofYear's, `places` theirs in
      // the manifest): a district sets it with a target of that year, and has no number of its own where
      // none of them has one, then why as the metric's setters say it (index.metric_setters: 市级下达
      // where one of them is).
      function yearSetters(m, data, places) {
        var out = [];
        data.forEach(function (d, i) {
          var targets = d.metrics[m.slug] || [];
          if (!targets.length) return;
          var bare = targets.every(function (t) { return t.numberless; })
            ? (targets.filter(function (t) { return t.numberless === "市级下达"; })[0] || targets[0]).numberless : "";
          out.push([places[i], bare]);
        });
        return out;
      }

      // A target year as a sentence says it: 到2025年, or 未写明年份 (manifest.definitions.noYear).
      function yearWords(year) {
        return year === NO_YEAR_KEY ? manifest.definitions.noYear : "到" + year + "年";
      }

      // 量化目标对照's choice of target year: 全部年份 and each year the districts picked have targets of
      // (`all`: their data), in order, 未写明年份 last, each with its number of targets (distinct, as the
      // tables count them); a year the address names that none of them has, with 0. `redraw` draws the
      // section again once the address says the year chosen. Null where they have no target at all.
      function yearChoice(all, year, redraw) {
        var counts = {}, total = 0;
        all.forEach(function (d) {
          Object.keys(d.metrics).forEach(function (slug) {
            d.metrics[slug].forEach(function (t) { var k = yearKey(t); counts[k] = (counts[k] || 0) + 1; total += 1; });
          });
        });
        if (!total) return null;
        if (year && !counts[year]) counts[year] = 0;
        var keys = Object.keys(counts).sort(function (a, b) {
          return (a === NO_YEAR_KEY) - (b === NO_YEAR_KEY) || Number(a) - Number(b);
        });
        var select = el("select", { id: "cmp-year" }, [el("option", { value: "", text: "全部年份（" + total + " 个）" })]);
        keys.forEach(function (k) {
          select.appendChild(el("option", { value: k, text: (k === NO_YEAR_KEY ? manifest.definitions.noYear : k + "年") + "（" + counts[k] + " 个）" }));
        });
        select.value = year;
        select.addEventListener("change", function () {
          state.year = select.value;
          writeState(state);
          document.title = viewTitle(manifest, state, baseTitle);
          copyLink.reset();
          redraw();
        });
        return el("div", { class: "cmp-year" }, [el("label", { for: "cmp-year", text: "目标年份" }), select]);
      }

      // Above 量化目标对照's tables, a sentence per district picked whose targets there (of `slugs`) come
      // from a draft, naming it: where the draft's final was issued, the sentence its column says under
      // its name (finalNote, the district's `finals`, matched to the targets by their document's
      // address), else that it is not issued yet.
      function draftNotes(data, slugs) {
        var out = [];
        data.forEach(function (d) {
          var all = [];
          slugs.forEach(function (slug) { all = all.concat(d.metrics[slug] || []); });
          var drafted = all.filter(function (t) { return t.draft; });
          if (!drafted.length) return;
          var whose = d.name + "的" + (drafted.length < all.length ? "部分" : "") + "目标出自";
          // each drafted target's final, where one was issued (its document's address begins the target's)
          var finalOf = drafted.map(function (t) { return (d.finals || []).filter(function (f) { return t.url.indexOf(f.url) === 0; })[0]; });
          var finals = (d.finals || []).filter(function (f) { return finalOf.indexOf(f) >= 0; });
          finals.forEach(function (f) { out.push(finalNote(f, whose)); });
          var rest = drafted.filter(function (t, k) { return !finalOf[k]; });
          if (rest.length) out.push(el("p", { class: "cmp-final", text: (finals.length ? d.name + "的另一些目标出自" : whose) + "征求意见稿，尚未正式印发" }));
        });
        return out;
      }

      // One table of targetOverview: a row per metric of `slugs`, its name linking to its view; a
      // column per district of `data` (all those picked, or in the folded part one: `single`), its name
      // marked where all its targets are drafts of one kind (`drafts`, by place in `data`).
      // On a phone each row is a block: the metric's name over a line per district (extra.css).
      function targetTable(data, slugs, drafts, caption, single, notes) {
        var head = el("tr", {}, [el("th", { scope: "col", text: "指标" })]);
        data.forEach(function (d, i) {
          head.appendChild(el("th", { scope: "col" }, [link(root, "districts/" + d.slug + "/", d.name)].concat(drafts[i] ? draftMark(drafts[i]) : [])));
        });
        var body = el("tbody");
        slugs.forEach(function (slug) {
          var m = metricOf(slug), all = [];
          data.forEach(function (d) { all = all.concat(d.metrics[slug] || []); });
          // base years (较2020年) said only where the row's targets count from different ones
          var bases = [];
          all.forEach(function (t) { if (t.base && bases.indexOf(t.base) < 0) bases.push(t.base); });
          var row = el("tr", {}, [el("th", { scope: "row" }, [viewLink(m.name, { metric: slug, theme: "" }, true),
            m.unit ? el("span", { class: "cmp-quant-unit", text: "（" + m.unit + "）" }) : null])]);
          data.forEach(function (d, i) { row.appendChild(targetCell(d, d.metrics[slug], drafts[i], bases.length > 1, notes)); });
          body.appendChild(row);
        });
        return el("table", { class: "cmp-quant" + (single ? " cmp-quant--single" : "") }, [
          el("caption", { class: single ? "cs-visually-hidden" : "", text: caption }), el("thead", {}, [head]), body]);  // folded: its summary says it
      }

      // A target's period in short, from its years (`year`, `base`: the data's, not its period's text):
      // its target year (到2025年, or 未写明年份), with its base year where `based` (较2020年，到2025年).
      function periodBrief(t, based) {
        return (based && t.base ? "较" + t.base + "年，" : "") + (t.year ? "到" + t.year + "年" : manifest.definitions.noYear);
      }

      // One district's targets of one metric, in short, a line each: the value as the data gives it (a
      // number with its comparator, or words where it has none of the district's own: 市级下达), then
      // its period in short (periodBrief), whole where it alone tells two of the values apart; the
      // numbers first, a space between the value and its period (copied or read out: 16% 到2025年). Targets
      // alike in value, period, marks and printed words are one line, with their number (2 项); where a
      // cell has several lines, each says under it what tells it apart (telling: its printed clause, its
      // document where they differ). 稿 where the column's name does not say it (`draft`); a doubted
      // one's note (doubtRef). A district without a target: —, read out as 未设. Its name leads the
      // cell, shown on a phone only.
      function targetCell(d, targets, draft, based, notes) {
        var values = el("div", { class: "cmp-quant-values" });
        var cell = el("td", {}, [el("span", { class: "cmp-quant-who" }, [document.createTextNode(d.name)].concat(draft ? draftMark(draft) : [])), values]);
        if (!targets || !targets.length) {
          cell.className = "cmp-none";
          values.appendChild(el("span", { text: "—", "aria-hidden": "true" }));
          values.appendChild(el("span", { class: "cs-visually-hidden", text: "未设" }));
          return cell;
        }
        var lines = [], byKey = {};
        targets.filter(function (t) { return !t.numberless; }).concat(targets.filter(function (t) { return t.numberless; })).forEach(function (t) {
          var key = [t.value, t.period, t.draft, t.doubt, t.clause, t.document].join("\n");
          if (byKey[key]) { byKey[key].count += 1; return; }
          lines.push(byKey[key] = { target: t, count: 1, when: periodBrief(t, based) });
        });
        var tell = telling(lines.map(function (line) { return line.target; }));
        lines.forEach(function (line) {
          var t = line.target;
          var apart = tellApart(t, tell).filter(function (node) { return node; });
          var whole = lines.some(function (o) { return o.target.value === t.value && o.when === line.when && o.target.period !== t.period; });
          values.appendChild(el("div", { class: "cmp-quant-line" }, [
            el(t.numberless ? "span" : "strong", { text: t.value }),  // a number stands out, words do not
            document.createTextNode(" "),
            el("span", { class: "cmp-quant-when", text: whole ? t.period : line.when }),
            line.count > 1 ? el("span", { class: "cmp-quant-count", text: "（" + line.count + " 项）" }) : null
          ].concat(!draft && t.draft ? draftMark(t.draft) : [],
            t.doubted ? [doubtRef(notes, d, t)] : [],
            apart.length ? [el("div", { class: "cmp-quant-tell" }, apart)] : [])));
        });
        return cell;
      }

      // A doubted target's mark in its cell, after its value (which says 存疑): the number of its note
      // under the table (注1), a link to it (doubtNotes); a district's targets of a metric doubted for
      // the same reason share a note.
      function doubtRef(notes, d, t) {
        var key = d.slug + "\n" + t.metric + "\n" + t.doubt;
        if (!notes.numbers[key]) {
          notes.list.push({ district: d.name, metric: metricName(t.metric), doubt: t.doubt });
          notes.numbers[key] = notes.list.length;
        }
        var n = notes.numbers[key];
        // to the note, the address left as it is (it is the view's)
        var a = onPlainClick(el("a", { href: "#cmp-quant-note-" + n, "aria-label": "存疑说明见注" + n, text: "注" + n }), function () {
          var note = document.getElementById("cmp-quant-note-" + n);
          if (note) bringIntoView(note);
        });
        return el("sup", { class: "cmp-quant-ref" }, [a]);
      }

      // The notes of the doubted targets marked since `from` (doubtRef): what is in doubt, in the editors'
      // words (the target's `doubt`), each after its number and whose target it is; null for none.
      function doubtNotes(notes, from) {
        var added = notes.list.slice(from);
        if (!added.length) return null;
        return el("ol", { class: "cmp-quant-notes", "aria-label": "存疑说明" }, added.map(function (note, k) {
          var n = from + k + 1;
          return el("li", { id: "cmp-quant-note-" + n }, [el("span", { class: "cmp-quant-note-no", text: "注" + n + "　" }),
            document.createTextNode(note.district + " · " + note.metric + "："),
            el("span", { class: "cmp-quant-note-text", text: note.doubt })]);
        }));
      }

      function columns(data, fill) {
        var tabs = el("div", { class: "cmp-tabs", role: "tablist" });
        var cols = el("div", { class: "cmp-cols", style: "--cmp-n:" + data.length });
        data.forEach(function (d, i) {
          var tab = el("button", { type: "button", role: "tab", class: "cmp-tab", text: d.name });
          // a district whose documents are (partly) drafts says so above its column, as the picker does
          var col = el("section", { class: "cmp-col" }, [el("h2", {}, [link(root, "districts/" + d.slug + "/", d.name),
            document.createTextNode(d.draft ? "（" + d.draft + "）" : "")])]);
          // a draft whose final version was issued: said in full once, under the name (FinalNote)
          (d.finals || []).forEach(function (f) { col.appendChild(finalNote(f)); });
          var note = fill(d, col, i);
          if (note != null) tab.textContent = d.name + "（" + note + "）";  // on a phone, the tab says what its column found
          tab.addEventListener("click", function () {
            state.tab = i;
            select();
            writeState(state);
            // read mid-list: the chosen district's column from its start, just below the sticky tabs
            var below = tabs.getBoundingClientRect().bottom, top = cols.getBoundingClientRect().top;
            if (top < below) window.scrollBy(0, top - below);
          });
          tabs.appendChild(tab);
          cols.appendChild(col);
        });
        function select() {
          var i = Math.min(state.tab, data.length - 1);
          Array.prototype.forEach.call(tabs.children, function (t, k) { t.setAttribute("aria-selected", String(k === i)); });
          Array.prototype.forEach.call(cols.children, function (c, k) { c.classList.toggle("cmp-active", k === i); });
        }
        select();
        result.appendChild(tabs);
        result.appendChild(cols);
      }

      // 征求意见稿；定稿（文号）已于 … 印发，本站尚未收录，条目和数值可能不同（定稿发布页面）: the sentence
      // pages say under their tables (templates/_macros.md.j2 final_notes), with the final's page;
      // `lead`, where no name above says whose draft it is, before it (铜梁区的目标出自)
      function finalNote(f, lead) {
        var page = WEB_ADDRESS.test(f.final || "") ? el("a", { href: f.final, text: "定稿发布页面" }) : null;
        return el("p", { class: "cmp-final" }, [document.createTextNode((lead || "") + f.sentence),  // the name above says 定稿已印发
          page && document.createTextNode("（"), page, page && document.createTextNode("）")]);
      }

      // What tells a district's targets of one metric apart: each one's printed clause (shortened
      // by the build, words left out marked ……) where there are several, and the document's short
      // name where they come from more than one document.
      function telling(targets) {
        var docs = targets.map(function (t) { return t.document; }).filter(function (x, i, all) { return all.indexOf(x) === i; });
        return { clause: targets.length > 1, document: docs.length > 1 };
      }

      function tellApart(t, tell) {
        return [
          tell.clause && t.clause ? el("span", { class: "cmp-clause", text: "“" + t.clause + "”" }) : null,
          tell.document && t.document ? el("span", { class: "cmp-doc", text: "《" + t.document + "》" }) : null];
      }

      // `named`: the list is of one metric, named above it (its value alone on each line)
      function targetList(targets, named) {
        var ul = el("ul", { class: "cmp-targets" });
        var tell = telling(targets);
        targets.forEach(function (t) {
          ul.appendChild(el("li", {}, [
            el("strong", { text: named ? t.value : metricName(t.metric) + "：" + t.value }),
            document.createTextNode(t.period ? "（" + t.period + "）" : ""),
            document.createTextNode(t.draft ? "（" + t.draft + "）" : ""),  // Draft.tag: 征求意见稿(·定稿已印发)
            document.createTextNode(t.also ? "，另有 " + t.also + " 处重复表述" : ""),
            document.createTextNode(" ")].concat(tellApart(t, tell), [
            link(root, t.url, t.label),
            // who answers for it, as its metric page says (SiteIndex.target_units)
            t.units ? el("span", { class: "cmp-who", text: t.units }) : null,
            // a doubted reading says why, in the editors' words (pages/common.py doubt_note), as the metric and district pages do
            t.doubt ? el("span", { class: "cs-doubt-note" }, [el("span", { class: "cs-doubt", text: "存疑" }), document.createTextNode("：" + t.doubt)]) : null
          ])));
        });
        return ul;
      }

      // A theme's targets by metric, the metrics in the registry's order, each under its name
      function targetGroups(targets) {
        var groups = {}, order = [];
        targets.forEach(function (t) {
          if (!groups[t.metric]) { groups[t.metric] = []; order.push(t.metric); }
          groups[t.metric].push(t);
        });
        order.sort(function (a, b) { return metricRank(a) - metricRank(b); });
        var box = el("div", { class: "cmp-target-groups" });
        order.forEach(function (slug) {
          var m = metricOf(slug);
          box.appendChild(el("h4", { class: "cmp-metric" }, [m ? link(root, m.url, m.name) : document.createTextNode(slug)]));
          box.appendChild(targetList(groups[slug], true));
        });
        return box;
      }

      function renderTheme(data) {
        var gap = gapFilter(data);
        if (gap) { renderThemeGaps(data, gap); return; }
        result.appendChild(el("p", { text: "主题：" + themeName(state.theme) + "。每列为一个区县：先列属于本主题指标的量化目标（" + manifest.definitions.target + "），再按文件顺序列出措施与牵头、分工负责单位（措施按正文措施计，落实它的附表行的单位一并列出）。" }));
        columns(data, function (d, col) {
          var cell = d.themes[state.theme];
          if (!cell) { col.appendChild(el("p", { class: "cmp-none", text: "没有本主题的措施。" })); return; }
          col.appendChild(el("p", {}, [link(root, cell.url, "共 " + cell.count + " 项措施，查看全文 →")]));
          if (cell.targets.length) {
            var bare = numberlessCount(manifest.definitions.numberless,
              cell.targets.filter(function (t) { return t.numberless; }).map(function (t) { return t.numberless; }), false);
            col.appendChild(el("h3", { text: "量化目标（" + cell.targets.length + (bare ? "，" + bare : "") + "）" }));
            col.appendChild(targetGroups(cell.targets));
          }
          col.appendChild(el("h3", { text: "措施" }));
          // a bullet list: the items carry their own printed numbers (1. / （三）), which a numbered list would repeat
          var items = el("ul", { class: "cmp-items" });
          cell.items.forEach(function (m) { items.appendChild(measureItem(m)); });
          col.appendChild(items);
        });
      }

      // A theme under the filter 只看…没有相似措施的: the first district's measures as they are, to
      // compare with; in the other columns only those it lacks, the rest counted; then what the
      // districts picked leave out (gapSummary), above the columns.
      function renderThemeGaps(data, gap) {
        var home = gap.home.name;
        // what is counted first, then what the columns hold, then (where some are elsewhere) the districts to put in
        var lead = el("p", { class: "cmp-gap-lead" });
        result.appendChild(lead);
        result.appendChild(el("p", { class: "cmp-note", text: "第一列是" + home + "的措施，供对照；其他各列只列出" + home +
          "没有相似措施的，与" + home + "页面“可借鉴措施”所计相同（依据本站的相似措施比对，仅作提示；这里的“相似”比条目下列出的“其他区县的相似措施”要求更高，" +
          "与" + home + "措施只是较弱相似的仍列出，下注“" + home + "相近”的那项，请对照原文判断；目标段落和指标表行按指标对比）。" }));
        var summary = el("div");
        result.appendChild(summary);
        var shown = [], found = [];
        columns(data, function (d, col, i) {
          var cell = d.themes[state.theme];
          if (!cell) {
            col.appendChild(el("p", { class: "cmp-none", text: "没有本主题的措施。" }));
            shown.push(0);
            if (i) found.push(d.name + " 0 项");
            return i ? 0 : "本区";
          }
          col.appendChild(el("p", {}, [link(root, cell.url, "本主题共 " + cell.count + " 项措施，查看全文 →")]));
          var items = el("ul", { class: "cmp-items" });
          if (!i) {
            col.appendChild(el("h3", { text: "本区的措施（对照）" }));
            cell.items.forEach(function (m) { items.appendChild(measureItem(m)); });
            col.appendChild(items);
            shown.push(0);
            return "本区";
          }
          var kept = cell.items.filter(gap.keep);
          shown.push(kept.length);
          found.push(d.name + " " + kept.length + " 项");
          col.appendChild(el("h3", { text: home + "没有相似措施的 " + kept.length + " 项" }));
          var hidden = cell.items.filter(function (m) { return !gap.keep(m); });
          var note = hiddenNote(gap, hidden);
          if (note) col.appendChild(note);
          if (!kept.length) col.appendChild(allSimilarNote(gap, hidden, "本主题的"));
          kept.forEach(function (m) { items.appendChild(measureItem(m, null, null, null, gap)); });
          if (kept.length) col.appendChild(items);
          return kept.length;
        });
        var said = gapSummary(data, gap, shown);
        lead.textContent = "主题：" + themeName(state.theme) + "。" + said.lead;
        if (said.box) summary.appendChild(said.box);
        // read out, not shown: the lead and the tabs (on a phone) or the columns' headings say it
        status.textContent = "只看" + home + "没有相似措施的：" + found.join("、");
        status.classList.add("cs-visually-hidden");
      }

      // One measure: its label (the words marked), kind and document, and its units by role; for
      // each word not in its label, the passage of its text that holds it (one passage may show
      // several); with `themes`, its themes; with `gap` (the filter 只看…没有相似措施的), the first
      // district's measure shown as similar to it, if any, under its name (nearNote).
      function measureItem(m, words, entry, themes, gap) {
        var title = link(root, m.url, "");
        appendMarked(title, m.label, words ? words.marks : []);
        var li = el("li", {}, [title, el("span", { class: "cmp-meta", text: "（" + m.kind + " · " + m.document + (m.rows ? " · 附表落实行 " + m.rows + " 行" : "") + (themes ? " · " + themes.join("、") : "") + "）" }),
          nearNote(gap, m)]);
        if (words && entry) {
          var seen = [normalize(m.label)];
          words.alts.forEach(function (alts) {
            if (seen.some(function (s) { return alts.some(function (w) { return s.indexOf(w) >= 0; }); })) return;
            // the first part that holds the word or another that finds it, shown around the first of them it holds
            var i = entry.norm.map(function (n) { return alts.some(function (w) { return n.indexOf(w) >= 0; }); }).indexOf(true);
            if (i < 0) return;
            var w = alts.filter(function (a) { return entry.norm[i].indexOf(a) >= 0; })
              .sort(function (a, b) { return entry.norm[i].indexOf(a) - entry.norm[i].indexOf(b); })[0];
            var passage = appendMarked(el("div", { class: "cmp-snippet" }), entry.parts[i], words.marks, 80, w);
            seen.push(normalize(passage.textContent));
            li.appendChild(passage);
          });
        }
        // the roles named as on every page (manifest.roles: generator.model.ROLE_LABELS; m.role_names:
        // 牵头（据附表2第 56、57 行） where the units are all the table rows')
        ["lead", "joint", "support"].forEach(function (role) {
          if (m[role].length) li.appendChild(el("div", { class: "cmp-lead", text: (m.role_names || manifest.roles)[role] + "：" + m[role].join("、") }));
        });
        // a unit the words name (发改委: 区发展改革委) is marked in its line
        if (words) {
          Array.prototype.forEach.call(li.querySelectorAll(".cmp-lead"), function (line) {
            var text = line.textContent;
            line.textContent = "";
            appendMarked(line, text, words.marks);
          });
        }
        return li;
      }

      // A district's distinct measures once each, in printed order (the order of its texts), with
      // their themes and their texts' parts, as typed and normalised; worked out once per district,
      // once its texts are loaded (update fetches them before the keyword's view is drawn).
      var measureLists = {};
      function measuresOf(d) {
        if (measureLists[d.slug]) return measureLists[d.slug];
        var own = texts[d.slug] || {}, byUrl = {}, order = Object.keys(own);
        manifest.themes.forEach(function (t) {
          (d.themes[t.slug] ? d.themes[t.slug].items : []).forEach(function (m) {
            if (!Object.prototype.hasOwnProperty.call(byUrl, m.url)) {
              byUrl[m.url] = { item: m, themes: [] };
              if (!Object.prototype.hasOwnProperty.call(own, m.url)) order.push(m.url);
            }
            byUrl[m.url].themes.push(t.name);
          });
        });
        var list = order.filter(function (url) { return Object.prototype.hasOwnProperty.call(byUrl, url); }).map(function (url) {
          var entry = byUrl[url];
          entry.parts = Object.prototype.hasOwnProperty.call(own, url) ? own[url].split("\n") : [];
          entry.norm = entry.parts.map(normalize);
          entry.label = normalize(entry.item.label);
          // the names its units are found by, per role (units/<slug>.json), normalised as the texts
          var named = Object.prototype.hasOwnProperty.call(units[d.slug] || {}, url) ? units[d.slug][url] : {};
          entry.district = d.slug;
          entry.units = {};
          ROLE_KEYS.forEach(function (role) { if (named[role]) entry.units[role] = named[role].map(normalize); });
          // a measure that names no unit, carried out by two or more rows (records.rows_answering): each
          // row's parts of the text and its units by role (places in the measure's), for roleFilter
          entry.rows = named.rows ? named.rows.map(function (row) {
            var own = {};
            ROLE_KEYS.forEach(function (role) { if (row[role]) own[role] = row[role].map(function (i) { return entry.units[role][i]; }); });
            return { norm: row.p.map(function (i) { return entry.norm[i]; }), units: own };
          }) : null;
          return entry;
        });
        measureLists[d.slug] = { byUrl: byUrl, list: list };
        return measureLists[d.slug];
      }

      // The roles in which `units` (a measure's or a row's: role → names) have a unit that one of
      // `alts` (a word and what else finds it) names.
      function unitRoles(units, alts) {
        return Object.keys(units).filter(function (role) {
          return units[role].some(function (name) { return alts.some(function (w) { return name.indexOf(w) >= 0; }); });
        });
      }

      // The districts the typed words name (manifest.districts[].names: records.district_names), per
      // word, else null: such a word picks its district, every measure of it holds it, as the site
      // search's district field, and it is never a unit's name (江津 发改委 牵头: not 江津区规划和自然资源局).
      function districtWords(words) {
        return words.norm.map(function (n) {
          var d = manifest.districts.filter(function (x) { return (x.names || []).indexOf(n) >= 0; })[0];
          return d ? d.slug : null;
        });
      }

      // the `i`th word typed, or another word that finds it, is in the label, a part of the text or a
      // unit's name, or it names the measure's district
      function holds(entry, words, i) {
        return words.district[i] === entry.district || words.alts[i].some(function (w) {
          return entry.label.indexOf(w) >= 0 || entry.norm.some(function (n) { return n.indexOf(w) >= 0; });
        }) || unitRoles(entry.units, words.alts[i]).length > 0;
      }

      // every word typed is held (holds)
      function holdsAll(entry, words) {
        return words.alts.every(function (alts, i) { return holds(entry, words, i); });
      }

      // every word typed is held by one row (entry.rows) of the measure: in its text or its units' names
      function rowHoldsAll(entry, row, words) {
        return words.alts.every(function (alts, i) {
          return words.district[i] === entry.district || unitRoles(row.units, alts).length > 0 ||
            alts.some(function (w) { return row.norm.some(function (n) { return n.indexOf(w) >= 0; }); });
        });
      }

      // The site search's role filter (reference.SearchFiles._matching). The words that name a unit are
      // those that a unit name of the site holds (siteUnits), a district's name never; the roles of a
      // measure are those of its units these words name, else (no word names a unit: 光伏 牵头) all of
      // its units'. A measure whose units are all its rows' (entry.rows) and that such a word finds by
      // them is found only through a row that holds every word itself, in that row's roles, or not at
      // all, role words or none: 发改委 光伏 does not find 铜梁's 大力发展非化石能源, whose 光伏 row
      // 区发展改革委 does not lead. Role words (words.roles) keep the measures that have one of their
      // roles. why(entry): null where kept, else "rows" (no row holds it all) or "role".
      function roleFilter(words) {
        var unitWords = [];
        words.alts.forEach(function (alts, i) {
          if (!words.district[i] && alts.some(function (w) { return siteUnits.some(function (name) { return name.indexOf(w) >= 0; }); })) unitWords.push(i);
        });
        function named(units) {
          var roles = [];
          unitWords.forEach(function (i) {
            unitRoles(units, words.alts[i]).forEach(function (r) { if (roles.indexOf(r) < 0) roles.push(r); });
          });
          return roles;
        }
        function why(entry) {
          var roles = named(entry.units);
          if (entry.rows && roles.length) {
            roles = [];
            entry.rows.forEach(function (row) {
              if (rowHoldsAll(entry, row, words)) roles = roles.concat(named(row.units));
            });
            if (!roles.length) return "rows";
          }
          if (!words.roles.length) return null;
          if (!unitWords.length) roles = Object.keys(entry.units);
          return roles.some(function (r) { return words.roles.indexOf(r) >= 0; }) ? null : "role";
        }
        return {
          unitWords: unitWords.map(function (i) { return words.shown[i]; }),
          why: why,
          keep: function (entry) { return why(entry) === null; }
        };
      }

      // Links to the site search for the same words (role words too), one per district (its d=):
      // the search also finds words in document titles, themes, metric names and kinds, and counts
      // each table row apart.
      function searchLinks(words, districts) {
        var p = el("p", { class: "cmp-elsewhere" }, [document.createTextNode("在全站搜索中查找" + words.named + "：")]);
        districts.forEach(function (d, i) {
          var params = new URLSearchParams();
          params.set("q", words.typed);
          params.set("d", d.slug);
          if (i) p.appendChild(document.createTextNode(" · "));
          p.appendChild(el("a", { href: root + "search/?" + params.toString(), text: d.name }));
        });
        return p;
      }

      // The keyword's view: in each column the district's measures (of the theme chosen, else of
      // all themes, each once) whose label, text or units' names hold every word, with their units
      // by role; role words (牵头 …) keep those where a unit the words name has the role (roleFilter).
      // What the view cannot find (a word in none of the measures shown, a column with none) is said,
      // with links to the site search for the same words in each district.
      function renderFound(data, words) {
        // 只看…没有相似措施的: in the other columns, of the measures found, those the first district lacks
        var gap = gapFilter(data);
        var where = state.theme ? "主题“" + themeName(state.theme) + "”中" : "全部主题中";
        // a word with other wordings (充电桩: 充电设施 …) finds them too, as the site search does: said
        // in the line above the columns (searched) and in what each column lists
        var other = words.also.some(function (a) { return a.length; });
        var what = quoted(words.shown) + (other ? "等写法" : "");
        var everything = [];
        data.forEach(function (d) { everything = everything.concat(measuresOf(d).list); });
        words.district = districtWords(words);
        var filter = roleFilter(words);
        // the words as the site search splits them (withParts): the measures that hold the parts, not found
        // by the words as typed, are listed after the others, said to hold the words apart, as the search does
        var parted = words.parted, partFilter = null, partsNamed = "";
        if (parted) {
          parted.district = districtWords(parted);
          partFilter = roleFilter(parted);
          partsNamed = Object.keys(words.parts).map(function (w) { return quoted(words.parts[w]); }).join("、");
        }
        var roleNames = words.roles.map(function (r) { return manifest.roles[r]; }).join("或");
        var whose = words.roles.length ? (filter.unitWords.length ? quoted(filter.unitWords) + roleNames : "有" + roleNames + "单位") : "";
        result.appendChild(el("p", { text: "在" + where + "查找" + words.named + "：每列列出该区县标题、原文（含落实它的附表行）或责任单位名称含有" +
          (words.norm.length > 1 ? "所有这些词" : "这个词") + (other ? "（或上面列出的其他写法，写法与全站搜索相同）" : "") + "的措施" +
          (words.roles.length ? "，" + quoted(words.roleShown) + "按责任角色筛选，只列出" + whose + "的措施（与全站搜索相同）" : "") +
          // the rows rule (roleFilter), said where a word names a unit
          (filter.unitWords.length ? "；正文未写单位、由几个附表行落实的措施，要有一行同时含所有这些词和" + quoted(filter.unitWords) +
            (words.roles.length ? "（为其" + roleNames + "单位）" : "") + "才列出（与全站搜索相同）" : "") +
          // the parts rule, said where a word was split, or that it could not be applied
          (parted ? "；连写的词也拆开查找，同时含有" + partsNamed + "的措施列在各列后面，注明“词语分开出现”（与全站搜索相同）" : "") +
          (words.unsplit ? "；全站搜索的数据未能载入，连写的词没有拆开查找（全站搜索会拆开查找，结果可能更多）" : "") +
          "，" + (state.theme ? "" : "每项一次，") +
          "按文件顺序，并列出牵头、分工负责和配合单位；措施按正文措施计，所以条数可能少于全站搜索（那里附表各行各算一条，也查文件标题、主题和指标名称）。" +
          (gap ? "只看" + gap.home.name + "没有相似措施的：第一列照常列出，供对照；其他各列只列出其中" + gap.home.name + "没有相似措施的（与" + gap.home.name + "页面“可借鉴措施”所计相同；" +
            "这里的“相似”比条目下列出的“其他区县的相似措施”要求更高，只是较弱相似的下注“" + gap.home.name + "相近”的那项），未列出的在各列注明条数。" : "") +
          "清空查找框可回到" + (state.theme ? "本主题的" + (gap ? "措施。" : "全部措施与量化目标。") : "各主题的措施数。") }));
        // a word that no measure shown holds, nor all of its parts: the compare view cannot find it, the site search may
        function somewhere(all, i) { return everything.some(function (entry) { return holds(entry, all, i); }); }
        var missing = words.shown.filter(function (w, i) {
          var parts = Object.prototype.hasOwnProperty.call(words.parts, w) ? words.parts[w] : null;
          return !somewhere(words, i) && !(parts && parts.every(function (p) {
            var j = parted.norm.indexOf(normalize(p));
            return j < 0 || somewhere(parted, j);  // a part that is a role word filters, it is found nowhere
          }));
        });
        var elsewhere = el("div", { class: "cmp-elsewhere-box" });
        result.appendChild(elsewhere);
        var found = [], empty = false;
        columns(data, function (d, col, i) {
          var measures = measuresOf(d), cell = state.theme ? d.themes[state.theme] : null;
          var pool = state.theme ? (cell ? cell.items.map(function (m) { return measures.byUrl[m.url]; }) : []) : measures.list;
          var held = pool.filter(function (entry) { return holdsAll(entry, words); });
          var hits = held.filter(filter.keep), byRoles = held.length - hits.length;  // left out by role or rows
          // found by the parts: the measures the words as typed do not find (SearchFiles.found)
          var apart = parted ? pool.filter(function (entry) {
            return hits.indexOf(entry) < 0 && holdsAll(entry, parted) && partFilter.keep(entry);
          }) : [];
          var gapped = gap && i ? hits.concat(apart).filter(function (entry) { return !gap.keep(entry.item); }) : [];
          if (gapped.length) {
            hits = hits.filter(function (entry) { return gap.keep(entry.item); });
            apart = apart.filter(function (entry) { return gap.keep(entry.item); });
          }
          var count = (hits.length + apart.length) + " 项" + (apart.length ? "（其中 " + apart.length + " 项词语分开出现）" : "");
          found.push(d.name + (gap && !i ? "（本区）" : "") + " " + count);
          if (!hits.length && !apart.length && !gapped.length) empty = true;
          if (state.theme && !cell) {
            col.appendChild(el("p", { class: "cmp-none", text: "没有本主题的措施。" }));
            col.appendChild(searchLinks(words, [d]));
            return 0;
          }
          col.appendChild(el("p", {}, state.theme ? [link(root, cell.url, "本主题共 " + cell.count + " 项措施，查看全文 →")]
            : [document.createTextNode("共 " + d.total + " 项措施")]));
          col.appendChild(el("h3", { text: "含" + what + (whose ? "、" + whose : "") + "的措施" +
            (gap ? (i ? "中" + gap.home.name + "没有相似措施的" : "（本区，供对照）") : "") + " " + count }));
          if (gapped.length) col.appendChild(hiddenNote(gap, gapped.map(function (entry) { return entry.item; })));
          // the measures the role filter left out, counted: the district may name its units in another
          // role, or in rows that do not hold the other words
          var byRole = held.filter(function (entry) { return filter.why(entry) === "role"; }).length;
          var byRows = byRoles - byRole;
          if (byRole) {
            // 黔江's document names one list of units (every one 分工负责): "not its 牵头 unit" would mislead
            var undivided = d.undivided && words.roles.indexOf("joint") < 0;
            col.appendChild(el("p", { class: "cmp-note", text: "另有 " + byRole + " 项含" + what + "的措施未列出：" +
              (undivided ? d.undivided + "，要看这些措施请把" + quoted(words.roleShown) + "换成“" + manifest.roles.joint + "”"
                : filter.unitWords.length ? quoted(filter.unitWords) + "不是其" + roleNames + "单位" : "没有" + roleNames + "单位") + "。" }));
          }
          if (byRows) {
            col.appendChild(el("p", { class: "cmp-note", text: "另有 " + byRows + " 项含" + what + "的措施未列出：由几个附表行落实，但没有一行同时含所有这些词和" +
              quoted(filter.unitWords) + (words.roles.length ? "（为其" + roleNames + "单位）" : "") + "。" }));
          }
          if (!hits.length && !apart.length && gapped.length) {
            col.appendChild(allSimilarNote(gap, gapped.map(function (entry) { return entry.item; }), "含" + what + (whose ? "、" + whose : "") + "的"));
            return 0;
          }
          if (!hits.length && !apart.length) {
            col.appendChild(el("p", { class: "cmp-none", text: (state.theme ? "本主题中" : "") + "没有标题、原文或责任单位含" + what +
              (parted ? "（或同时含有" + partsNamed + "）" : "") + (whose ? "、" + whose : "") + "的措施。" }));
            col.appendChild(searchLinks(words, [d]));
            return 0;
          }
          if (hits.length) {
            var items = el("ul", { class: "cmp-items" });
            hits.forEach(function (entry) { items.appendChild(measureItem(entry.item, words, entry, state.theme ? null : entry.themes, gap)); });
            col.appendChild(items);
          }
          if (apart.length) {
            // after the others, under a line that says so, each with the parts marked
            col.appendChild(el("p", { class: "cmp-note cmp-apart", text: "词语分开出现的 " + apart.length + " 项（同时含有" + partsNamed + "，不含整个词）：" }));
            var others = el("ul", { class: "cmp-items cmp-items--apart" });
            apart.forEach(function (entry) { others.appendChild(measureItem(entry.item, parted, entry, state.theme ? null : entry.themes, gap)); });
            col.appendChild(others);
          }
          return gap && !i ? "本区 " + (hits.length + apart.length) : hits.length + apart.length;
        });
        if (missing.length) {
          elsewhere.appendChild(el("p", { class: "cmp-none", text: quoted(missing) + "不在所选区县" + (state.theme ? "本主题" : "") +
            "措施的标题、原文和责任单位中，对比页查不到；全站搜索还查文件标题、主题、指标名称和条目类别，可能找到。" }));
        }
        if (missing.length || empty) elsewhere.appendChild(searchLinks(words, data));
        status.textContent = words.searched + (parted ? "，也找了同时含有" + partsNamed + "的" : "") +
          (words.roles.length ? "，" + quoted(words.roleShown) + "按责任角色筛选" : "") +
          (gap ? "，只看" + gap.home.name + "没有相似措施的" : "") + "：" + found.join("、");
      }

      // Every district's values of the metric at a glance, first (on a phone, above the tabs, which
      // show one district at a time): a row per district in the order picked, a line per target:
      // its value as printed (with its comparator: ≥、以上), its year and a link to its item; the
      // draft note once where all of them share it; 未设定 where the district sets none.
      function metricBrief(data, metric) {
        var body = el("tbody");
        data.forEach(function (d) {
          var targets = d.metrics[metric.slug] || [], cell = el("td");
          var drafts = targets.map(function (t) { return t.draft || ""; });
          var shared = drafts.every(function (x) { return x === drafts[0]; }) ? drafts[0] : null;
          if (!targets.length) { cell.className = "cmp-none"; cell.textContent = "未设定"; }
          var tell = telling(targets);
          targets.forEach(function (t) {
            var source = link(root, t.url, "出处");
            source.setAttribute("aria-label", "出处：" + d.name + "，" + t.label);  // read out, every 出处 says which item
            cell.appendChild(el("div", {}, [
              el("strong", { text: t.value }),
              document.createTextNode(t.period ? "（" + t.period + "）" : ""),
              shared === null && t.draft ? el("span", { class: "cmp-draft", text: "（" + t.draft + "）" }) : null,
              document.createTextNode(" ")].concat(tellApart(t, tell), [source,
              t.units ? el("span", { class: "cmp-who", text: t.units }) : null])));
          });
          if (shared) cell.appendChild(el("div", { class: "cmp-draft", text: "（" + shared + "）" }));
          body.appendChild(el("tr", {}, [el("th", { scope: "row", text: d.name }), cell]));
        });
        return el("table", { class: "cmp-brief", "data-cmp-start": "" }, [el("caption", { class: "cs-visually-hidden", text: metric.name + "：各区县的目标" }), body]);
      }

      function renderMetric(data, words) {
        var metric = manifest.metrics.filter(function (m) { return m.slug === state.metric; })[0];
        // opened from 量化目标对照 (viewLink's drill): the way back, as Back goes, and the metric's name
        if (state.drilled) {
          var back = onPlainClick(el("a", { href: location.pathname + stateQuery(Object.assign({}, state, { metric: "" })) + "#" + TARGETS, class: "cmp-back", text: "← 返回量化目标对照" }),
            function () { history.back(); });
          // the metric named beside it: the view's values come before its lead
          result.appendChild(el("p", { class: "cmp-back-row" }, [back, el("span", { class: "cmp-back-metric", text: metric.name })]));
        }
        // the values first, so that a phone's first screen shows every district's; what they are, after them
        result.appendChild(metricBrief(data, metric));
        var set = data.filter(function (d) { return (d.metrics[metric.slug] || []).length; }).length;
        // those of them, and of the site's, without a number of their own (市级下达 …), as the metric's page says them
        var said = manifest.definitions.numberless, places = data.map(function (d) { return placeOf(d.slug); });
        var bare = pickedSetters(metric, places).filter(function (s) { return s[1]; });
        var mine = bare.length ? "（" + (bare.length === set ? "" : "其中") +
          numberlessNames(said, bare.map(function (s) { return [manifest.districts[s[0]].name, s[1]]; }), true) + "）" : "";
        var all = numberlessCount(said, (metric.numberless || []).map(function (pair) { return pair[1]; }), false);
        result.appendChild(el("p", {}, [document.createTextNode("指标："), link(root, metric.url, metric.name),
          document.createTextNode((metric.unit ? "（单位：" + metric.unit + "）" : "") + "。所选 " + data.length + " 个区县中 " + set +
            " 个设有本指标的目标" + mine + "，全站共 " + metric.districts + " 个区县设有" + (all ? "（" + all + "）" : "") +
            "；下面按区县列出每项目标和它所在的条目。")]));
        if (words.norm.length) result.appendChild(el("p", { class: "cmp-none", text: "查找" + words.named + "只用于措施：指标的目标不按关键词筛选。指标改选“不选指标”或改选一个主题，即可列出含这些词的措施。" }));
        // the year chosen in 量化目标对照 (kept in the address) does not filter this view: said so
        if (state.year) result.appendChild(el("p", { class: "cmp-none", text: "目标年份“" + yearWords(state.year) + "”只用于量化目标对照：本视图列出本指标各个年份的目标。" }));
        columns(data, function (d, col) {
          var targets = d.metrics[state.metric] || [];
          if (!targets.length) col.appendChild(el("p", { class: "cmp-none", text: "未设定本指标的目标。" }));
          else col.appendChild(targetList(targets, false));
        });
      }

      // opened on #targets (a link copied after 跳到量化目标对照), or come back to from a metric opened
      // there: 量化目标对照 in view once drawn; a metric's view opened from there offers the way back
      var entry = history.state || {};
      if (!state.metric && (location.hash === "#" + TARGETS || entry.cmpTargets)) afterDraw = showTargets;
      state.drilled = !!entry.cmpDrilled && !!state.metric;
      update();
    }).catch(function () {
      app.hidden = false;
      app.classList.add("cmp-failed");  // as site.js says compare.js could not be fetched
      app.setAttribute("role", "alert");
      app.textContent = "对比数据载入失败，请刷新页面重试。";
    });
  }

  function init() {
    var app = document.getElementById("compare-app");
    if (app) start(app);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
