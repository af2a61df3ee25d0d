/* byline search: the client of the index `byline build` writes under
   /search/ (see src/search/). No framework, no network but this site.

   A query word becomes a term by the rules of src/search/tokenize.rs
   (NFKC, lower case, the longest Korean particle or ending stripped from
   the list in meta.json, a few English suffixes), then only the shard of
   its first two characters is fetched. Results are articles holding every
   term (and every filter), those with more terms in the title first, then
   newest first; only the shown page's articles are fetched. Text from the
   index is put into the page with textContent only. */
(function () {
  "use strict";

  var form = document.querySelector(".search-form");
  var base = form ? form.getAttribute("data-index") : null;
  var cache = {};

  function fetchJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  function isSyllable(c) {
    return c >= "\uAC00" && c <= "\uD7A3";
  }

  function stripEnding(word, meta) {
    var len = Array.from(word).length;
    var best = word;
    meta.endings.forEach(function (ending) {
      if (word.length > ending.length && word.slice(-ending.length) === ending) {
        var stem = word.slice(0, -ending.length);
        var min = ending.length >= 2 ? 1 : meta.min_stem;
        if (len - ending.length >= min && stem.length < best.length) best = stem;
      }
    });
    return best;
  }

  function englishStem(word) {
    if (word.length <= 3) return word;
    var w = word;
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/ies$/.test(w)) w = w.slice(0, -3);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    var suffixes = ["ing", "ed"];
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (w.slice(-s.length) === s) {
        var rest = w.slice(0, -s.length);
        if (rest.length >= 3 && /[aeiouy]/.test(rest)) {
          w = rest;
          break;
        }
      }
    }
    var n = w.length;
    if (n > 3 && w[n - 1] === w[n - 2] && "lsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
    if (w.length > 3 && /[ey]$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  function stem(word, meta) {
    var w = word.normalize("NFKC").toLowerCase();
    var last = w.slice(-1);
    if (isSyllable(last)) return stripEnding(w, meta);
    if (/^[a-z]+$/.test(w)) return englishStem(w);
    return w;
  }

  function terms(text, meta) {
    var out = [];
    (text.match(WORD) || []).forEach(function (w) {
      var t = stem(w, meta);
      if (out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function shardOf(term, shards) {
    var key = term.charAt(0) === ":" ? term : Array.from(term).slice(0, 2).join("");
    return fnv1a(key) % shards;
  }

  /* Article number -> whether the term is in its title. A query term of
     two characters or more also matches the longer terms it begins. */
  function postings(term, meta) {
    return fetchJson("t/" + shardOf(term, meta.shards) + ".json").then(function (shard) {
      var found = new Map();
      var prefix = term.charAt(0) !== ":" && Array.from(term).length >= 2;
      Object.keys(shard).forEach(function (key) {
        if (key === term || (prefix && key.lastIndexOf(term, 0) === 0)) {
          var id = 0;
          shard[key].forEach(function (p) {
            id += p >>> 1;
            found.set(id, (found.get(id) || 0) | (p & 1));
          });
        }
      });
      return found;
    });
  }

  function dayRange(from, to) {
    if (!from && !to) return Promise.resolve(null);
    return fetchJson("dates.json").then(function (days) {
      var lo = 0, hi = 0, n = 0;
      days.forEach(function (d) {
        if (from && d[0] < from) lo = n + d[1];
        if (!to || d[0] <= to) hi = n + d[1];
        n += d[1];
      });
      return [lo, hi];
    });
  }

  /* Every matching article number, best first. */
  function search(params) {
    return fetchJson("meta.json").then(function (meta) {
      if (meta.version !== 1) throw new Error("unknown index version " + meta.version);
      var wanted = terms(params.q || "", meta);
      var filters = [["section", "s", meta.sections], ["reporter", "r", meta.reporters], ["tag", "t", meta.tags]];
      var missing = false;
      filters.forEach(function (f) {
        var name = (params[f[0]] || "").trim();
        if (!name) return;
        var i = f[2].indexOf(name);
        if (i < 0) missing = true;
        else wanted.push(":" + f[1] + i);
      });
      var dated = params.from || params.to;
      if (missing || (!wanted.length && !dated)) return { meta: meta, ids: [] };
      var lists = wanted.map(function (t) { return postings(t, meta); });
      return Promise.all([Promise.all(lists), dayRange(params.from, params.to)]).then(function (r) {
        var all = r[0], range = r[1];
        var scores = new Map();
        if (all.length) {
          all.sort(function (a, b) { return a.size - b.size; });
          all[0].forEach(function (title, id) { scores.set(id, title); });
          for (var i = 1; i < all.length; i++) {
            scores.forEach(function (score, id) {
              if (all[i].has(id)) scores.set(id, score + all[i].get(id));
              else scores.delete(id);
            });
          }
        } else {
          for (var id = range[0]; id < range[1]; id++) scores.set(id, 0);
        }
        var ids = [];
        scores.forEach(function (score, id) {
          if (!range || (id >= range[0] && id < range[1])) ids.push([id, score]);
        });
        ids.sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
        return { meta: meta, ids: ids.map(function (x) { return x[0]; }), terms: wanted };
      });
    });
  }

  /* The shown fields of these article numbers (see src/search/mod.rs). */
  function docs(ids, meta) {
    return Promise.all(ids.map(function (id) {
      return fetchJson("d/" + Math.floor(id / meta.chunk) + ".json").then(function (chunk) {
        var d = chunk[id % meta.chunk];
        return {
          title: d[0], url: d[1], section: meta.sections[d[2]],
          reporters: d[3].map(function (r) { return meta.reporters[r]; }),
          date: d[4], shownDate: d[5], excerpt: d[6]
        };
      });
    }));
  }

  window.bylineSearch = { search: search, docs: docs, terms: terms };
  if (!form) return;

  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pages = document.getElementById("search-pages");
  var fields = ["q", "section", "reporter", "tag", "from", "to"];
  var label = function (name) { return form.getAttribute("data-label-" + name) || ""; };

  /* Text with the words whose term begins with a query term in <mark>. */
  function highlighted(text, wanted, meta) {
    var frag = document.createDocumentFragment();
    var at = 0;
    text.replace(WORD, function (word, offset) {
      var t = stem(word, meta);
      var hit = wanted.some(function (q) { return q.charAt(0) !== ":" && t.lastIndexOf(q, 0) === 0; });
      if (hit) {
        frag.appendChild(document.createTextNode(text.slice(at, offset)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        frag.appendChild(mark);
        at = offset + word.length;
      }
      return word;
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  function element(tag, className, child) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (typeof child === "string") e.textContent = child;
    else if (child) e.appendChild(child);
    return e;
  }

  function result(d, wanted, meta) {
    var li = element("li", "search-result");
    var link = element("a", null, highlighted(d.title, wanted, meta));
    link.href = d.url;
    li.appendChild(element("h2", null, link));
    var info = element("p", "search-meta");
    info.appendChild(document.createTextNode([d.section].concat(d.reporters).join(" · ") + " · "));
    var time = element("time", null, d.shownDate);
    time.setAttribute("datetime", d.date);
    info.appendChild(time);
    li.appendChild(info);
    if (d.excerpt) li.appendChild(element("p", "search-excerpt", highlighted(d.excerpt, wanted, meta)));
    return li;
  }

  function pageLink(params, number, text, current) {
    var p = new URLSearchParams();
    fields.forEach(function (f) { if (params[f]) p.set(f, params[f]); });
    if (number > 1) p.set("page", String(number));
    var a = element("a", null, text);
    a.href = "?" + p.toString();
    if (current) a.setAttribute("aria-current", "page");
    a.addEventListener("click", function (e) {
      e.preventDefault();
      history.pushState(null, "", a.href);
      run(true);
    });
    return a;
  }

  function paging(params, page, count) {
    pages.textContent = "";
    pages.hidden = count < 2;
    if (count < 2) return;
    if (page > 1) pages.appendChild(pageLink(params, page - 1, label("previous")));
    var first = Math.max(1, page - 4), last = Math.min(count, first + 9);
    for (var n = first; n <= last; n++) pages.appendChild(pageLink(params, n, String(n), n === page));
    if (page < count) pages.appendChild(pageLink(params, page + 1, label("next")));
  }

  function run(moved) {
    var url = new URLSearchParams(location.search);
    var params = {};
    fields.forEach(function (f) {
      params[f] = url.get(f) || "";
      var input = form.elements[f];
      if (input) input.value = params[f];
    });
    var page = Math.max(1, parseInt(url.get("page") || "1", 10) || 1);
    list.textContent = "";
    pages.hidden = true;
    if (!fields.some(function (f) { return params[f]; })) {
      status.textContent = "";
      return;
    }
    var started = performance.now();
    form.setAttribute("data-state", "busy");
    status.textContent = label("loading");
    search(params).then(function (found) {
      var per = parseInt(form.getAttribute("data-per-page"), 10) || 10;
      var count = Math.ceil(found.ids.length / per);
      page = Math.min(page, Math.max(count, 1));
      var shown = found.ids.slice((page - 1) * per, page * per);
      return docs(shown, found.meta).then(function (ds) {
        ds.forEach(function (d) { list.appendChild(result(d, found.terms || [], found.meta)); });
        status.textContent = found.ids.length
          ? label("results").replace("{n}", found.ids.length.toLocaleString())
          : label("none");
        paging(params, page, count);
        form.setAttribute("data-total", String(found.ids.length));
        form.setAttribute("data-ms", (performance.now() - started).toFixed(1));
        form.setAttribute("data-state", "done");
        if (moved) status.focus();
      });
    }).catch(function (e) {
      status.textContent = label("failed");
      form.setAttribute("data-state", "failed");
      if (window.console) console.error(e);
    });
  }

  status.setAttribute("tabindex", "-1");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var p = new URLSearchParams();
    fields.forEach(function (f) {
      var v = (form.elements[f].value || "").trim();
      if (v) p.set(f, v);
    });
    history.pushState(null, "", "?" + p.toString());
    run(false);
  });
  window.addEventListener("popstate", function () { run(false); });
  run(false);
})();
