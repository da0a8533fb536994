// The "Check your draft" page: runs followup's engine (a WebAssembly module
// that followup-check.js carries as base64, so that file:// works too) on
// the text area's contents and shows what `followup lint` would say. Nothing
// is sent anywhere: the module has no imports, so it cannot reach a network.
(function () {
  "use strict";

  var textArea = document.getElementById("check-text");
  var kindSelect = document.getElementById("check-kind");
  var highlights = document.getElementById("check-highlights");
  var statusLine = document.getElementById("check-status");
  var kindInfo = document.getElementById("check-kind-info");
  var results = document.getElementById("check-results");
  var datesLine = document.getElementById("check-dates");
  var spellingLine = document.getElementById("check-spelling");
  var root = document.documentElement.getAttribute("data-root") || "";
  if (!textArea || !results) return;

  var EXAMPLE = "Hey Dana!!\n\nThanks so much for meeting with me yesterday about the program coordinator role. " +
    "I really enjoyed hearing how your team plans the spring volunteer drive.\n\n" +
    "Let me know ASAP if you need anything else from me.\n";

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var engine = null;
  var runs = 0;
  var shown = { text: null, report: null };
  var pending = false;
  var spelling = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // This computer's local date and time, as `--today` takes it.
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function load() {
    var encoded = window.FOLLOWUP_CHECK_MODULE;
    if (typeof encoded !== "string") {
      return Promise.reject(new Error("followup-check.js did not load"));
    }
    performance.mark("followup-check-script");
    var bytes = decode(encoded);
    performance.mark("followup-check-decoded");
    return WebAssembly.instantiate(bytes, {}).then(function (r) {
      performance.mark("followup-check-compiled");
      return r.instance.exports;
    });
  }

  function decode(encoded) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(encoded);
    var binary = atob(encoded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // The spelling dictionary, loaded once the page has opened (a script, as
  // the module is, so that file:// works), then handed to the engine, which
  // checks spelling from then on. Resolves to true when it was installed.
  function loadDictionary(ex) {
    var src = spellingLine && spellingLine.getAttribute("data-src");
    if (!src || typeof ex.load_dictionary !== "function") return Promise.resolve(false);
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        var encoded = window.FOLLOWUP_DICTIONARY;
        if (typeof encoded !== "string") return resolve(false);
        var bytes = decode(encoded);
        var p = ex.alloc(bytes.length);
        new Uint8Array(ex.memory.buffer, p, bytes.length).set(bytes);
        var ok = ex.load_dictionary(p, bytes.length) === 1;
        ex.dealloc(p, bytes.length);
        delete window.FOLLOWUP_DICTIONARY;
        resolve(ok);
      };
      script.onerror = function () { resolve(false); };
      document.body.appendChild(script);
    });
  }

  function put(ex, s) {
    var b = encoder.encode(s);
    var p = ex.alloc(b.length);
    new Uint8Array(ex.memory.buffer, p, b.length).set(b);
    return [p, b.length];
  }

  // The engine's JSON report for `draft`, as `followup lint --format json`
  // prints it, with `kind` ("" decides from the text) and `when` as today.
  function lint(draft, kind, when) {
    var ex = engine;
    var a = put(ex, draft), k = put(ex, kind || ""), t = put(ex, when || today());
    var out = ex.lint(a[0], a[1], k[0], k[1], t[0], t[1]);
    var json = decoder.decode(new Uint8Array(ex.memory.buffer, out, ex.output_len()));
    ex.dealloc(a[0], a[1]);
    ex.dealloc(k[0], k[1]);
    ex.dealloc(t[0], t[1]);
    return JSON.parse(json);
  }

  // Byte offset in the UTF-8 text → index in the JavaScript string.
  function offsets(s) {
    var map = [];
    var u = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var n = 1, w = 1;
      var next = s.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { n = 4; w = 2; }
      else if (c >= 0x800) n = 3;
      else if (c >= 0x80) n = 2;
      for (var k = 0; k < n; k++) map.push(u);
      u += w;
      i += w - 1;
    }
    map.push(u);
    return function (b) { return map[Math.max(0, Math.min(b, map.length - 1))]; };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var LEVELS = { suggestion: 1, warning: 2, error: 3 };

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // A fix the page may apply with one click: every fix the report carries
  // is one `followup lint --fix` applies, unless the report marks it otherwise.
  function isSafe(fix) {
    if (fix.safe === false) return false;
    return !fix.applicability || fix.applicability === "safe" || fix.applicability === "machine-applicable";
  }

  function grow() {
    textArea.style.height = "auto";
    textArea.style.height = textArea.scrollHeight + 2 + "px";
  }

  function paintHighlights(text, diagnostics, at) {
    var cuts = [0, text.length];
    var spans = diagnostics.map(function (d, i) {
      var s = at(d.byte_start), e = at(d.byte_end);
      if (e > s) { cuts.push(s, e); }
      return { s: s, e: e, level: d.level, i: i };
    }).filter(function (x) { return x.e > x.s; });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var c = 0; c + 1 < cuts.length; c++) {
      var from = cuts[c], to = cuts[c + 1];
      var piece = text.slice(from, to);
      var over = spans.filter(function (x) { return x.s <= from && x.e >= to; });
      if (!over.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var top = over.reduce(function (a, b) { return LEVELS[b.level] > LEVELS[a.level] ? b : a; });
      var mark = el("mark", "is-" + top.level, piece);
      mark.setAttribute("data-index", over.map(function (x) { return x.i; }).join(" "));
      frag.appendChild(mark);
    }
    // A final line break needs a character after it to take up its line.
    frag.appendChild(document.createTextNode("\n "));
    highlights.textContent = "";
    highlights.appendChild(frag);
  }

  function locate(s, e) {
    textArea.focus();
    textArea.setSelectionRange(s, e);
  }

  function applyFix(fix, at) {
    if (textArea.value !== shown.text) return;
    var edits = fix.edits.map(function (x) {
      return { s: at(x.byte_start), e: at(x.byte_end), r: x.replacement };
    }).sort(function (a, b) { return b.s - a.s; });
    var caret = 0;
    edits.forEach(function (x, i) {
      textArea.setRangeText(x.r, x.s, x.e, "end");
      if (i === edits.length - 1) caret = x.s + x.r.length;
    });
    check();
    textArea.focus();
    textArea.setSelectionRange(caret, caret);
    statusLine.textContent = "Applied: " + fix.title + ". " + statusLine.textContent;
  }

  function kindText(file) {
    var source = file.kind_source === "front-matter"
      ? (kindSelect.value ? "as you chose above" : "from the front matter")
      : "decided from the text";
    var s = "Kind: " + file.kind + " (" + source;
    if (typeof file.kind_confidence === "number") {
      s += ", " + Math.round(file.kind_confidence * 100) + "% sure";
    }
    s += ").";
    var others = (file.kind_open || []).filter(function (k) { return k !== file.kind; });
    if (others.length) {
      s += " It could also be " + others.join(" or ") + ": only what holds for each is reported. Choose the kind if you know it.";
    } else if (file.kind_source !== "front-matter") {
      s += " If that is wrong, choose the kind above.";
    }
    return s;
  }

  function render(text, report) {
    var file = report.files && report.files[0];
    results.textContent = "";
    var at = offsets(text);
    if (report.error || !file || file.error) {
      var why = report.error || (file && file.error && file.error.message) || "unknown error";
      kindInfo.hidden = true;
      paintHighlights(text, [], at);
      statusLine.textContent = text.trim() === "" ? "Type or paste a draft to check it." : "This draft cannot be checked: " + why + ".";
      return;
    }
    var ds = file.diagnostics || [];
    var counts = { error: 0, warning: 0, suggestion: 0 };
    ds.forEach(function (d) { counts[d.level] = (counts[d.level] || 0) + 1; });
    (file.omitted || []).forEach(function (o) { counts[o.level] = (counts[o.level] || 0) + o.count; });
    var total = counts.error + counts.warning + counts.suggestion;
    statusLine.textContent = total === 0
      ? "followup finds nothing to change."
      : plural(total, "problem") + ": " + plural(counts.error, "error") + ", " +
        plural(counts.warning, "warning") + ", " + plural(counts.suggestion, "suggestion") + ".";
    kindInfo.hidden = false;
    kindInfo.textContent = kindText(file);
    if (file.decoded === "mime") {
      kindInfo.textContent += " The text was read as an e-mail message; positions refer to its decoded text.";
    }
    paintHighlights(file.decoded === "mime" ? "" : text, file.decoded === "mime" ? [] : ds, at);
    ds.forEach(function (d) {
      var li = el("li", "check-item is-" + d.level);
      li.setAttribute("data-rule", d.rule);
      li.setAttribute("data-byte-start", d.byte_start);
      li.setAttribute("data-byte-end", d.byte_end);
      var head = el("p", "check-item-head");
      head.appendChild(el("span", "badge level-" + d.level, d.level));
      var link = el("a", "check-rule");
      link.href = root + "rules/" + encodeURIComponent(d.rule) + ".html";
      link.appendChild(el("code", "", d.rule));
      link.setAttribute("aria-label", "Why: the " + d.rule + " rule");
      head.appendChild(link);
      var s = at(d.byte_start), e = at(d.byte_end);
      var where = el("button", "check-locate", "line " + d.line + ", column " + d.column);
      where.type = "button";
      where.setAttribute("aria-label", "Select it in the draft: line " + d.line + ", column " + d.column);
      where.addEventListener("click", function () { locate(s, e); });
      head.appendChild(where);
      li.appendChild(head);
      li.appendChild(el("p", "check-message", d.message));
      if (e > s && file.decoded !== "mime") {
        var quoted = text.slice(s, e);
        li.appendChild(el("p", "check-quote", "“" + (quoted.length > 120 ? quoted.slice(0, 117) + "…" : quoted) + "”"));
      }
      li.appendChild(el("p", "check-help", d.help));
      if (d.fix && d.fix.edits && d.fix.edits.length && file.decoded !== "mime") {
        var safe = isSafe(d.fix);
        var row = el("p", "check-fix");
        var button = el("button", "check-button check-apply", safe ? "Apply: " + d.fix.title : "Use this suggestion: " + d.fix.title);
        button.type = "button";
        button.addEventListener("click", function () { applyFix(d.fix, at); });
        row.appendChild(button);
        var first = d.fix.edits[0];
        var before = text.slice(at(first.byte_start), at(first.byte_end));
        row.appendChild(el("span", "check-fix-what", before
          ? "“" + before + "” becomes “" + first.replacement + "”"
          : "adds “" + first.replacement + "”"));
        li.appendChild(row);
      }
      results.appendChild(li);
    });
    (file.omitted || []).forEach(function (o) {
      var li = el("li", "check-item is-" + o.level, "… and " + plural(o.count, "more problem") + " from " + o.rule + ".");
      results.appendChild(li);
    });
  }

  function check() {
    pending = false;
    if (!engine) return;
    var text = textArea.value;
    grow();
    var when = today();
    var report = text.trim() === "" ? { files: [] , error: "" } : lint(text, kindSelect.value, when);
    shown = { text: text, report: report, today: when, kind: kindSelect.value };
    render(text, report);
    datesLine.textContent = "Dates in the note are judged as of " + when.replace("T", " ") + ", this computer's clock.";
    runs++;
    results.setAttribute("data-runs", String(runs));
  }

  function schedule() {
    grow();
    if (pending) return;
    pending = true;
    setTimeout(check, 0);
  }

  textArea.addEventListener("input", schedule);
  kindSelect.addEventListener("change", check);
  var example = document.getElementById("check-example");
  if (example) example.addEventListener("click", function () {
    textArea.value = EXAMPLE;
    check();
    textArea.focus();
  });
  var clear = document.getElementById("check-clear");
  if (clear) clear.addEventListener("click", function () {
    textArea.value = "";
    check();
    textArea.focus();
  });
  window.addEventListener("resize", grow);

  var ready = load().then(function (ex) {
    engine = ex;
    // The first run loads the rules and compiles their patterns: do it now,
    // on the example if the text area is empty, so that typing is answered at once.
    if (textArea.value.trim() === "") lint(EXAMPLE, "", today());
    performance.mark("followup-check-warm");
    check();
    var firstCheck = performance.now();
    document.documentElement.setAttribute("data-check-ready", String(Math.round(firstCheck)));
    if (textArea.value.trim() === "") statusLine.textContent = "Ready. Type or paste a draft to check it.";
    spelling = loadDictionary(ex).then(function (ok) {
      if (spellingLine) {
        spellingLine.textContent = ok
          ? "Spelling is checked too, against the dictionary followup carries (American and British)."
          : "Spelling is not checked here: the dictionary did not load. followup lint checks it.";
      }
      document.documentElement.setAttribute("data-dictionary", ok ? "loaded" : "failed");
      if (ok && shown.text !== null) check();
      return ok;
    });
    return firstCheck;
  }).catch(function (err) {
    statusLine.textContent = "The checker could not start in this browser (" + err.message + "). Install followup and run followup lint instead.";
    document.documentElement.setAttribute("data-check-ready", "failed");
    throw err;
  });

  // For tests and the curious: the engine itself, and what is shown.
  window.followupCheck = {
    ready: ready,
    // Resolves (after `ready`) to whether the dictionary was installed.
    spelling: function () { return ready.then(function () { return spelling; }); },
    lint: function (draft, kind, when) { return lint(draft, kind, when); },
    shown: function () { return shown; },
    today: today
  };
})();
