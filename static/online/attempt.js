/* Online attempt page: save each choice as it is made, count down to the server's
   deadline, retry saves after a lost connection, submit automatically at zero. */
(function () {
  "use strict";
  var form = document.getElementById("attempt");
  if (!form) return;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var practice = form.dataset.practice === "1";
  var timer = document.getElementById("timer");
  var answeredEl = document.getElementById("answered");
  var netstate = document.getElementById("netstate");
  var pending = {};
  var submitting = false;
  var endAt = Date.now() + parseInt(timer.dataset.remaining, 10) * 1000;

  function text(id) { return document.getElementById(id).innerHTML.trim(); }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }

  function showNet(message) {
    if (message) { netstate.textContent = message; netstate.hidden = false; }
    else { netstate.hidden = true; }
  }

  function save(order, choice) {
    pending[order] = choice;
    var box = document.getElementById("q" + order);
    box.querySelector(".saved").hidden = true;
    return post(form.dataset.answerUrl, { order: order, choice: choice }).then(function (res) {
      if (pending[order] === choice) delete pending[order];
      if (!res.ok) {
        if (res.data.code === "late" || res.data.code === "submitted") { finish(); return; }
        showNet(res.data.error);
        return;
      }
      showNet("");
      box.querySelector(".saved").hidden = false;
      answeredEl.textContent = res.data.answered;
      if (practice && res.data.correct_choice !== undefined) feedback(box, res.data);
    }).catch(function () {
      showNet(text("msg-offline"));
    });
  }

  function feedback(box, data) {
    var labels = box.querySelectorAll(".option");
    labels.forEach(function (label, i) {
      label.classList.toggle("right", i === data.correct_choice);
      label.classList.toggle("wrong", i === data.choice && !data.is_correct);
    });
    var p = box.querySelector(".feedback");
    var letter = "ABCD".charAt(data.correct_choice);
    p.textContent = (data.is_correct ? text("msg-right") : text("msg-wrong") + " " + letter + ".") +
      (data.explanation ? " " + data.explanation : "");
    p.hidden = false;
  }

  function retryPending() {
    Object.keys(pending).forEach(function (order) { save(parseInt(order, 10), pending[order]); });
  }

  function finish() {
    if (submitting) return;
    submitting = true;
    form.submit();
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "radio") {
      var order = parseInt(input.closest("fieldset").dataset.order, 10);
      save(order, parseInt(input.value, 10));
    }
  });

  var prediction = document.getElementById("prediction");
  if (prediction) {
    prediction.addEventListener("change", function () {
      if (prediction.value === "") return;
      post(form.dataset.predictionUrl, { value: parseInt(prediction.value, 10) }).then(function (res) {
        document.getElementById("prediction-state").hidden = !res.ok;
        showNet(res.ok ? "" : res.data.error);
      }).catch(function () { showNet(text("msg-offline")); });
    });
  }

  form.addEventListener("submit", function (event) {
    if (submitting) return;
    if (!window.confirm(text("msg-confirm"))) { event.preventDefault(); return; }
    submitting = true;
  });

  window.addEventListener("online", retryPending);

  function tick() {
    var left = Math.max(0, Math.round((endAt - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    timer.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    timer.classList.toggle("urgent", left <= 60);
    if (left <= 0) { finish(); return; }
    if (Object.keys(pending).length && navigator.onLine) retryPending();
    window.setTimeout(tick, 1000);
  }
  tick();
})();
