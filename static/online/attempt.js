/* Online attempt page: keep the participant's answers on the page (and in
   localStorage, so a reload loses nothing), send them to the server in batches —
   after a short pause following a change, at most once per save interval (counted
   from the page's load), when the page is hidden, and always on submit — each answer stamped with the moment it was chosen (server
   clock, as estimated from the server's replies). A failed send is retried; at
   zero the page keeps retrying until the server's grace after the deadline is
   over, then submits. The server decides what counts (online/saving.py). */
(function () {
  "use strict";
  var form = document.getElementById("attempt");
  if (!form) return;
  var data = form.dataset;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var practice = data.practice === "1";
  var timer = document.getElementById("timer");
  var answeredEl = document.getElementById("answered");
  var netstate = document.getElementById("netstate");
  var storeKey = "hoithi-attempt-" + data.attempt;
  var deadlineMs = parseInt(data.deadlineMs, 10);
  var graceMs = parseInt(data.graceS, 10) * 1000;
  var intervalMs = parseInt(data.intervalS, 10) * 1000;
  var pauseMs = practice ? 200 : 2000;   // after the last change
  // server clock - local clock; refined by every reply (half the round trip)
  var offset = parseInt(data.serverMs, 10) - Date.now();
  var held = { answers: {}, prediction: null };   // chosen, not yet acknowledged
  // the first send waits for the interval too (what is held is in localStorage)
  var inFlight = false, lastSent = Date.now(), timerId = null, retryMs = 2000;
  var finishing = false, submitted = false;

  function text(id) { return document.getElementById(id).innerHTML.trim(); }
  function serverNow() { return Date.now() + offset; }

  function showNet(message) {
    if (message) { netstate.textContent = message; netstate.hidden = false; }
    else { netstate.hidden = true; }
  }

  // --- what the page holds ------------------------------------------------------
  function persist() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(held)); } catch (e) { /* private mode */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey) || "null");
      if (saved && saved.answers) held = saved;
    } catch (e) { /* nothing kept */ }
    Object.keys(held.answers).forEach(function (order) {
      var input = form.querySelector("input[name=q" + order + "][value='" + held.answers[order].choice + "']");
      if (input) { input.checked = true; mark(order, "pending"); }
      else delete held.answers[order];
    });
    var prediction = document.getElementById("prediction");
    if (prediction && held.prediction !== null) prediction.value = held.prediction;
  }

  function mark(order, state) {
    var box = document.getElementById("q" + order);
    if (!box) return;
    box.querySelector(".saved").hidden = state !== "saved";
    box.querySelector(".pending").hidden = state !== "pending";
  }

  function countAnswered() {
    answeredEl.textContent = form.querySelectorAll("fieldset.question input[type=radio]:checked").length;
  }

  function hasHeld() {
    return Object.keys(held.answers).length > 0 || held.prediction !== null;
  }

  // --- sending --------------------------------------------------------------------
  function batch() {
    var answers = Object.keys(held.answers).map(function (order) {
      var a = held.answers[order];
      return { order: parseInt(order, 10), choice: a.choice, at: a.at };
    });
    var body = { answers: answers };
    if (held.prediction !== null) body.prediction = held.prediction;
    return body;
  }

  function schedule(delay) {
    if (timerId !== null) window.clearTimeout(timerId);
    var due = Math.max(delay, lastSent + intervalMs - Date.now());
    if (practice) due = delay;
    timerId = window.setTimeout(function () { timerId = null; flush(false); }, Math.max(0, due));
  }

  function acknowledge(sent, reply) {
    (reply.saved || []).concat(reply.late || []).forEach(function (order) {
      var mine = held.answers[order], was = sent.answers[order];
      if (mine && was && mine.at === was.at) {
        delete held.answers[order];
        mark(order, reply.saved.indexOf(order) >= 0 ? "saved" : "");
      }
    });
    if (sent.prediction !== null && held.prediction === sent.prediction) {
      held.prediction = null;
      var state = document.getElementById("prediction-state");
      if (state) state.hidden = false;
    }
    persist();
    if (reply.late && reply.late.length) showNet(text("msg-late"));
    else showNet("");
    if (practice && reply.feedback) {
      Object.keys(reply.feedback).forEach(function (order) { feedback(order, reply.feedback[order]); });
    }
  }

  // keepalive: the request survives the page being closed or hidden
  function flush(keepalive) {
    if (inFlight || submitted || !hasHeld()) return Promise.resolve(true);
    inFlight = true;
    lastSent = Date.now();
    var sent = JSON.parse(JSON.stringify(held));
    var t0 = Date.now();
    return fetch(data.answerUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(batch())
    }).then(function (r) {
      return r.json().then(function (reply) { return { ok: r.ok, reply: reply }; });
    }).then(function (res) {
      inFlight = false;
      retryMs = 2000;
      var reply = res.reply;
      if (reply.server_ms) offset = reply.server_ms + (Date.now() - t0) / 2 - Date.now();
      if (!res.ok) {
        if (reply.code === "late" || reply.code === "submitted") { forget(); submitNow(); return true; }
        // refused as malformed: sending it again would be refused again
        held = { answers: {}, prediction: null };
        persist();
        showNet(reply.error);
        return true;
      }
      acknowledge(sent, reply);
      if (hasHeld() && !finishing) schedule(pauseMs);
      return true;
    }).catch(function () {
      inFlight = false;
      showNet(text("msg-offline"));
      if (!finishing) {
        schedule(retryMs);
        retryMs = Math.min(retryMs * 2, 15000);
      }
      return false;
    });
  }

  function feedback(order, fb) {
    var box = document.getElementById("q" + order);
    if (!box) return;
    box.querySelectorAll(".option").forEach(function (label, i) {
      label.classList.toggle("right", i === fb.correct_choice);
      label.classList.toggle("wrong", i === fb.choice && !fb.is_correct);
    });
    var p = box.querySelector(".feedback");
    var letter = "ABCD".charAt(fb.correct_choice);
    p.textContent = (fb.is_correct ? text("msg-right") : text("msg-wrong") + " " + letter + ".") +
      (fb.explanation ? " " + fb.explanation : "");
    p.hidden = false;
  }

  // --- submitting -----------------------------------------------------------------
  function forget() {
    try { window.localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
  }

  function submitNow() {
    if (submitted) return;
    submitted = true;
    form.querySelector("input[name=batch]").value = JSON.stringify(batch());
    form.submit();
  }

  // Send what is held (retrying while the server may still take it), then submit.
  function finish() {
    if (finishing) return;
    finishing = true;
    if (timerId !== null) window.clearTimeout(timerId);
    (function attempt() {
      if (submitted) return;
      if (!hasHeld()) { forget(); submitNow(); return; }
      flush(false).then(function (ok) {
        if (submitted) return;
        if (ok && !hasHeld()) { forget(); submitNow(); return; }
        if (serverNow() > deadlineMs + graceMs) { submitNow(); return; }
        window.setTimeout(attempt, inFlight ? 500 : 2000);
      });
    })();
  }

  // --- events ---------------------------------------------------------------------
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var order = input.closest("fieldset").dataset.order;
    held.answers[order] = { choice: parseInt(input.value, 10), at: Math.round(serverNow()) };
    persist();
    mark(order, "pending");
    countAnswered();
    schedule(pauseMs);
  });

  var prediction = document.getElementById("prediction");
  if (prediction) {
    prediction.addEventListener("change", function () {
      if (prediction.value === "" || !/^\d+$/.test(prediction.value)) return;
      held.prediction = parseInt(prediction.value, 10);
      document.getElementById("prediction-state").hidden = true;
      persist();
      schedule(pauseMs);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (finishing) return;
    if (!window.confirm(text("msg-confirm"))) return;
    finish();
  });

  window.addEventListener("online", function () { if (hasHeld()) schedule(0); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !finishing) flush(true);
  });

  function tick() {
    var left = Math.max(0, Math.round((deadlineMs - serverNow()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    timer.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    timer.classList.toggle("urgent", left <= 60);
    if (left <= 0) { finish(); return; }
    window.setTimeout(tick, 1000);
  }

  restore();
  countAnswered();
  if (hasHeld()) { lastSent = 0; schedule(pauseMs); }  // a reload sends what it kept
  tick();
})();
