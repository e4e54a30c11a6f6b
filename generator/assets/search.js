/* 区县双碳政策对照 — the site's own Chinese search.
 *
 * The index format and the algorithm are described in generator/search.py, whose SearchFiles
 * class is the reference this file must agree with (tests/test_search_browser.py checks it).
 * Plain modern JavaScript, no libraries; it fetches only same-site files under search/.
 * Every text taken from the data is inserted with textContent / text nodes, never as HTML.
 */
(function () {
  "use strict";

  var MARK_WINDOW = 110; // characters of a snippet
  var MARK_BEFORE = 24; // characters shown before the first match
  var BY_DISTRICT_SHOWN = 8; // districts the 按区县 line names before 其余 n 个区县 (two lines on a phone)
  var NOT_A_PAGE = 1073741824; // ranking.NOT_A_PAGE: a measure's title length in the tie-break, after every page's

  // ------------------------------------------------------------------ engine

  function siteRoot() {
    var base = null;
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base; } catch (e) { base = null; }
    }
    if (base == null) {
      var form = document.querySelector("form.cs-header");
      base = form ? form.getAttribute("data-cs-root") : ".";
    }
    return new URL(String(base).replace(/\/?$/, "/"), location.href);
  }

  function fnv1a(text) {
    var h = 2166136261;
    for (var ch of text) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }

  function coverOffsets(length) {
    var out = [];
    for (var j = 0; j <= length - 2; j += 2) out.push(j);
    if (out[out.length - 1] !== length - 2) out.push(length - 2);
    return out;
  }

  var POS_SPAN = 4194304; // 2^22: positions within a field stay below this

  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  function unique(x, i, all) { return all.indexOf(x) === i; } // a filter: each value once, where it first occurs

  function Engine(root) {
    this.root = root;
    this.files = new Map();
    this.fetched = []; // every search file requested, in order (read by the benchmark)
    this.m = null;
  }

  Engine.prototype.file = function (name, versioned) {
    var url = new URL("search/" + name, this.root);
    if (versioned && this.m) url.search = "v=" + this.m.version;
    var key = url.href;
    if (!this.files.has(key)) {
      var self = this;
      self.fetched.push(name);
      var p = fetch(key, versioned ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " " + url.pathname);
        return r.json();
      });
      p.catch(function () { self.files.delete(key); });
      this.files.set(key, p);
    }
    return this.files.get(key);
  };

  // Everything the algorithm needs to know comes from the manifest (generator/search/shards.py):
  // field names and labels, what measures inherit from their pages, score weights, posting flags.
  Engine.prototype.ready = function () {
    var self = this;
    if (!this._ready) {
      this._ready = this.file("manifest.json", false).then(function (m) {
        self.m = m;
        self.nf = m.fields.length;
        self.F = {};
        m.fields.forEach(function (f, i) { self.F[f.name] = i; });
        self.fKind = m.fields.length; // pseudo field: a typed kind name
        self.labels = m.fields.map(function (f) { return f.label; }).concat([m.kindLabel]);
        self.into = {}; // page field → measure field
        m.inherit.forEach(function (rule) { self.into[rule.pageField] = rule.field; });
        self.flagBits = m.flagBits;
        self.spaces = new Set(Array.from(m.spaces));
        self.drop = new Set(Array.from(m.drop));
        self.later = new Set(m.rankedLater);
        self.digit = new Int8Array(128).fill(-1);
        for (var i = 0; i < m.digits.length; i++) self.digit[m.digits.charCodeAt(i)] = i;
        return m;
      });
      this._ready.catch(function () { self._ready = null; });
    }
    return this._ready;
  };

  // Same as generator.search.normalise.normalize_char: NFKC, fold brackets, drop quotation marks,
  // ASCII lower-case, spaces.
  Engine.prototype.normChar = function (ch) {
    var out = "";
    for (var c of ch.normalize("NFKC")) {
      if (this.drop.has(c)) continue;
      if (own(this.m.fold, c)) c = this.m.fold[c];
      if (c >= "A" && c <= "Z") c = c.toLowerCase();
      else if (this.spaces.has(c)) c = " ";
      out += c;
    }
    return out;
  };

  Engine.prototype.normalize = function (text) {
    var out = "";
    for (var ch of text) out += this.normChar(ch);
    return out;
  };

  Engine.prototype.terms = function (query) {
    var seen = new Set();
    return this.normalize(query).split(" ").filter(function (t) {
      if (Array.from(t).length < 2 || seen.has(t)) return false;
      seen.add(t);
      return true;
    });
  };

  // The district and department names and the corpus's words in a term (SearchFiles.names_in): each
  // bigram's shard lists those that begin with it.
  Engine.prototype.namesIn = function (term) {
    var self = this, chars = Array.from(term), bigrams = [];
    for (var i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
    return Promise.all(bigrams.map(function (b) { return self.shard(b); })).then(function (shards) {
      var names = new Set(), prefix = self.m.namesPrefix;
      shards.forEach(function (shard, i) {
        var key = prefix + bigrams[i];
        if (own(shard, key)) shard[key].forEach(function (n) { if (term.indexOf(n) >= 0) names.add(n); });
      });
      return names;
    });
  };

  // Same as generator.search.normalise.term_parts: the parts a term is searched as (屋顶光伏 → 屋顶, 光伏;
  // 铜梁区的充电桩 → 铜梁区, 充电桩): the names and words it holds (never itself), chosen to cover the most characters, then with
  // the fewest names, then the longer name first from the left; the text between them cut at the
  // joining words (particles); each part once, parts of one character dropped; [term] if fewer than two.
  function termParts(term, names, particles) {
    var chars = Array.from(term), n = chars.length, lengths = [];
    names.forEach(function (w) {
      var k = Array.from(w).length;
      if (k >= 2 && lengths.indexOf(k) < 0) lengths.push(k);
    });
    lengths.sort(function (a, b) { return b - a; });
    var best = [], taken = [];
    best[n] = [0, 0];
    taken[n] = 0;
    for (var i = n - 1; i >= 0; i--) {
      best[i] = best[i + 1];
      taken[i] = 0;
      var chosen = null;
      lengths.forEach(function (k) {
        if (i + k > n || k >= n || !names.has(chars.slice(i, i + k).join(""))) return;
        var option = [best[i + k][0] + k, best[i + k][1] - 1];
        if (!chosen || option[0] > chosen[0][0] || (option[0] === chosen[0][0] && option[1] > chosen[0][1])) chosen = [option, k];
      });
      // the first best, names (longest first) before other text, as Python's max picks it
      if (chosen && (chosen[0][0] > best[i][0] || (chosen[0][0] === best[i][0] && chosen[0][1] >= best[i][1]))) {
        best[i] = chosen[0];
        taken[i] = chosen[1];
      }
    }
    function cut(text) {
      var pieces = [""];
      Array.from(text).forEach(function (ch) {
        if (particles.indexOf(ch) >= 0) pieces.push(""); else pieces[pieces.length - 1] += ch;
      });
      return pieces.filter(function (p) { return Array.from(p).length >= 2; });
    }
    var parts = [], between = "";
    for (var j = 0; j < n;) {
      if (taken[j]) {
        parts = parts.concat(cut(between), [chars.slice(j, j + taken[j]).join("")]);
        between = "";
        j += taken[j];
      } else {
        between += chars[j];
        j++;
      }
    }
    parts = parts.concat(cut(between)).filter(unique);
    return parts.length >= 2 ? parts : [term];
  }

  // Same as generator.search.postings.numbers: base-64 digits, 5 bits each, 6th bit "more follows".
  Engine.prototype.numbers = function (text) {
    var nums = [], n = 0, shift = 0, digit = this.digit;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text.charCodeAt(i)];
      n += (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else { nums.push(n); n = 0; shift = 0; }
    }
    return nums;
  };

  // Same as generator.search.postings.decode: digits → [record, field, position, flags].
  Engine.prototype.decode = function (text) {
    var nums = this.numbers(text);
    var out = new Array(nums.length / 2), nf = this.nf, fb = this.flagBits, r = 0, f = -1, p = 0;
    for (var j = 0; j < nums.length; j += 2) {
      var a = nums[j], v = nums[j + 1], nr = r + Math.floor(a / nf), nfield = a % nf, pos = Math.floor(v / fb);
      p = (nr === r && nfield === f) ? p + pos : pos;
      r = nr;
      f = nfield;
      out[j / 2] = [r, f, p, v % fb];
    }
    return out;
  };

  // The postings shard of a bigram, or of a term's expansions (the shard of its first bigram).
  Engine.prototype.shard = function (key) {
    var bigram = Array.from(key).slice(0, 2).join("");
    return this.file("p-" + (fnv1a(bigram) % this.m.shards) + ".json", true);
  };

  Engine.prototype.postings = function (bigram) {
    var self = this;
    return this.shard(bigram).then(function (shard) {
      return self.decode(own(shard, bigram) ? shard[bigram] : "");
    });
  };

  // What a normalised term also looks for and names (generator/search/expansions.py).
  Engine.prototype.expansions = function (term) {
    var key = this.m.expandPrefix + term;
    return this.shard(term).then(function (shard) { return own(shard, key) ? shard[key] : { also: [], shown: [] }; });
  };

  // Every occurrence of one normalised term: [record, field, position, flags].
  Engine.prototype.termMatches = function (term) {
    var chars = Array.from(term);
    var offsets = coverOffsets(chars.length);
    var self = this, fl = this.m.flags;
    return Promise.all(offsets.map(function (j) { return self.postings(chars[j] + chars[j + 1]); })).then(function (lists) {
      if (lists.some(function (l) { return l.length === 0; })) return [];
      var i0 = 0;
      lists.forEach(function (l, i) { if (l.length < lists[i0].length) i0 = i; });
      var j0 = offsets[i0], nf = self.nf;
      var maps = lists.map(function (l, i) {
        if (i === i0) return null;
        var m = new Map();
        l.forEach(function (p) { m.set((p[0] * nf + p[1]) * POS_SPAN + p[2], p[3]); });
        return m;
      });
      var lastIdx = offsets.length - 1, out = [];
      lists[i0].forEach(function (p) {
        var start = p[2] - j0, base = (p[0] * nf + p[1]) * POS_SPAN + start, first = 0, last = 0;
        for (var i = 0; i < offsets.length; i++) {
          var got;
          if (i === i0) got = p[3];
          else {
            got = maps[i].get(base + offsets[i]);
            if (got === undefined) return;
          }
          if (i === 0) first = got;
          if (i === lastIdx) last = got;
        }
        out.push([p[0], p[1], start, (first & (fl.wordStart | fl.valueStart)) | (last & (fl.wordEnd | fl.valueEnd))]);
      });
      return out;
    });
  };

  // Same as generator.search.ranking.names_record: a match that is one of the record's whole names.
  // Same as ranking.starts_title: one of a term's matches [field, flags] starts a title value.
  Engine.prototype.startsTitle = function (ms) {
    var self = this;
    return ms.some(function (m) { return m[0] === self.F.title && (m[1] & self.m.flags.valueStart) !== 0; });
  };

  Engine.prototype.namesRecord = function (field, flags) {
    var value = this.m.flags.valueStart | this.m.flags.valueEnd;
    return field === this.F.title && (flags & value) === value;
  };

  // Same as generator.search.ranking.term_score, with the manifest's weights; `page`: the record is a page.
  Engine.prototype.termScore = function (matches, page) {
    var exact = 0, title = 0, target = 0, lead = 0, whole = 0, kind = 0, F = this.F, fl = this.m.flags, w = this.m.weights;
    var word = fl.wordStart | fl.wordEnd, fKind = this.fKind, self = this;
    matches.forEach(function (m) {
      var f = m[0], flags = m[1];
      if (f === fKind) { kind = 1; return; }
      if (f === F.title) {
        title = 1;
        if (self.namesRecord(f, flags)) exact = 1;
      }
      if (f === F.metric) target = 1;
      if (f === F.lead) lead = 1;
      if ((flags & word) === word) whole = 1;
    });
    return w.exactTitle * exact + w.title * title + w.page * title * (page ? 1 : 0) + w.target * target
      + w.lead * lead + w.whole * whole + w.kind * kind;
  };

  // The terms of a query that are role words (牵头, 配合 …) → the mask of the roles each filters by;
  // none in the exact-only search or when `roleText` (SearchFiles.role_words).
  Engine.prototype.roleWords = function (query, exact, roleText) {
    var out = {}, words = this.m.roleWords;
    if (!exact && !roleText) this.terms(query).forEach(function (t) { if (own(words, t)) out[t] = words[t]; });
    return out;
  };

  function sumRoles(words) {
    return Object.keys(words).reduce(function (mask, w) { return mask | words[w]; }, 0);
  }

  // The typed terms but the role words and, unless `exact`, the words and kinds each also looks for (SearchFiles.plan).
  Engine.prototype.plan = function (query, exact, roleText) {
    var self = this;
    return this.ready().then(function () {
      var roles = self.roleWords(query, exact, roleText);
      return Promise.all(self.terms(query).filter(function (t) { return !own(roles, t); }).map(function (t) {
        if (exact) return { text: t, also: [], shown: [], printed: [], kinds: [] };
        return self.expansions(t).then(function (e) {
          return { text: t, also: e.also, shown: e.shown, printed: e.printed || e.shown,
                   kinds: own(self.m.kindWords, t) ? self.m.kindWords[t] : [] };
        });
      }));
    });
  };

  // The matches plus, for a match in a page field that measures inherit, the same match in
  // the corresponding field of each of the page's measures (SearchFiles.passed_on).
  Engine.prototype.passOn = function (matches, facets) {
    var out = matches.slice(), nf = this.nf, into = this.into;
    matches.forEach(function (m) {
      var heirs = facets.heirs.get(m[0] * nf + m[1]);
      if (heirs) heirs.forEach(function (r) { out.push([r, into[m[1]], m[2], m[3]]); });
    });
    return out;
  };

  // The hits of a query (SearchFiles.found). A typed term of partsFrom characters or more (unless
  // `exact`), or one that finds nothing, is also searched as its parts (the names and words it holds):
  // `split` lists each such term with its parts. A record found only by the parts, or found as typed
  // only through its document's title or themes (`later`) while its own fields hold every part (永川's
  // 碳排放权…交易 under the theme 碳市场与环境权益), is found by the parts (`parts`). The hits in tiers
  // (tiered): in fields of their own, as typed then by the parts; then the later ones, likewise.
  // Role words (unless `exact` or `roleText`) keep only the hits with one of their roles: `roleWords`
  // lists them (typed, then among the parts), `roles` is their mask; `roleOnly`: nothing else was typed.
  Engine.prototype.search = function (query, exact, roleText) {
    var self = this;
    exact = !!exact;
    roleText = !!roleText;
    var found = null, typedRoles = null, mask = 0, district = null, whole = null;
    return Promise.all([this.plan(query, exact, roleText), this.facets()]).then(function (res) {
      typedRoles = self.roleWords(query, exact, roleText);
      mask = sumRoles(typedRoles);
      district = res[1].d;
      return self.matching(res[0]);
    }).then(function (matched) {
      found = matched;
      whole = found.hits.filter(function (h) { return !mask || (h.roles & mask); });  // ranked, before the tiers
      found.hits = tiered(whole, [], district);
      found.roleWords = Object.keys(typedRoles);
      found.roles = mask;
      found.roleOnly = !found.terms.length && found.roleWords.length > 0;
      found.asTyped = self.terms(query); // every typed term, role words included
      var tried = found.plan.filter(function (t) {
        return found.none.has(t.text) || (!exact && Array.from(t.text).length >= self.m.partsFrom);
      });
      return Promise.all(tried.map(function (t) { return self.namesIn(t.text); })).then(function (names) {
        return tried.map(function (t, i) { return { term: t.text, parts: termParts(t.text, names[i], self.m.particles), none: found.none.has(t.text) }; });
      });
    }).then(function (tried) {
      var split = tried.filter(function (s) { return s.parts.length > 1; }), into = {};
      split.forEach(function (s) { into[s.term] = s.parts; });
      found.typed = found.terms;
      found.split = split;
      found.typedNone = found.none;  // the typed terms that find nothing (and, below, the parts)
      found.partsNone = new Set();
      if (!split.length) return found;
      var again = found.plan.map(function (t) { return (into[t.text] || [t.text]).join(" "); }).join(" ");
      var partRoles = self.roleWords(again, exact, roleText);
      mask |= sumRoles(partRoles);
      return self.plan(again, exact, roleText).then(function (terms) { return self.matching(terms); }).then(function (parted) {
        var byParts = parted.hits.filter(function (h) { return !mask || (h.roles & mask); });
        var own = new Set(byParts.filter(function (h) { return !h.later; }).map(function (h) { return h.r; }));
        var typed = whole.filter(function (h) { return !(h.later && own.has(h.r)); });
        var seen = new Set(typed.map(function (h) { return h.r; }));
        parted.hits = tiered(typed, byParts.filter(function (h) { return !seen.has(h.r); }).map(function (h) {
          h.parts = true;
          return h;
        }), district);
        parted.words = found.words.concat(parted.words);
        parted.plan = found.plan.concat(parted.plan);
        parted.typed = found.terms;
        parted.split = split;
        parted.typedNone = found.none;
        parted.partsNone = parted.none;
        parted.roleWords = found.roleWords.concat(Object.keys(partRoles).filter(function (w) { return found.roleWords.indexOf(w) < 0; }));
        parted.roles = mask;
        parted.roleOnly = false;
        parted.asTyped = found.asTyped;
        parted.unitTerms = found.unitTerms.concat(parted.unitTerms.filter(function (t) { return found.unitTerms.indexOf(t) < 0; }));
        return parted;
      });
    });
  };

  // The search of a query and, when it finds nothing though some of its terms find something on their own,
  // `fallback`: the query without the terms that find nothing (电车充电 → 充电), {dropped, query, found}
  // (SearchFiles.fallback): a typed term that finds nothing and was not split, and the parts that find
  // nothing of one that was. No fallback (null) when no term or every term finds nothing, when only
  // filters would be left (role words, district names, kind names: 铜梁 电车 does not list the whole
  // district), or when the rest finds nothing too: terms that find something each are never searched apart.
  Engine.prototype.searchWithFallback = function (query, exact, roleText) {
    var self = this;
    return Promise.all([this.search(query, exact, roleText), this.facets()]).then(function (res) {
      var found = res[0], facets = res[1], parts = {}, kept = [], dropped = [];
      found.fallback = null;
      if (found.hits.length) return found;
      found.split.forEach(function (s) { parts[s.term] = s.parts; });
      found.asTyped.forEach(function (t) {  // role words included: they stay
        if (!found.typedNone.has(t)) kept.push(t);
        else if (!own(parts, t)) dropped.push(t);
        else parts[t].forEach(function (p) { (found.partsNone.has(p) ? dropped : kept).push(p); });
      });
      var rest = kept.filter(unique).join(" "), roles = self.roleWords(rest, exact, roleText), districts = districtNameSet(facets);
      var filters = function (t) { return own(roles, t) || districts.has(t) || (!exact && own(self.m.kindWords, t)); };
      if (!dropped.length || kept.every(filters)) return found;
      return self.search(rest, exact, roleText).then(function (again) {
        if (again.hits.length) found.fallback = { dropped: dropped.filter(unique), query: rest, found: again };
        return found;
      });
    });
  };

  // Every name of every district (甲山, 甲山区), from the facets (SearchFiles.district_names).
  function districtNameSet(facets) {
    var names = new Set();
    (facets.districtNames || []).forEach(function (list) { list.forEach(function (n) { names.add(n); }); });
    return names;
  }

  // Ranked hits {r, score, occ, fields, exact, later, parts} of every record that matches every term
  // (SearchFiles._matching); `words`: every word looked for, for marking; `none`: the terms that
  // match nothing.
  Engine.prototype.matching = function (terms) {
    var self = this, none = new Set();
    return Promise.resolve(terms).then(function (terms) {
      if (!terms.length) return { terms: [], plan: terms, words: [], hits: [], none: none, unitTerms: [] };
      var roleBit = {};
      self.m.roleFields.forEach(function (f, i) { roleBit[f] = 1 << i; });
      var jobs = [];
      terms.forEach(function (t) { [t.text].concat(t.also).forEach(function (w) { jobs.push(self.termMatches(w)); }); });
      return Promise.all(jobs.concat([self.facets()])).then(function (all) {
        var facets = all.pop(), per = null, next = 0, fKind = self.fKind;
        var unitsNamed = [], namedOf = []; // per term that is found in some record's units: record → roles
        // a district's name (甲山, 甲山区) picks the district, not a unit (SearchFiles._matching)
        var districtNames = districtNameSet(facets);
        terms.forEach(function (t) {
          var found = new Map(), literal = new Set(), named = new Map();
          var add = function (r, match) {
            if (!found.has(r)) found.set(r, []);
            found.get(r).push(match);
          };
          [t.text].concat(t.also).forEach(function (w, i) {
            var whole = self.m.flags.valueStart | self.m.flags.valueEnd;
            self.passOn(all[next++], facets).forEach(function (m) {
              // a whole name scores exactTitle as typed only: 充电桩 names 充电桩数量 before 充电基础设施数量
              add(m[0], [m[1], i === 0 ? m[3] : m[3] & ~whole]);
              if (own(roleBit, m[1])) named.set(m[0], (named.get(m[0]) || 0) | roleBit[m[1]]);
              if (i === 0 || self.namesRecord(m[1], m[3])) literal.add(m[0]); // as typed, or one of its names
            });
          });
          namedOf.push(named);
          if (named.size && !districtNames.has(t.text)) unitsNamed.push(named);
          if (t.kinds.length) {
            for (var r = 0; r < facets.k.length; r++) {
              if (t.kinds.indexOf(facets.k[r]) >= 0) { add(r, [fKind, 0]); literal.add(r); }
            }
          }
          if (!found.size) none.add(t.text);
          if (per === null) {
            per = new Map();
            found.forEach(function (v, r) { per.set(r, [[v, literal.has(r)]]); });
          } else {
            var kept = new Map();
            per.forEach(function (v, r) { if (found.has(r)) kept.set(r, v.concat([[found.get(r), literal.has(r)]])); });
            per = kept;
          }
        });
        var hits = [], later = self.later;
        per.forEach(function (lists, r) {
          var roles = unitsNamed.length ? 0 : facets.r[r];
          unitsNamed.forEach(function (named) { roles |= named.get(r) || 0; });
          var rows = facets.rows && facets.rows[r], via = [];
          if (rows && unitsNamed.length && roles) {
            // found by a unit only its table rows name: as the rows the whole query finds, in their roles, or
            // not at all; its unit line is theirs (answeringLines)
            roles = 0;
            rows.forEach(function (row) {
              if (!per.has(row)) return;
              var rowRoles = 0;
              unitsNamed.forEach(function (named) { rowRoles |= named.get(row) || 0; });
              if (rowRoles) via.push(row);
              roles |= rowRoles;
            });
            if (!roles) return;
          }
          var score = 0, occ = 0, fields = new Set(), lit = true, late = false, page = r < facets.tl.length, start = page;
          lists.forEach(function (entry) {
            var ms = entry[0];
            start = start && self.startsTitle(ms);
            score += self.termScore(ms, !(facets.doc[r] > 0));
            occ += ms.length;
            lit = lit && entry[1];
            late = late || (facets.doc[r] > 0 && ms.every(function (m) { return later.has(m[0]); }));
            ms.forEach(function (m) { fields.add(m[0]); });
          });
          hits.push({ r: r, score: score, occ: occ, exact: lit, later: late, parts: false, roles: roles, via: via,
                      start: start, length: page ? facets.tl[r] : NOT_A_PAGE,
                      fields: Array.from(fields).sort(function (a, b) { return a - b; }) });
        });
        // as SearchFiles._matching: own fields first, then as typed, then by score, then the pages whose title
        // starts with the query, the shorter title first (search() interleaves the districts)
        hits.sort(function (a, b) {
          return (a.later - b.later) || (b.exact - a.exact) || b.score - a.score || (b.start - a.start)
            || a.length - b.length || b.occ - a.occ || a.r - b.r;
        });
        var words = [];
        terms.forEach(function (t) { words.push(t.text); words = words.concat(t.shown); });
        return { terms: terms.map(function (t) { return t.text; }), plan: terms, words: words, hits: hits, none: none,
                 unitTerms: terms.filter(function (t, i) { return unitsNamed.indexOf(namedOf[i]) >= 0; }).map(function (t) { return t.text; }) };
      });
    });
  };

  // ------------------------------------------------------------------ 你是不是要找 (generator/search/suggest.py)

  // suggest.py's tiers, best first, and the groups of them of which only the best that has any is offered
  var SAME_SOUND = 0, NEAR_SOUND = 1, COMPLETES = 2, ONE_CHANGED = 3;
  var TIER_GROUPS = [[SAME_SOUND, NEAR_SOUND], [COMPLETES], [ONE_CHANGED]], FEW_TIERS = [SAME_SOUND, COMPLETES];

  function isChinese(ch) { return ch >= "\u4e00" && ch <= "\u9fff"; }

  // Python's order of strings: by code point
  function byCodePoint(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    }
    return x.length - y.length;
  }

  // pinyin.json read back (suggest.Sounds): character → its syllables and their near sounds
  Engine.prototype.sounds = function () {
    var self = this;
    return this.file("pinyin.json", true).then(function (table) {
      if (!self._sounds) {
        var syllables = new Map(), near = new Map();
        table.s.forEach(function (syllable, i) {
          Array.from(table.c[i]).forEach(function (ch) {
            if (!syllables.has(ch)) { syllables.set(ch, new Set()); near.set(ch, new Set()); }
            syllables.get(ch).add(syllable);
            near.get(ch).add(table.f[i]);
          });
        });
        self._sounds = { syllables: syllables, near: near };
      }
      return self._sounds;
    });
  };

  function meets(a, b) {
    if (!a || !b) return false;
    for (var x of a) if (b.has(x)) return true;
    return false;
  }

  // suggest.Sounds.alike: SAME_SOUND when two characters share a reading, NEAR_SOUND a near one, else null
  function alike(sounds, a, b) {
    if (!sounds) return null;
    if (meets(sounds.syllables.get(a), sounds.syllables.get(b))) return SAME_SOUND;
    if (meets(sounds.near.get(a), sounds.near.get(b))) return NEAR_SOUND;
    return null;
  }

  function compareKeys(a, b) {
    for (var i = 0; i < 3; i++) if (a[0][i] !== b[0][i]) return a[0][i] - b[0][i];
    return byCodePoint(a[1], b[1]);
  }

  // Same as suggest.ranked: the words a term (its code points) may have meant, best first.
  Engine.prototype.rankSuggestions = function (chars, shard, sounds, few) {
    var length = chars.length, text = Array.from(shard.w), counts = this.numbers(shard.n), scored = new Map();
    var from = this.m.suggest.oneChangedFrom;
    for (var i = 0; i < counts.length; i++) {
      var word = text.slice(i * length, (i + 1) * length), changed = [];
      for (var k = 0; k < length; k++) if (word[k] !== chars[k]) changed.push(k);
      if (!changed.length) continue;
      var tier = SAME_SOUND, sounding = true;
      changed.forEach(function (k) {
        var a = alike(sounds, chars[k], word[k]);
        if (a === null) sounding = false; else tier = Math.max(tier, a);
      });
      if (!sounding) {
        var c = changed[0];
        if (changed.length === 1 && length >= from && isChinese(chars[c]) && isChinese(word[c])) tier = ONE_CHANGED;
        else continue;
      }
      scored.set(word.join(""), [tier, changed.length, -counts[i]]);
    }
    var term = chars.join("");
    (own(shard.p, term) ? shard.p[term] : []).forEach(function (pair) {
      if (!scored.has(pair[0])) scored.set(pair[0], [COMPLETES, Array.from(pair[0]).length - length, -pair[1]]);
    });
    var groups = few ? [FEW_TIERS] : TIER_GROUPS;
    for (var g = 0; g < groups.length; g++) {
      var chosen = [];
      scored.forEach(function (key, word) { if (groups[g].indexOf(key[0]) >= 0) chosen.push([key, word]); });
      if (chosen.length) return chosen.sort(compareKeys).map(function (entry) { return entry[1]; });
    }
    return [];
  };

  // Same as SearchFiles.ranked: the shard of the term's length, and the sounds when it has a Chinese character.
  Engine.prototype.ranked = function (term, few) {
    var self = this, chars = Array.from(term);
    if (chars.length > this.m.suggest.longest) return Promise.resolve([]);  // a term has two characters or more
    var chinese = chars.some(isChinese);
    return Promise.all([this.file("s-" + chars.length + ".json", true), chinese ? this.sounds() : null]).then(function (res) {
      return self.rankSuggestions(chars, res[0], res[1], few);
    });
  };

  // Same as SearchFiles._replaced: the terms with those of `fixes` (term → its replacements, each a list
  // of terms) replaced: one term, one list per replacement; several, one list with the best of each; a
  // term without any replacement, none.
  function replaced(terms, fixes) {
    var keys = Object.keys(fixes);
    if (!keys.length || keys.some(function (t) { return !fixes[t].length; })) return [];
    function swap(pick) {
      var out = [];
      terms.forEach(function (t) { out = out.concat(own(fixes, t) ? pick(t) : [t]); });
      return out;
    }
    if (keys.length === 1) return fixes[keys[0]].map(function (option) { return swap(function () { return option; }); });
    return [swap(function (t) { return fixes[t][0]; })];
  }

  // Same as generator.search.reference.substituted: the term with its parts (`fixes`: part → its
  // replacements) replaced where they first occur: one part, one term per replacement; several, one
  // term with the best of each; a part without any, none.
  function substituted(term, fixes) {
    var parts = Object.keys(fixes);
    if (!parts.length || parts.some(function (p) { return !fixes[p].length; })) return [];
    function put(text, part, word) { return text.replace(part, function () { return word; }); }
    if (parts.length === 1) return fixes[parts[0]].map(function (word) { return put(term, parts[0], word); });
    parts.forEach(function (p) { term = put(term, p, fixes[p][0]); });
    return [term];
  }

  function wordsOnly(words) { return words.map(function (w) { return [w]; }); }

  // 你是不是要找 (SearchFiles.suggestions): for a query `found` nothing for, or a single term found a few
  // results (manifest suggest.few) for, the queries offered: [{q, found}] (the search of each), found
  // by searching the best candidates (suggest.tried at most), those that find something (or, after a
  // few results, ratio times as many), each once by what it finds, suggest.shown at most.
  Engine.prototype.suggest = function (found, exact, roleText) {
    var self = this, config = this.m.suggest, least = 1, fixes;
    var splitOf = {};
    found.split.forEach(function (s) { splitOf[s.term] = s.parts; });
    if (found.hits.length) {
      var term = found.typed.length === 1 ? found.typed[0] : null;
      if (term === null || found.hits.length > config.few || found.typedNone.has(term)) return Promise.resolve([]);
      least = config.ratio * found.hits.length;
      fixes = this.ranked(term, true).then(function (words) { var f = {}; f[term] = wordsOnly(words); return f; });
    } else {
      var nothing = found.typed.filter(function (t) { return found.typedNone.has(t); });
      fixes = Promise.all(nothing.map(function (t) {
        return self.ranked(t, false).then(function (words) {
          var parts = splitOf[t] || [], missing = parts.filter(function (p) { return found.partsNone.has(p); });
          if (words.length || !missing.length) return wordsOnly(words);
          // a term none of whose words is known, split into parts some of which find nothing: those corrected in it
          return Promise.all(missing.map(function (p) { return self.ranked(p, false); })).then(function (lists) {
            var partFixes = {};
            missing.forEach(function (p, i) { partFixes[p] = lists[i]; });
            return wordsOnly(substituted(t, partFixes));
          });
        });
      })).then(function (options) {
        var f = {};
        nothing.forEach(function (t, i) { f[t] = options[i]; });
        return f;
      });
    }
    return fixes.then(function (f) {
      var queries = replaced(found.asTyped, f).map(function (q) { return q.join(" "); })
        .filter(unique).slice(0, config.tried);
      return Promise.all(queries.map(function (q) { return self.search(q, exact, roleText); })).then(function (results) {
        var out = [], seen = new Set();
        results.forEach(function (r, i) {
          var key = r.hits.map(function (h) { return h.r; }).sort(function (a, b) { return a - b; }).join(",");
          if (r.hits.length >= least && !seen.has(key) && out.length < config.shown) {
            seen.add(key);
            out.push({ q: queries[i], found: r });
          }
        });
        return out;
      });
    });
  };

  // The hits found as typed and those found by the parts (each ranked) in tiers, each tier interleaved:
  // as typed, then by the parts, in fields of their own; then as typed, then by the parts, the later
  // ones (SearchFiles.found).
  function tiered(typed, parted, district) {
    function of(hits, later) { return interleaved(hits.filter(function (h) { return h.later === later; }), district); }
    return of(typed, false).concat(of(parted, false), of(typed, true), of(parted, true));
  }

  // Same as generator.search.reference.interleaved: among hits that rank alike (tier, score and start), the
  // districts in turn; round k takes each district's k-th hit, ordered by title length (a page's; measures
  // after pages), occurrences, then record.
  function interleaved(hits, district) {
    var out = [], i = 0;
    function inOrder(a, b) { return a.length - b.length || b.occ - a.occ || a.r - b.r; }
    while (i < hits.length) {
      var first = hits[i], queues = new Map(), longest = 0;
      for (; i < hits.length && hits[i].later === first.later && hits[i].exact === first.exact && hits[i].score === first.score
             && hits[i].start === first.start; i++) {
        var d = district[hits[i].r];
        if (!queues.has(d)) queues.set(d, []);
        queues.get(d).push(hits[i]);
        longest = Math.max(longest, queues.get(d).length);
      }
      for (var k = 0; k < longest; k++) {
        var turn = [];
        queues.forEach(function (queue) { if (k < queue.length) turn.push(queue[k]); });
        Array.prototype.push.apply(out, turn.sort(inOrder));
      }
    }
    return out;
  }

  Engine.prototype.facets = function () {
    var self = this;
    return this.ready().then(function () { return self.file("facets.json", true); }).then(function (f) {
      if (!f.heirs) {
        ["d", "t", "k", "doc", "r"].forEach(function (key) { // run-length encoded [value, count, …] in digits
          var runs = self.numbers(f[key]), all = [];
          for (var i = 0; i < runs.length; i += 2) for (var c = 0; c < runs[i + 1]; c++) all.push(runs[i]);
          f[key] = all;
        });
        // Same as SearchFiles.facets: (page record, page field) → the measures that inherit it.
        var heirs = new Map(), nf = self.nf;
        var add = function (page, field, r) {
          var key = page * nf + field;
          if (!heirs.has(key)) heirs.set(key, []);
          heirs.get(key).push(r);
        };
        for (var r = 0; r < f.doc.length; r++) {
          if (!f.doc[r]) continue;
          var themes = [];
          for (var bit = 0; bit < f.themeRecords.length; bit++) {
            if (Math.floor(f.t[r] / Math.pow(2, bit)) % 2 === 1) themes.push(f.themeRecords[bit]);
          }
          var pages = { document: [f.doc[r] - 1], district: [f.districtRecords[f.d[r] - 1]], theme: themes };
          self.m.inherit.forEach(function (rule) {
            pages[rule.from].forEach(function (page) { add(page, rule.pageField, r); });
          });
        }
        f.heirs = heirs;
      }
      return f;
    });
  };

  Engine.prototype.records = function (ids) {
    var self = this, chunk = this.m.docChunk;
    return Promise.all(ids.map(function (r) {
      return self.file("d-" + Math.floor(r / chunk) + ".json", true).then(function (c) { return c[r % chunk]; });
    }));
  };

  Engine.prototype.url = function (rec) {
    return new URL(rec.u, this.root).href;
  };

  // ------------------------------------------------------------------ highlighting (DOM only)

  // Ranges [start, end) in code points of `text` where any term occurs (after normalisation): mark.js.
  Engine.prototype.ranges = function (text, terms) {
    return window.csMark.ranges(text, terms, this.normChar.bind(this));
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  // Append `text` to `parent` with the terms marked; if `windowed`, only a snippet around the
  // first match. Returns whether anything was marked.
  Engine.prototype.appendMarked = function (parent, text, terms, windowed) {
    var found = this.ranges(text || "", terms), start = 0, end = found.cps.length;
    if (windowed) {
      start = found.ranges.length ? Math.max(0, found.ranges[0][0] - MARK_BEFORE) : 0;
      end = Math.min(found.cps.length, start + MARK_WINDOW);
      if (end - start < MARK_WINDOW) start = Math.max(0, end - MARK_WINDOW);
    }
    window.csMark.append(parent, found, start, end);
    return found.ranges.length > 0;
  };

  // ------------------------------------------------------------------ shared rendering

  function kindLabel(facets, rec) {
    return facets && facets.kinds[rec.k] ? facets.kinds[rec.k][1] : "";
  }

  // Same as generator.search.reference.answering_lines: the unit lines (l, c, j) of the table rows
  // `rows` (records.row_units) that answer a query, as index.unit_lines says them (牵头（据附表2第 29 行）：…).
  function answeringLines(rows, facets) {
    var said = facets.rowsSaid, tables = new Map(), numbered = true;
    function fill(template, values) { var k = 0; return template.replace(/\{\}/g, function () { return values[k++]; }); }
    rows.forEach(function (row) {
      if (!tables.has(row.n[0])) tables.set(row.n[0], []);
      tables.get(row.n[0]).push(row.n[1]);
      numbered = numbered && !!row.n[1];
    });
    var named = [];
    tables.forEach(function (numbers, table) { named.push(fill(said[2], [table, numbers.filter(unique).join("、")])); });
    var from = numbered ? fill(said[1], [named.join("、")]) : said[0], lines = {};
    facets.roles.forEach(function (role) {
      var naming = rows.filter(function (row) { return row.u[role[0]] && row.u[role[0]].length; });
      if (!naming.length) return;
      var etc = naming.some(function (row) { return row.e.indexOf(role[0]) >= 0; }) ? "等" : "";
      var units = [];
      naming.forEach(function (row) { units = units.concat(row.u[role[0]]); });
      lines[role[0]] = role[1] + from + "：" + units.filter(unique).join("、") + etc;
    });
    var out = { l: lines.lead || lines.joint || "" };
    facets.roles.forEach(function (role) {
      if (role[2] && lines[role[0]] && (role[0] !== "joint" || lines.lead)) out[role[2]] = lines[role[0]];
    });
    return out;
  }

  // What a result shows of a hit (SearchFiles.shown): its record, with the unit lines of the table rows
  // it was found through when it was, else its own.
  function shownRecord(hit, rec, facets) {
    if (!hit.via || !hit.via.length || !rec.rw) return rec;
    var rows = facets.rows[hit.r], out = {};
    var own = { l: true };
    facets.roles.forEach(function (role) { if (role[2]) own[role[2]] = true; });
    Object.keys(rec).forEach(function (k) { if (!own[k]) out[k] = rec[k]; });
    var lines = answeringLines(hit.via.map(function (row) { return rec.rw[rows.indexOf(row)]; }), facets);
    Object.keys(lines).forEach(function (k) { out[k] = lines[k]; });
    return out;
  }

  // Kind, district, document and who leads; and the unit lines of the roles a role filter asks for
  // (`roles`, a mask: 配合：…, 分工负责：…) or the query's words were found in (`hit.fields`: 发改委 found
  // among the supporting units shows 配合：…区发展改革委…), so the unit the query names is seen in its role.
  function metaLine(engine, hit, rec, facets, roles) {
    engine.m.roleFields.forEach(function (f, i) { if (hit.fields.indexOf(f) >= 0) roles |= 1 << i; });
    var parts = [kindLabel(facets, rec), rec.d, rec.s, rec.l];
    facets.roles.forEach(function (role, i) { if ((roles & (1 << i)) && role[2]) parts.push(rec[role[2]]); });
    return parts.filter(function (x) { return x; }).join(" · ");
  }

  // How many characters of `text` are marked for `terms`.
  function marked(engine, text, terms) {
    return engine.ranges(text, terms).ranges.reduce(function (sum, r) { return sum + r[1] - r[0]; }, 0);
  }

  var WEB_ADDRESS = /^https?:\/\/[^\s<>"'()\\`\[\]]+$/;  // as render.web_address: a plain http(s) address

  // A consultation draft whose final version was issued (records.py: f, fu): the site holds the draft,
  // the final (文号, date) is not yet included; its title, where a typed 文号 or title is marked; its page.
  function finalLine(engine, rec, terms) {
    var line = el("p", "cs-result__final");
    line.appendChild(el("span", "cs-result__tag", "定稿已印发"));
    engine.appendMarked(line, rec.f, terms, false);
    if (rec.fu && WEB_ADDRESS.test(rec.fu)) {
      line.appendChild(document.createTextNode(" "));
      var a = el("a", null, "定稿发布页面");
      a.href = rec.fu;
      line.appendChild(a);
    }
    return line;
  }

  function resultItem(engine, hit, rec, terms, facets, roles) {
    var li = el("li", "cs-result");
    li.setAttribute("data-id", rec.i);
    var a = el("a", "cs-result__title");
    a.href = engine.url(rec);
    engine.appendMarked(a, rec.t, terms, false);
    li.appendChild(a);
    var meta = el("div", "cs-result__meta");
    engine.appendMarked(meta, metaLine(engine, hit, shownRecord(hit, rec, facets), facets, roles), terms, false);
    li.appendChild(meta);
    var snippet = el("p", "cs-result__snippet");
    var text = rec.x || "";
    if (rec.xp && marked(engine, rec.xp, terms) > marked(engine, text, terms)) {
      text = rec.xp; // the printed (damaged) form holds more of what was looked for: 调解能力, not only 能力
      snippet.appendChild(el("span", "cs-result__tag", "原文"));
    }
    engine.appendMarked(snippet, text, terms, true);
    li.appendChild(snippet);
    if (rec.f) li.appendChild(finalLine(engine, rec, terms));
    // a hit in a category the title does not show (2025 in 2025年目标指标): the category, marked
    if (rec.g && hit.fields.indexOf(engine.F.number) >= 0) {
      var where = el("div", "cs-result__where");
      engine.appendMarked(where, "类别：" + rec.g, terms, false);
      li.appendChild(where);
    }
    var labels = engine.labels;
    var why = "命中：" + hit.fields.map(function (f) { return labels[f]; }).join("、") + (hit.exact ? "" : "（同义词或简称）")
      + (hit.parts ? "（词语分开出现）" : "");
    li.appendChild(el("div", "cs-result__why", why));
    return li;
  }

  // ------------------------------------------------------------------ search page

  function SearchPage(engine, root) {
    this.e = engine;
    this.root = root;
    this.form = root.querySelector("#cs-form");
    this.input = root.querySelector("#cs-q");
    this.count = root.querySelector("#cs-count");
    this.list = root.querySelector("#cs-results");
    this.pager = root.querySelector("#cs-pager");
    this.help = root.querySelector("#cs-help");
    this.selects = { d: root.querySelector("#cs-district"), t: root.querySelector("#cs-theme"), k: root.querySelector("#cs-kind"),
                     r: root.querySelector("#cs-role") };
    this.roleNote = root.querySelector("#cs-roles");
    this.suggestions = root.querySelector("#cs-suggest");
    this.also = root.querySelector("#cs-also");
    this.byDistrict = root.querySelector("#cs-by-district");
    this.compare = root.querySelector("#cs-compare");
    this.byDistrictOpen = false; // the 按区县 line's fold, kept while the results change
    this.byDistrictFocus = null; // after a district link: "" = 看全部区县的结果, a slug = that district's link
    this.readings = document.getElementById("cs-readings"); // what 〔识读〕 means: above the results
    if (this.readings) this.list.parentNode.insertBefore(this.readings, this.list);
    this.initialCount = this.count.textContent;
    this.seq = 0;
    this.page = 1;
    this.last = null; // {key, terms, hits}
    this.tInput = 0;
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    this.wanted = { d: params.get("d") || "", t: params.get("t") || "", k: params.get("k") || "", r: params.get("r") || "" };
    this.page = Math.max(1, parseInt(params.get("p") || "1", 10) || 1);
    this.exact = params.get("exact") === "1"; // only what was typed: no synonyms, names or kinds
    this.roleText = params.get("rt") === "1"; // role words (牵头 …) searched as text, not as the role filter
    this.strict = params.get("strict") === "1"; // every term required: no fallback without the terms that find nothing
    var self = this, timer = 0;
    this.input.addEventListener("input", function () {
      self.tInput = performance.now();
      self.page = 1;
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 60);
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      self.tInput = performance.now();
      self.page = 1;
      self.run();
    });
    Object.keys(this.selects).forEach(function (key) {
      self.selects[key].addEventListener("change", function () {
        self.wanted[key] = self.selects[key].value;
        self.tInput = performance.now();
        self.page = 1;
        self.run();
      });
    });
    root.querySelector("#cs-prev").addEventListener("click", function () { self.turn(-1); });
    root.querySelector("#cs-next").addEventListener("click", function () { self.turn(1); });
    if (this.input.value) {
      this.tInput = performance.now();
      this.run();
    }
  }

  SearchPage.prototype.turn = function (delta) {
    this.page += delta;
    this.tInput = performance.now();
    this.run();
    this.root.scrollIntoView({ block: "start" });
  };

  SearchPage.prototype.fillSelects = function (facets) {
    if (this.filled) return;
    this.filled = true;
    var lists = { d: facets.districts, t: facets.themes, k: facets.kinds, r: facets.roles };
    var self = this;
    Object.keys(lists).forEach(function (key) {
      var select = self.selects[key];
      lists[key].forEach(function (pair) {
        var opt = el("option", null, pair[1]);
        opt.value = pair[0];
        opt.setAttribute("data-label", pair[1]);
        select.appendChild(opt);
      });
      select.value = self.wanted[key];
      if (select.value !== self.wanted[key]) { select.value = ""; self.wanted[key] = ""; }
    });
  };

  SearchPage.prototype.setState = function (state) {
    this.root.setAttribute("data-state", state);
  };

  SearchPage.prototype.run = function () {
    var self = this, seq = ++this.seq, q = this.input.value;
    this.setState("loading");
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    ["d", "t", "k", "r"].forEach(function (key) { if (self.wanted[key]) params.set(key, self.wanted[key]); });
    if (this.exact) params.set("exact", "1");
    if (this.roleText) params.set("rt", "1");
    if (this.strict) params.set("strict", "1");
    if (this.page > 1) params.set("p", String(this.page));
    var qs = params.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    Promise.all([this.e.searchWithFallback(q, this.exact, this.roleText), this.e.facets()]).then(function (res) {
      if (seq !== self.seq) return null;
      var found = res[0], facets = res[1];
      self.fillSelects(facets);
      if (found.roleOnly) return self.showRoleOnly(found, facets);
      if (!found.terms.length) return self.showIdle(q);
      var pass = self.filter(resultsOf(found, self.strict).hits, facets);
      var total = pass.length, size = self.e.m.pageSize;
      var pages = Math.max(1, Math.ceil(total / size));
      if (self.page > pages) self.page = pages;
      var shown = pass.slice((self.page - 1) * size, self.page * size);
      return self.e.records(shown.map(function (h) { return h.r; })).then(function (recs) {
        if (seq !== self.seq) return;
        self.render(found, facets, pass, shown, recs, pages);
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.count.textContent = "搜索索引无法加载（" + err.message + "）。请刷新页面重试。";
      self.suggestions.hidden = true;
      self.setState("error");
    });
  };

  // A query of role words alone (牵头): what to add, and the link that searches the word as text.
  SearchPage.prototype.showRoleOnly = function (found, facets) {
    this.showIdle("");
    this.help.hidden = true;
    this.count.textContent = "只输入了责任角色，还没有要找的部门或主题。";
    this.showRoles(found, facets);
    this.root.setAttribute("data-query", found.asTyped.join(" "));
    this.root.setAttribute("data-total", "0");
    this.root.setAttribute("data-page", String(this.page));
    this.setState("done");
  };

  // The line that says a role word filters (「牵头」按责任角色筛选：只列出“发改委”牵头的条目), with the
  // one-click switch to searching the role words as text, and back.
  SearchPage.prototype.showRoles = function (found, facets) {
    var self = this, box = this.roleNote, note = roleNote(found, facets);
    box.textContent = "";
    if (!note && !this.roleText) { box.hidden = true; return; }
    var words = this.roleText ? found.asTyped.filter(function (t) { return own(self.e.m.roleWords, t); }) : [];
    if (this.roleText && !words.length) { box.hidden = true; return; }
    box.appendChild(document.createTextNode(this.roleText ? words.map(function (w) { return "「" + w + "」"; }).join("") + "已作为文字搜索。" : note + "。"));
    var text = this.roleText ? "改为按责任角色筛选" : "把" + found.roleWords.map(function (w) { return "「" + w + "」"; }).join("") + "作为文字搜索";
    box.appendChild(document.createTextNode(" "));
    box.appendChild(this.switchLink("cs-roles__switch", "cs-role-text", text, "rt", "roleText"));
    box.hidden = false;
  };

  // A link that turns one of the page's switches on or off (`key`: exact, roleText, strict; `param`: its
  // name in the address): the address for a new tab, and a click that searches again at once.
  SearchPage.prototype.switchLink = function (cls, id, text, param, key) {
    var self = this, link = el("a", cls, text);
    var params = new URLSearchParams(location.search);
    if (this[key]) params.delete(param); else params.set(param, "1");
    params.delete("p");
    link.href = "?" + params.toString();
    link.id = id;
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      self[key] = !self[key];
      self.tInput = performance.now();
      self.page = 1;
      self.run();
    });
    return link;
  };

  SearchPage.prototype.showIdle = function (q) {
    this.list.textContent = "";
    this.roleNote.textContent = "";
    this.roleNote.hidden = true;
    this.byDistrict.textContent = "";
    this.byDistrict.hidden = true;
    this.compare.textContent = "";
    this.compare.hidden = true;
    if (this.readings) this.readings.hidden = true;
    this.also.textContent = "";
    this.also.hidden = true;
    this.suggestions.textContent = "";
    this.suggestions.hidden = true;
    this.root.setAttribute("data-suggest", "");
    this.pager.hidden = true;
    this.help.hidden = false;
    this.count.textContent = q.trim() ? "请至少输入两个字（单个汉字不作搜索）。" : this.initialCount;
    this.root.setAttribute("data-query", "");
    this.root.setAttribute("data-dropped", "");
    this.setState("idle");
  };

  function hasTheme(facets, r, bit) { return Math.floor(facets.t[r] / Math.pow(2, bit)) % 2 === 1; }

  // Whether a hit passes each filter the page has chosen (district, theme, kind, role).
  SearchPage.prototype.tests = function (facets) {
    var w = this.wanted, dIndex = 0, tBit = -1, kIndex = -1, rBit = 0;
    facets.districts.forEach(function (p, i) { if (p[0] === w.d) dIndex = i + 1; });
    facets.themes.forEach(function (p, i) { if (p[0] === w.t) tBit = i; });
    facets.kinds.forEach(function (p, i) { if (p[0] === w.k) kIndex = i; });
    facets.roles.forEach(function (p, i) { if (p[0] === w.r) rBit = 1 << i; });
    return {
      d: function (r) { return !dIndex || facets.d[r] === dIndex; },
      t: function (r) { return tBit < 0 || hasTheme(facets, r, tBit); },
      k: function (r) { return kIndex < 0 || facets.k[r] === kIndex; },
      r: function (h) { return !rBit || (h.roles & rBit) !== 0; }
    };
  };

  // The hits that pass every filter chosen (what filter() lists, without counting the options).
  SearchPage.prototype.passing = function (hits, facets) {
    var ok = this.tests(facets);
    return hits.filter(function (h) { return ok.d(h.r) && ok.t(h.r) && ok.k(h.r) && ok.r(h); });
  };

  // Apply the filters; count, for each option, the hits that pass the other two filters.
  SearchPage.prototype.filter = function (hits, facets) {
    var ok = this.tests(facets), okD = ok.d, okT = ok.t, okK = ok.k, okR = ok.r;
    var counts = { d: new Array(facets.districts.length).fill(0), t: new Array(facets.themes.length).fill(0),
                   k: new Array(facets.kinds.length).fill(0), r: new Array(facets.roles.length).fill(0) };
    var all = { d: 0, t: 0, k: 0, r: 0 };
    var pass = [], n = facets.districts.length;
    var own = new Array(n).fill(0), parts = new Array(n).fill(0), later = new Array(n).fill(0);
    hits.forEach(function (h) {
      var r = h.r, d = okD(r), t = okT(r), k = okK(r), ro = okR(h);
      if (t && k && ro) { all.d++; if (facets.d[r]) counts.d[facets.d[r] - 1]++; }
      if (d && t && k && ro && facets.d[r]) {  // later: only measures, each of a district
        if (h.later) later[facets.d[r] - 1]++;
        else {
          own[facets.d[r] - 1]++;
          if (h.parts) parts[facets.d[r] - 1]++;
        }
      }
      if (d && k && ro) { all.t++; for (var b = 0; b < facets.themes.length; b++) if (hasTheme(facets, r, b)) counts.t[b]++; }
      if (d && t && ro) { all.k++; counts.k[facets.k[r]]++; }
      // the 角色 counts: the results with each role (one result may have several)
      if (d && t && k) { all.r++; for (var i = 0; i < facets.roles.length; i++) if (h.roles & (1 << i)) counts.r[i]++; }
      if (d && t && k && ro) pass.push(h);
    });
    var self = this;
    // the 按区县 line (SearchFiles.by_district): per district the results that hold the terms, or the
    // parts, in their own fields; of them those found by the parts; and those said apart (later)
    this.districtCounts = { own: own, parts: parts, later: later };
    Object.keys(counts).forEach(function (key) {
      var opts = self.selects[key].options;
      opts[0].textContent = opts[0].textContent.replace(/（\d+）$/, "") + "（" + all[key] + "）";
      for (var i = 1; i < opts.length; i++) {
        opts[i].textContent = opts[i].getAttribute("data-label") + "（" + counts[key][i - 1] + "）";
      }
    });
    return pass;
  };

  // `found` (Engine.searchWithFallback) is the query's search; the results shown are its fallback's
  // when it has one and the page is not `strict`: the notes on how the query was searched (split,
  // expansions) and the suggestions are the query's, those on the results (roles, districts) theirs.
  SearchPage.prototype.render = function (found, facets, pass, shown, recs, pages) {
    var self = this, size = this.e.m.pageSize, first = (this.page - 1) * size;
    var results = resultsOf(found, this.strict);
    var frag = document.createDocumentFragment();
    var roles = results.roles;  // the role words', and the 角色 filter's
    facets.roles.forEach(function (p, i) { if (p[0] === self.wanted.r) roles |= 1 << i; });
    shown.forEach(function (hit, i) { frag.appendChild(resultItem(self.e, hit, recs[i], results.words, facets, roles)); });
    this.list.textContent = "";
    this.list.appendChild(frag);
    this.list.setAttribute("start", String(first + 1));
    var before = pass.length !== results.hits.length ? "筛选前 " + results.hits.length + " 条" : "";
    var range = pages > 1 ? "第 " + (first + 1) + "–" + (first + shown.length) + " 条" : "";
    if (results !== found && !pass.length) {  // the filters leave none of the fallback's results
      this.count.textContent = fallbackNote(found.fallback, null) + "只含" + quoted(found.fallback.found.typed) + "的 "
        + results.hits.length + " 条结果都不符合所选的筛选条件：可以放宽筛选，或换个说法。";
    } else if (results !== found) {
      this.count.textContent = fallbackNote(found.fallback, [pass.length + " 条", before, range]);
    } else if (!pass.length) {
      this.count.textContent = "没有找到" + containing(found) + "的条目或页面" + (before ? "（" + before + "）" : "") + "。可以减少词语、换个说法，或试试下面的例子。";
    } else {
      this.count.textContent = "找到 " + pass.length + " 条结果" + (before ? "（" + before + "）" : "") + (range ? "，" + range : "") + "。";
    }
    if (found.fallback) {  // the one-click switch between the fallback's results and the query's (none)
      var text = this.strict ? "看只含" + quoted(found.fallback.found.typed) + "的 " + this.passing(found.fallback.found.hits, facets).length + " 条结果"
        : "只找同时包含" + quoted(found.terms) + "的";
      this.count.appendChild(document.createTextNode(" "));
      this.count.appendChild(this.switchLink("cs-page__switch", "cs-strict", text, "strict", "strict"));
    }
    this.help.hidden = pass.length > 0;  // no result: the examples and what the search looks in
    this.showAlso(found, facets);
    this.showRoles(results, facets);
    this.showByDistrict(facets, pass.length, results, roles);
    this.showCompare(found, facets, pass.length);
    this.showReadings(recs);
    this.pager.hidden = pages <= 1;
    this.root.querySelector("#cs-prev").disabled = this.page <= 1;
    this.root.querySelector("#cs-next").disabled = this.page >= pages;
    this.root.querySelector("#cs-pageinfo").textContent = "第 " + this.page + " / " + pages + " 页";
    this.root.setAttribute("data-query", found.asTyped.join(" "));  // as typed, before a split, role words included
    this.root.setAttribute("data-total", String(pass.length));
    this.root.setAttribute("data-exact", this.exact ? "1" : "0");
    this.root.setAttribute("data-strict", this.strict ? "1" : "0");
    this.root.setAttribute("data-dropped", results !== found ? found.fallback.dropped.join(" ") : "");  // the terms left out
    this.root.setAttribute("data-page", String(this.page));
    this.root.setAttribute("data-ms", (performance.now() - this.tInput).toFixed(1));
    this.setState("done");
    this.showSuggestions(found, facets);
  };

  // 你是不是要找：充电桩（12 条） under the count, after the results show, for a query that found
  // nothing or a single term that found a few (Engine.suggest); each suggestion's number is what it
  // finds with the page's filters, and a tap searches it with them. data-suggest: pending while the
  // suggestions are worked out, then done (none: not asked for).
  SearchPage.prototype.showSuggestions = function (found, facets) {
    var self = this, box = this.suggestions, seq = this.seq;
    box.textContent = "";
    box.hidden = true;
    if (found.hits.length > this.e.m.suggest.few) { this.root.setAttribute("data-suggest", "none"); return; }
    this.root.setAttribute("data-suggest", "pending");
    this.e.suggest(found, this.exact, this.roleText).then(function (offered) {
      if (seq !== self.seq) return;
      var counted = offered.map(function (s) { return [s.q, self.passing(s.found.hits, facets).length]; })
        .filter(function (s) { return s[1] > 0; });
      if (counted.length) {
        box.appendChild(document.createTextNode("你是不是要找："));
        counted.forEach(function (s, i) {
          if (i) box.appendChild(document.createTextNode("、"));
          box.appendChild(self.suggestionLink(s[0], s[1]));
        });
        box.hidden = false;
      }
      self.root.setAttribute("data-suggest", "done");
    }).catch(function () {
      if (seq === self.seq) self.root.setAttribute("data-suggest", "done");  // no suggestion is no loss
    });
  };

  // 充电桩（12 条）: a link to the search for a suggested query, with the page's filters and switches;
  // a tap searches it at once.
  SearchPage.prototype.suggestionLink = function (query, count) {
    var self = this, link = el("a", "cs-suggest__link", query);
    var params = new URLSearchParams(location.search);
    params.set("q", query);
    params.delete("p");
    link.href = "?" + params.toString();
    link.setAttribute("data-q", query);
    link.appendChild(el("span", "cs-suggest__count", "（" + count + " 条）"));
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      self.input.value = query;
      self.tInput = performance.now();
      self.page = 1;
      self.run();
    });
    return link;
  };

  // A query that names two districts or more (甲山 乙山 充电桩, 江津和永川的充电桩): a measure belongs to one
  // district, so the search finds only what mentions them all, and an official who meant "these districts'
  // 充电桩" is shown the way to the view made for it: the compare view with those districts, in the order
  // typed, and the query's other words in its keyword box (compare/?d=…&q=…; it takes as many districts as
  // it shows side by side and says so). A term split at names gives its parts; a word that finds nothing
  // is left out of the box, and then the line does not blame the district names for the empty result.
  SearchPage.prototype.showCompare = function (found, facets, total) {
    var box = this.compare, named = namedDistricts(found, facets), names = districtNameSet(facets);
    var parts = {}, rest = [], lacking = false;
    box.textContent = "";
    found.split.forEach(function (s) { parts[s.term] = s.parts; });
    found.asTyped.forEach(function (t) {
      (own(parts, t) ? parts[t] : [t]).forEach(function (w) {
        if (names.has(w) || rest.indexOf(w) >= 0) return;
        if (found.typedNone.has(w) || found.partsNone.has(w)) lacking = true; else rest.push(w);
      });
    });
    box.hidden = named.length < 2;
    if (box.hidden) return;
    var url = new URL("compare/", this.e.root);
    url.search = "?d=" + named.map(function (i) { return facets.districts[i][0]; }).join(",") + (rest.length ? "&q=" + encodeURIComponent(rest.join(" ")) : "");
    var which = named.map(function (i) { return facets.districts[i][1]; }).join("、");
    box.appendChild(document.createTextNode((total || lacking ? "" : "一条措施只属于一个区县，所以写了几个区县名，只找同时提到这几个区县的条目。")
      + "要把" + which + (rest.length ? "的" + quoted(rest) : "的措施") + "并排对照，请用"));
    var a = box.appendChild(el("a", null, "区县对比"));
    a.href = url.href;
    box.appendChild(document.createTextNode("。"));
  };

  // The districts a query names (a term that is a district's name or alias: 黔江, 铜梁区), as typed
  // or as a part of a term split at names (铜梁区的充电桩), by their index in facets.districts, in the
  // order the query names them.
  function namedDistricts(found, facets) {
    var index = new Map(), named = [];
    (facets.districtNames || []).forEach(function (names, i) { names.forEach(function (n) { index.set(n, i); }); });
    found.asTyped.concat(found.terms).forEach(function (t) {
      if (index.has(t) && named.indexOf(index.get(t)) < 0) named.push(index.get(t));
    });
    return named;
  }

  // 〔识读〕, 〔识读存疑〕 (index.READ_MARK): a label made from our reading of damaged print.
  var READ_LABEL = /〔识读(存疑)?〕$/;

  // The note on what those marks mean (written by the template below the page, moved above the
  // results on start), shown while a result shown carries one.
  SearchPage.prototype.showReadings = function (recs) {
    if (this.readings) this.readings.hidden = !recs.some(function (rec) { return READ_LABEL.test(rec.t || ""); });
  };

  // Which districts the results come from ("按区县：甲山区 9 · 乙山区 3 …；没有结果：丙山区"), each a
  // link that sets the district filter; with a district chosen, one link back to all districts.
  // One entry per district, so the line is bounded by the districts, not by the results. When the
  // query names a district (黔江 光伏), the other districts' lack of results is no news: of the
  // districts without results only those named are listed, and the line says why. When a role filter
  // (`roles`, the role words' and the 角色 filter's mask) asks for none of the roles a district's
  // documents give (黔江's name every unit 分工负责: facets.undivided), its lack of results is said
  // with the reason (黔江区：原文未分牵头与配合…), not as 没有结果 (reference.undivided_without_results).
  SearchPage.prototype.showByDistrict = function (facets, total, found, roles) {
    var self = this, box = this.byDistrict;
    box.textContent = "";
    if (!total || facets.districts.length < 2) { box.hidden = true; return; }
    function pick(value) {
      return function (ev) {
        ev.preventDefault();
        // the line is written again for the new results: the keyboard comes back to the link that
        // undoes this choice (看全部区县的结果, or the district left, in a line opened as it was)
        self.byDistrictFocus = value ? "" : self.wanted.d;
        self.wanted.d = value;
        self.selects.d.value = value;
        self.tInput = performance.now();
        self.page = 1;
        self.run();
      };
    }
    function link(text, value) {
      var a = el("a", null, text);
      var params = new URLSearchParams(location.search);
      if (value) params.set("d", value); else params.delete("d");
      params.delete("p");
      a.href = "?" + params.toString();
      a.addEventListener("click", pick(value));
      return a;
    }
    var focus = this.byDistrictFocus;
    this.byDistrictFocus = null;
    if (this.wanted.d) {
      box.appendChild(document.createTextNode("只看一个区县的结果。"));
      var back = box.appendChild(link("看全部区县的结果", ""));
      box.hidden = false;
      if (focus === "") back.focus();
      return;
    }
    // per district (filter, SearchFiles.by_district): the results that hold the words, whole or apart, in
    // their own fields are its number, those found by the parts said in it; the results that hold a term
    // only in their document's title or theme are said apart (below), with their districts, which then
    // have results: none of these is 没有结果
    var counts = this.districtCounts, some = [], apart = [], none = [], undivided = [], later = 0, having = 0;
    var named = found ? namedDistricts(found, facets) : [];
    var jointBit = 0;
    facets.roles.forEach(function (p, i) { if (p[0] === "joint") jointBit = 1 << i; });
    var roleless = !!roles && !(roles & jointBit);  // the roles asked for are none an undivided district gives
    facets.districts.forEach(function (pair, i) {
      later += counts.later[i];
      if (counts.own[i] || counts.later[i]) having++;
      if (counts.later[i]) apart.push(pair[1] + " " + counts.later[i] + " 条");
      if (counts.own[i]) some.push([pair, counts.own[i], counts.parts[i]]);
      else if (counts.later[i] || (named.length && named.indexOf(i) < 0)) return;
      else if (roleless && (facets.undivided || []).indexOf(i) >= 0) undivided.push(pair[1]);
      else none.push([pair, 0]);
    });
    total -= later;
    // At 38 districts the full line fills a phone's first screen and hides the results below it:
    // the first BY_DISTRICT_SHOWN districts are named, the rest (and a long 没有结果 list) open on a tap.
    var rest = el("span", "cs-by-district__rest");
    rest.id = "cs-by-district-rest";
    rest.hidden = true;
    // counted by results: a table row that carries out a measure is a result of its own, so these
    // numbers exceed the distinct-measure counts of the department and theme pages
    box.appendChild(document.createTextNode("按区县（" + having + " 个有结果；按结果条数计，附表各行各算一条）："));
    var refocus = null;
    some.forEach(function (entry, i) {
      // 永川区 4 条（其中 1 条词语分开出现）: the district's link, and how many of them hold the words apart
      var item = (i < BY_DISTRICT_SHOWN ? box : rest).appendChild(el("span", "cs-by-district__entry"));
      var a = item.appendChild(link(entry[0][1] + " " + entry[1] + " 条", entry[0][0]));
      if (entry[2]) item.appendChild(el("span", "cs-by-district__parts", "（其中 " + entry[2] + " 条词语分开出现）"));
      if (focus && entry[0][0] === focus) refocus = a;
    });
    // results that belong to no one district (a department or metric page) are said apart, so the
    // counts add up to the total above; so are those only their document's title or theme gives, by district
    var counted = some.reduce(function (sum, entry) { return sum + entry[1]; }, 0);
    var elsewhere = (counted < total ? "另有 " + (total - counted) + " 条不属于某一区县（如部门、指标页）。" : "")
      + (later ? "另有 " + later + " 条只在所属文件标题或主题中含有所搜的词（或其中某个词），未计入以上各区县的条数："
        + apart.slice(0, BY_DISTRICT_SHOWN).join("、") + (apart.length > BY_DISTRICT_SHOWN ? "等 " + apart.length + " 个区县" : "")
        + "（上方区县筛选框中的条数含这些）。" : "");
    var names = none.map(function (entry) { return entry[0][1]; }).join("、");
    if (none.length > BY_DISTRICT_SHOWN) {
      rest.appendChild(document.createTextNode("没有结果：" + names + "。"));
      names = "";
    }
    if (rest.childNodes.length) {
      var parts = [];
      if (some.length > BY_DISTRICT_SHOWN) parts.push("其余 " + (some.length - BY_DISTRICT_SHOWN) + " 个区县");
      if (!names && none.length) parts.push("没有结果的 " + none.length + " 个区县");
      var closed = "展开" + parts.join("及");
      var more = el("button", "cs-by-district__more", closed + " ▾");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      more.setAttribute("aria-controls", rest.id);
      var setOpen = function (open) {
        rest.hidden = !open;
        self.byDistrictOpen = open;  // kept while the results change (a district chosen and left again)
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "收起 ▴" : closed + " ▾";
      };
      more.addEventListener("click", function () {
        setOpen(rest.hidden);
        // the opened districts come before the button: the keyboard goes to the first of them,
        // else Tab would leave the line and they could be reached only backwards
        var first = rest.hidden ? null : rest.querySelector("a");
        if (first) first.focus();
      });
      setOpen(!!this.byDistrictOpen || (refocus !== null && rest.contains(refocus)));
      box.appendChild(rest);
      box.appendChild(more);  // after the rest: 收起 ends the opened list
    }
    if (elsewhere) box.appendChild(document.createTextNode(elsewhere));
    if (names) box.appendChild(document.createTextNode("没有结果：" + names + "。"));
    if (undivided.length) box.appendChild(document.createTextNode(undivided.join("、") + "：" + facets.undividedNote + "。"));
    if (named.length && having + none.length + undivided.length < facets.districts.length) {
      var which = named.map(function (i) { return facets.districts[i][1]; }).join("、");
      box.appendChild(document.createTextNode("搜索词指定了" + which + "，未列出其他没有结果的区县。"));
    }
    box.hidden = false;
    if (refocus) refocus.focus();
  };

  // What the query also looked for, with the one-click switch to the exact-only search and back.
  SearchPage.prototype.showAlso = function (found, facets) {
    var box = this.also;
    box.textContent = "";
    var note = alsoText(found, facets);
    if (this.exact) {
      box.appendChild(document.createTextNode((note ? note + "；" : "") + "只搜索了所输入的文字。"));
    } else if (note) {
      box.appendChild(document.createTextNode(note + "。"));
    } else {
      box.hidden = true;
      return;
    }
    // the box's text as typed (〔〕 and full-width letters kept), not the search form of its terms
    var typed = this.input.value.trim().replace(/\s+/g, " ");
    var text = this.exact ? "同时搜索同义词、部门简称和类型名" : "只搜“" + typed + "”";
    box.appendChild(document.createTextNode(" "));
    box.appendChild(this.switchLink("cs-also__switch", "cs-exact", text, "exact", "exact"));
    box.hidden = false;
  };

  // 「牵头」按责任角色筛选：只列出“发改委”牵头的条目 (or 只列出有牵头单位的条目, when no term names a unit);
  // for a query of role words alone, what to add. Empty when the query holds no role word.
  function roleNote(found, facets) {
    if (!found.roleWords.length) return "";
    var words = found.roleWords.map(function (w) { return "「" + w + "」"; }).join("");
    if (found.roleOnly) {
      var w = found.roleWords[0];
      return words + "按责任角色筛选：请再输入部门或主题，如“发改委 " + w + "”“光伏 " + w + "”";
    }
    var labels = facets.roles.filter(function (p, i) { return found.roles & (1 << i); }).map(function (p) { return p[1]; }).join("或");
    return words + "按责任角色筛选：只列出" + (found.unitTerms.length ? quoted(found.unitTerms) + labels : "有" + labels + "单位") + "的条目";
  }

  function quoted(words) { return words.map(function (w) { return "“" + w + "”"; }).join(""); }

  // The search whose results are shown (Engine.searchWithFallback): the fallback's, unless there is none or `strict`.
  function resultsOf(found, strict) { return found.fallback && !strict ? found.fallback.found : found; }

  // 没有找到含“电车”的条目，下面是只含“充电”的结果（12 条）。: what the results of a fallback are, with
  // what is said of their number (`said`, the empty ones left out); without `said` only 没有找到含“电车”的条目；
  function fallbackNote(fallback, said) {
    var missing = "没有找到含" + fallback.dropped.map(function (t) { return "“" + t + "”"; }).join("或") + "的条目";
    if (!said) return missing + "；";
    return missing + "，下面是只含" + quoted(fallback.found.typed) + "的结果（" + said.filter(Boolean).join("，") + "）。";
  }

  // What no result was found for: 包含“充电桩 光伏” as typed, 同时包含“铜梁区”“充电桩” after a split.
  function containing(found) {
    return found.split.length ? "同时包含" + quoted(found.terms) : "包含“" + found.terms.join(" ") + "”";
  }

  // "“铜梁区充电桩”连在一起没有找到，已拆开搜索“铜梁区”“充电桩”；也找了同时含有“屋顶”“光伏”的条目（排在后面）；
  // 同时搜索了：“充电站”“充电基础设施”；“重点项目”同时作类型：找出全部重点项目" (empty when nothing was split or added).
  // Each kind is said once, by the first word that names it: 重点项目 and its part 项目 both name it, and
  // a user test read the same sentence twice.
  function alsoText(found, facets) {
    var words = [], kinds = [], said = new Set();
    var split = found.split.map(function (s) {
      return s.none ? "“" + s.term + "”连在一起没有找到，已拆开搜索" + quoted(s.parts) : "也找了同时含有" + quoted(s.parts) + "的条目（排在后面）";
    });
    found.plan.forEach(function (t) {
      words = words.concat(t.printed);  // as the registries print them: 充（换）电 (t.shown: normalised, 充(换)电, for marking)
      var fresh = t.kinds.filter(function (k) { return !said.has(k); });
      fresh.forEach(function (k) { said.add(k); });
      if (fresh.length) {
        kinds.push("“" + t.text + "”同时作类型：找出全部" + fresh.map(function (k) { return facets.kinds[k][1]; }).join("、"));
      }
    });
    var parts = [];
    if (words.length) {
      parts.push("同时搜索了：" + Array.from(new Set(words)).map(function (w) { return "“" + w + "”"; }).join(""));
    }
    return split.concat(parts, kinds).join("；");
  }

  // ------------------------------------------------------------------ header dropdown

  function HeaderBox(engine, form) {
    this.e = engine;
    this.form = form;
    this.input = form.querySelector(".cs-header__input");
    this.box = form.querySelector(".cs-dropdown");
    this.seq = 0;
    var self = this, timer = 0;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 120);
    });
    this.input.addEventListener("focus", function () { if (self.box.childNodes.length) self.box.hidden = false; });
    this.input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { var a = self.box.querySelector("a"); if (a && !self.box.hidden) { ev.preventDefault(); a.focus(); } }
      if (ev.key === "Escape") self.close();
    });
    this.box.addEventListener("keydown", function (ev) {
      var links = Array.from(self.box.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? links[i - 1] : self.input).focus(); }
      if (ev.key === "Escape") { self.close(); self.input.focus(); }
    });
    document.addEventListener("click", function (ev) { if (!form.contains(ev.target)) self.close(); });
    this.box.addEventListener("click", function (ev) { if (ev.target.closest("a")) self.close(); });
    window.addEventListener("hashchange", function () { self.close(); });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && ev.key === "/" && getComputedStyle(self.input).display !== "none") { ev.preventDefault(); self.input.focus(); }
    });
  }

  HeaderBox.prototype.close = function () { this.box.hidden = true; };

  HeaderBox.prototype.run = function () {
    var self = this, seq = ++this.seq, q = this.input.value;
    this.e.searchWithFallback(q).then(function (found) {
      if (seq !== self.seq) return null;
      if (found.roleOnly) {
        return self.e.facets().then(function (facets) {
          if (seq !== self.seq) return;
          self.box.textContent = "";
          self.box.appendChild(el("p", "cs-dropdown__note cs-dropdown__roles", roleNote(found, facets) + "。"));
          self.box.hidden = false;
        });
      }
      if (!found.terms.length) { self.box.textContent = ""; self.close(); return null; }
      var top = resultsOf(found, false).hits.slice(0, 7);
      return Promise.all([self.e.records(top.map(function (h) { return h.r; })), self.e.facets()]).then(function (res) {
        if (seq !== self.seq) return;
        self.render(q, found, top, res[0], res[1]);
      });
    }).catch(function () {
      if (seq !== self.seq) return;
      self.box.textContent = "";
      self.box.appendChild(el("p", "cs-dropdown__note", "搜索索引无法加载。"));
      self.box.hidden = false;
    });
  };

  // As the search page shows it (SearchPage.render): the fallback's results, if any, under what they are.
  HeaderBox.prototype.render = function (q, found, top, recs, facets) {
    var e = this.e, box = this.box, results = resultsOf(found, false);
    box.textContent = "";
    if (found.fallback) {
      box.appendChild(el("p", "cs-dropdown__note cs-dropdown__fallback", fallbackNote(found.fallback, [results.hits.length + " 条"])));
    } else if (!found.hits.length) {
      box.appendChild(el("p", "cs-dropdown__note", "没有找到" + containing(found) + "的条目。"));
    }
    if (found.hits.length <= e.m.suggest.few) this.suggest(found);
    else box.setAttribute("data-suggest", "none");
    var also = alsoText(found, facets);
    if (also) box.appendChild(el("p", "cs-dropdown__note cs-dropdown__also", also));
    var roles = roleNote(results, facets);
    if (roles) box.appendChild(el("p", "cs-dropdown__note cs-dropdown__roles", roles + "。"));
    var list = el("ul", "cs-dropdown__list");
    top.forEach(function (hit, i) {
      var rec = recs[i], li = el("li"), a = el("a", "cs-dropdown__item");
      a.href = e.url(rec);
      a.setAttribute("data-id", rec.i);
      var title = el("span", "cs-dropdown__title");
      e.appendMarked(title, rec.t, results.words, false);
      a.appendChild(title);
      var meta = el("span", "cs-dropdown__meta");
      e.appendMarked(meta, metaLine(e, hit, shownRecord(hit, rec, facets), facets, results.roles), results.words, false);
      a.appendChild(meta);
      if (rec.f) {  // a draft whose final version was issued: said, and marked where the final's 文号 or title was typed
        var fin = el("span", "cs-dropdown__meta");
        e.appendMarked(fin, rec.f, results.words, false);
        a.appendChild(fin);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    if (top.length) box.appendChild(list);
    var all = el("a", "cs-dropdown__all", results.hits.length ? "查看全部 " + results.hits.length + " 条结果，按区县、主题筛选 →" : "打开搜索页 →");
    all.href = new URL("search/?q=" + encodeURIComponent(q), e.root).href;
    box.appendChild(all);
    box.hidden = false;
  };

  // 你是不是要找 in the dropdown (Engine.suggest), below its first line once worked out: each suggestion
  // links to the search page, and a tap (or Enter) searches it here.
  HeaderBox.prototype.suggest = function (found) {
    var self = this, seq = this.seq, e = this.e;
    this.box.setAttribute("data-suggest", "pending");
    e.suggest(found, false, false).then(function (offered) {
      if (seq !== self.seq) return;
      self.box.setAttribute("data-suggest", "done");
      if (!offered.length) return;
      var line = el("p", "cs-dropdown__note cs-dropdown__suggest", "你是不是要找：");
      offered.forEach(function (s, i) {
        if (i) line.appendChild(document.createTextNode("、"));
        var a = line.appendChild(el("a", "cs-suggest__link", s.q));
        a.appendChild(el("span", "cs-suggest__count", "（" + s.found.hits.length + " 条）"));
        a.href = new URL("search/?q=" + encodeURIComponent(s.q), e.root).href;
        a.setAttribute("data-q", s.q);
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          ev.stopPropagation();  // the dropdown stays open for the new query's results
          self.input.value = s.q;
          self.input.focus();
          self.run();
        });
      });
      var first = self.box.querySelector(".cs-dropdown__note");
      self.box.insertBefore(line, first ? first.nextSibling : self.box.firstChild);
    }).catch(function () {
      if (seq === self.seq) self.box.setAttribute("data-suggest", "done");
    });
  };

  // ------------------------------------------------------------------ start

  function start() {
    var engine = new Engine(siteRoot());
    window.csSearch = engine; // the one search engine of the page: compare.js splits its keywords with it (partsOf); tests and the benchmark use it too
    var form = document.querySelector("form.cs-header");
    if (form) {
      // The header stays while the theme's instant navigation changes the page: make its
      // addresses absolute, and start the search page whenever it is shown.
      form.action = new URL("search/", engine.root).href;
      var icon = form.querySelector(".cs-header__icon");
      if (icon) icon.href = form.action;
      new HeaderBox(engine, form);
    }
    function startPage() {
      var page = document.getElementById("cs-page");
      if (page && !page.csStarted) { page.csStarted = true; window.csSearchPage = new SearchPage(engine, page); }
    }
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(startPage);
    else startPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
