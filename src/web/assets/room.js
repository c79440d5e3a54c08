// atelier · la salle : live fragment, forms that never lose a word, the timer.
// No framework, nothing fetched from elsewhere (the page's CSP forbids it).
"use strict";
(function () {
  var body = document.body;
  var base = body.dataset.base;
  var live = document.getElementById("live");
  var net = document.getElementById("net");
  var outboxKey = "atelier:outbox:" + base;
  var received = Date.now();
  var revoked = false;
  var sending = false;

  function say(text, cls) {
    net.textContent = text || "";
    net.className = "net " + (cls || "");
  }
  function load(key, fallback) {
    try { var v = localStorage.getItem(key); return v ? JSON.parse(v) : fallback; }
    catch (e) { return fallback; }
  }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode: the outbox lives in memory only */ }
  }
  // The outbox lives in localStorage, read again before each change: two tabs of one link
  // never erase each other's unsent forms (a form sent twice is stored once, by its id).
  var memory = load(outboxKey, []);
  function outbox() { memory = load(outboxKey, memory); return memory; }
  function saveOutbox() { store(outboxKey, memory.length ? memory : null); }

  // The timer counts down between two pushes from the server.
  function tick() {
    var now = Date.now();
    document.querySelectorAll(".timer[data-running='1']").forEach(function (t) {
      var left = parseInt(t.dataset.left, 10) - Math.floor((now - received) / 1000);
      var over = left < 0;
      var s = Math.abs(left);
      var m = Math.floor(s / 60);
      t.textContent = (over ? "+" : "") + (m < 10 ? "0" : "") + m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
      t.classList.toggle("over", over);
    });
  }
  setInterval(tick, 1000);

  // The vote's first page offers to go back to the name this browser took.
  function resume() {
    var el = live.querySelector(".resume");
    var mine = load("atelier:vote:" + base, null);
    if (el && mine && mine.path) {
      var a = document.createElement("a");
      a.href = mine.path;
      a.textContent = "→ " + mine.name;
      el.textContent = "";
      el.appendChild(a);
    }
  }
  resume();

  // A hidden page (another tab, a phone's screen off) gives its connection back: a browser
  // holds six to one host, and a seventh page of the room would wait for one.
  var es = null;
  function connect() {
    if (es || revoked) return;
    es = new EventSource(live.dataset.events);
    es.addEventListener("live", function (e) {
      live.innerHTML = e.data;
      received = Date.now();
      tick();
      resume();
    });
    es.addEventListener("revoked", function () {
      revoked = true;
      es.close();
      say(body.dataset.revoked, "bad");
    });
    es.onopen = function () {
      if (!outbox().length) say("");
      flush();
    };
    es.onerror = function () {
      if (!revoked) say(body.dataset.offline, "bad");
    };
  }
  connect();
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (es) { es.close(); es = null; }
    } else {
      connect();
      flush();
    }
  });

  function fields(form) {
    var out = {};
    new FormData(form).forEach(function (v, k) { out[k] = v; });
    return out;
  }
  function fill(form, values) {
    Object.keys(values).forEach(function (k) {
      var el = form.elements.namedItem(k);
      if (el && k !== "rid") el.value = values[k];
    });
  }
  function draftKey(form) { return "atelier:draft:" + base + ":" + form.id; }
  function clearErrors(form) {
    form.querySelectorAll(".field-error, .form-error").forEach(function (p) { p.textContent = ""; });
  }
  function showError(form, field, message) {
    var p = form && (form.querySelector(".field-error[data-for='" + field + "']") || form.querySelector(".form-error"));
    if (p) p.textContent = message;
    else say(message, "bad");
  }
  function resetLineForm(form) {
    if (form.id !== "line-form") return;
    form.elements.namedItem("line").value = "";
    ["solution", "action", "owners", "due", "status"].forEach(function (n) {
      form.elements.namedItem("seen_" + n).value = "";
    });
    var h = form.querySelector("h2");
    h.textContent = h.dataset.new;
  }

  // Sent one after the other, kept (in this browser) until the server says it is stored:
  // a dropped connection or a reload loses nothing.
  function flush() {
    // A hidden page waits to be seen again (a phone's screen off, another tab).
    if (sending || revoked || document.hidden) return;
    var item = outbox()[0];
    if (!item) return;
    sending = true;
    say(body.dataset.unsent, "wait");
    fetch(item.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Room": "1" },
      body: new URLSearchParams(item.values).toString(),
      credentials: "same-origin"
    }).then(function (r) {
      return r.text().then(function (text) { return { r: r, text: text }; });
    }).then(function (res) {
      sending = false;
      var r = res.r;
      if (r.status === 429 || r.status >= 500) {
        setTimeout(flush, 1500);
        return;
      }
      var form = item.form ? document.getElementById(item.form) : null;
      if (r.status === 404) {
        // A revoked link (or a room started again, with new links): the text stays in the
        // outbox and goes back into its form, for the new link.
        revoked = true;
        if (form && item.form) {
          fill(form, item.values);
          store(draftKey(form), item.values);
        }
        say(body.dataset.revoked, "bad");
        return;
      }
      outbox();
      memory.shift();
      saveOutbox();
      if (r.ok) {
        say(body.dataset.sent, "ok");
        if (item.claim) {
          store("atelier:vote:" + base, { path: text(res), name: item.name });
          window.location.href = res.text;
          return;
        }
      } else if (r.status === 422 || r.status === 413) {
        // Refused: the text goes back into its form, with the reason beside the field.
        if (form && item.form) {
          fill(form, item.values);
          showError(form, r.headers.get("X-Field") || "", res.text);
        } else {
          say(res.text, "bad");
        }
      }
      flush();
    }).catch(function () {
      sending = false;
      say(body.dataset.unsent, "bad");
      setTimeout(flush, 2000);
    });
  }
  function text(res) { return res.text; }
  window.addEventListener("online", flush);

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains("send")) return;
    e.preventDefault();
    var values = fields(form);
    values.rid = Date.now().toString(36) + Math.random().toString(36).slice(2);
    // getAttribute: a field named « action » shadows form.action.
    var item = { url: form.getAttribute("action"), values: values };
    if (form.id) item.form = form.id;
    if (form.classList.contains("claim")) {
      item.claim = true;
      var b = form.querySelector("button");
      item.name = b ? b.textContent : "";
    }
    outbox();
    memory.push(item);
    saveOutbox();
    if (form.classList.contains("draft")) {
      clearErrors(form);
      form.reset();
      resetLineForm(form);
      store(draftKey(form), null);
    }
    flush();
  });

  // What is being typed is kept in this browser until it is sent.
  document.querySelectorAll("form.draft").forEach(function (form) {
    var saved = load(draftKey(form), null);
    if (saved) {
      fill(form, saved);
      if (saved.line) {
        var h = form.querySelector("h2");
        h.textContent = h.dataset.edit;
      }
    }
    form.addEventListener("input", function () { store(draftKey(form), fields(form)); });
    var cancel = form.querySelector(".cancel");
    if (cancel) cancel.addEventListener("click", function () {
      form.reset();
      clearErrors(form);
      resetLineForm(form);
      store(draftKey(form), null);
    });
  });

  // A line's « Modifier »: its cells in the form, with what the page showed.
  live.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button.edit") : null;
    if (!b) return;
    var form = document.getElementById("line-form");
    if (!form) return;
    var d = b.dataset;
    form.elements.namedItem("line").value = d.line;
    ["solution", "action", "owners", "due", "status"].forEach(function (n) {
      form.elements.namedItem(n).value = d[n];
      form.elements.namedItem("seen_" + n).value = d[n];
    });
    var h = form.querySelector("h2");
    h.textContent = h.dataset.edit;
    store(draftKey(form), fields(form));
    form.scrollIntoView({ behavior: "smooth" });
    form.elements.namedItem("solution").focus();
  });

  if (outbox().length) flush();
})();
