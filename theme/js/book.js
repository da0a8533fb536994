/* followup handbook: sidebar and theme toggles, and search over searchindex.js. */
(function () {
  "use strict";
  var html = document.documentElement;
  var root = html.getAttribute("data-root") || "";

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  /* Theme toggle: the choice is remembered; without one, the system decides. */
  var themeButton = document.getElementById("theme-toggle");
  function showTheme() {
    if (!themeButton) return;
    var dark = html.classList.contains("dark");
    themeButton.setAttribute("aria-label", dark ? "Switch to the light theme" : "Switch to the dark theme");
    themeButton.setAttribute("title", dark ? "Light theme" : "Dark theme");
  }
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var next = html.classList.contains("dark") ? "light" : "dark";
      html.classList.remove("light", "dark");
      html.classList.add(next);
      store("followup-theme", next);
      showTheme();
    });
    showTheme();
  }
  if (window.matchMedia) {
    var scheme = window.matchMedia("(prefers-color-scheme: dark)");
    var follow = function () {
      var t = stored("followup-theme");
      if (t === "light" || t === "dark") return;
      html.classList.remove("light", "dark");
      html.classList.add(html.getAttribute(scheme.matches ? "data-dark" : "data-light"));
      showTheme();
    };
    if (scheme.addEventListener) scheme.addEventListener("change", follow);
  }

  /* Sidebar: hidden or shown on wide screens (remembered), sliding in on narrow ones. */
  var toggle = document.getElementById("sidebar-toggle");
  var sidebar = document.getElementById("sidebar");
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 60rem)") : { matches: false };
  function sidebarVisible() {
    return narrow.matches ? html.classList.contains("sidebar-open") : !html.classList.contains("sidebar-hidden");
  }
  function showSidebarState() {
    if (!toggle) return;
    var visible = sidebarVisible();
    toggle.setAttribute("aria-expanded", visible ? "true" : "false");
    toggle.setAttribute("aria-label", visible ? "Hide the table of contents" : "Show the table of contents");
  }
  if (stored("followup-sidebar") === "hidden") html.classList.add("sidebar-hidden");
  if (toggle && sidebar) {
    toggle.addEventListener("click", function () {
      if (narrow.matches) {
        html.classList.toggle("sidebar-open");
        if (html.classList.contains("sidebar-open")) {
          var first = sidebar.querySelector("a.active") || sidebar.querySelector("a");
          if (first) first.focus();
        }
      } else {
        html.classList.toggle("sidebar-hidden");
        store("followup-sidebar", html.classList.contains("sidebar-hidden") ? "hidden" : "shown");
      }
      showSidebarState();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && narrow.matches && html.classList.contains("sidebar-open")) {
        html.classList.remove("sidebar-open");
        showSidebarState();
        toggle.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (narrow.matches && html.classList.contains("sidebar-open") &&
          !sidebar.contains(e.target) && !toggle.contains(e.target)) {
        html.classList.remove("sidebar-open");
        showSidebarState();
      }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", showSidebarState);
    showSidebarState();
  }

  /* ← and → go to the previous and next page, as in mdBook (swapped in a
     right-to-left book), but not while typing, with a modifier held, or in
     something the arrows scroll (a wide code block or table). */
  function scrollsSideways(el) {
    for (; el && el !== document.body && el !== html; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1) {
        var overflow = getComputedStyle(el).overflowX;
        if (overflow === "auto" || overflow === "scroll") return true;
      }
    }
    return false;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var target = e.target;
    var tag = (target && target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (target && target.closest && target.closest("#search-panel, [role=slider], [role=tablist]")) return;
    if (scrollsSideways(target)) return;
    var forward = (e.key === "ArrowRight") !== (html.getAttribute("dir") === "rtl");
    var link = document.querySelector(forward ? ".pager a[rel=next]" : ".pager a[rel=prev]");
    if (!link) return;
    e.preventDefault();
    window.location.href = link.href;
  });

  /* Search */
  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-panel");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !panel || !list || !status) return;

  var index = null;
  var waiting = [];
  var loading = false;

  function prepare() {
    var raw = window.followupSearchIndex;
    var pages = raw.p;
    index = raw.s.map(function (s) {
      return {
        page: s[0],
        anchor: s[1],
        heading: s[2],
        text: s[3],
        lower: s[3].toLowerCase(),
        headingLower: s[2].toLowerCase(),
        titleLower: pages[s[0]][0].toLowerCase()
      };
    });
    index.pages = pages;
  }

  function withIndex(done) {
    if (index) { done(); return; }
    if (window.followupSearchIndex) { prepare(); done(); return; }
    waiting.push(done);
    if (loading) return;
    loading = true;
    status.textContent = "Loading the search index…";
    var script = document.createElement("script");
    script.src = root + "searchindex.js";
    script.onload = function () {
      prepare();
      var todo = waiting; waiting = [];
      todo.forEach(function (f) { f(); });
    };
    script.onerror = function () {
      status.textContent = "The search index could not be loaded.";
      loading = false;
    };
    document.head.appendChild(script);
  }

  function terms(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  function isWordStart(text, at) {
    if (at === 0) return true;
    return !/[\p{L}\p{N}]/u.test(text.charAt(at - 1));
  }

  /* Occurrences of `term` at the start of a word, up to `limit`; first position in `first`. */
  function count(text, term, limit) {
    var n = 0, at = text.indexOf(term), first = -1;
    while (at !== -1 && n < limit) {
      if (isWordStart(text, at)) {
        if (first === -1) first = at;
        n++;
      }
      at = text.indexOf(term, at + term.length);
    }
    return { n: n, first: first };
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function highlight(text, words) {
    var lower = text.toLowerCase();
    var marks = [];
    words.forEach(function (w) {
      var at = lower.indexOf(w);
      while (at !== -1) {
        if (isWordStart(lower, at)) marks.push([at, at + w.length]);
        at = lower.indexOf(w, at + w.length);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  function excerpt(text, at) {
    var start = Math.max(0, at - 70);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space !== -1 && space < at) start = space + 1;
    }
    var end = Math.min(text.length, start + 220);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start) end = cut;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function search(query) {
    var words = terms(query);
    if (words.length === 0) return [];
    var results = [];
    for (var i = 0; i < index.length; i++) {
      var s = index[i];
      var score = 0, first = -1, all = true;
      for (var j = 0; j < words.length; j++) {
        var w = words[j];
        var inTitle = count(s.titleLower, w, 1).n;
        var inHeading = count(s.headingLower, w, 1).n;
        var body = count(s.lower, w, 20);
        if (!inTitle && !inHeading && !body.n) { all = false; break; }
        score += inTitle * (s.anchor === "" ? 30 : 8) + inHeading * 15 + body.n;
        if (first === -1 || (body.first !== -1 && body.first < first)) first = body.first;
      }
      if (all) results.push({ s: s, score: score, first: first, order: i });
    }
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results.slice(0, 30).map(function (r) { r.words = words; return r; });
  }

  function render(query) {
    var results = search(query);
    list.innerHTML = "";
    results.forEach(function (r) {
      var page = index.pages[r.s.page];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + page[1] + (r.s.anchor ? "#" + r.s.anchor : "");
      var title = "<span class=\"result-title\">" + highlight(page[0], r.words) + "</span>";
      if (r.s.heading && r.s.heading !== page[0]) {
        title += "<span class=\"result-heading\"> › " + highlight(r.s.heading, r.words) + "</span>";
      }
      a.innerHTML = title;
      li.appendChild(a);
      if (r.s.text) {
        var p = document.createElement("p");
        p.innerHTML = highlight(excerpt(r.s.text, Math.max(0, r.first)), r.words);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var shown = "“" + query.trim() + "”";
    status.textContent = results.length === 0 ? "No results for " + shown
      : results.length === 1 ? "1 result for " + shown
      : results.length + " results for " + shown;
  }

  var timer = null;
  function update() {
    var query = input.value;
    if (!query.trim()) {
      panel.hidden = true;
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    panel.hidden = false;
    withIndex(function () { render(input.value); });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 80);
  });
  input.addEventListener("focus", function () {
    withIndex(function () {});
    if (input.value.trim()) panel.hidden = false;
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      withIndex(function () {
        render(input.value);
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      });
    } else if (e.key === "ArrowDown") {
      var link = list.querySelector("a");
      if (link) { e.preventDefault(); link.focus(); }
    } else if (e.key === "Escape") {
      panel.hidden = true;
    }
  });
  list.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < links.length - 1) { e.preventDefault(); links[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
    if (e.key === "Escape") { panel.hidden = true; input.focus(); }
  });
  document.addEventListener("click", function (e) {
    if (!panel.hidden && !panel.contains(e.target) && e.target !== input) panel.hidden = true;
  });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if ((e.key === "/" || e.key === "s") && !e.ctrlKey && !e.metaKey && !e.altKey &&
        tag !== "INPUT" && tag !== "TEXTAREA" && !e.target.isContentEditable) {
      e.preventDefault();
      input.focus();
    }
  });
})();
