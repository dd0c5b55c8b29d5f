/* Buzzer pad (a team's phone): member choice, tile pick, answer options, the big buzz button. */
(function () {
  "use strict";
  const L = window.Live;
  const el = L.el;
  L.addStrings({
    vi: {
      waitStart: "Chờ hội thi bắt đầu", finished: "Hội thi đã kết thúc. Cảm ơn đội!", paused: "Tạm dừng",
      presentingUs: "Đội bạn đang trên sân khấu", presenting: "Đang trình bày: {team}", waitPart: "Chờ phần thi tiếp theo",
      yourTurn: "Đến lượt đội bạn: chọn một ô số", turnOf: "Lượt của {team}", waitCall: "Chờ người dẫn chương trình mời đội",
      getReady: "Chuẩn bị trả lời…", choose: "Chọn đáp án!", sent: "Đã gửi đáp án {choice}", timeUp: "Hết giờ trả lời",
      otherQuestion: "Câu hỏi của {team}", right: "Chính xác! +{p} điểm", wrong: "Chưa chính xác", noAnswer: "Đội bạn không trả lời",
      waitReveal: "Chờ công bố đáp án", buzz_waiting: "Chờ mở bấm chuông", buzz_open: "Bấm chuông!",
      buzz_pressed: "Đã bấm chuông — chờ kết quả", buzz_first: "Đội bạn giành quyền! Chọn đáp án",
      buzz_late: "Chậm hơn — {team} giành quyền", buzz_locked: "Đội bạn đã hết lượt ở câu này", buzz_closed: "Đã đóng bấm chuông",
      buzzAccepted: "Đã nhận tiếng chuông của đội bạn", pickMember: "Chọn thành viên trả lời trước.",
      tile: "Ô {n}", memberFull: "Đội đã đủ số thành viên trả lời", correctIs: "Đáp án đúng: {label}",
      judgedWrong: "Sai — {p} điểm", judgedTimeout: "Hết giờ — {p} điểm",
    },
    en: {
      waitStart: "Waiting for the contest to start", finished: "The contest has finished. Thank you!", paused: "Paused",
      presentingUs: "Your team is on stage", presenting: "On stage: {team}", waitPart: "Waiting for the next part",
      yourTurn: "Your turn: pick a tile", turnOf: "Turn of {team}", waitCall: "Waiting for the MC to call a team",
      getReady: "Get ready…", choose: "Choose your answer!", sent: "Answer {choice} sent", timeUp: "Time is up",
      otherQuestion: "Question for {team}", right: "Correct! +{p} points", wrong: "Not correct", noAnswer: "No answer from your team",
      waitReveal: "Waiting for the reveal", buzz_waiting: "Waiting for the buzzers to open", buzz_open: "Buzz now!",
      buzz_pressed: "Buzzed — waiting for the verdict", buzz_first: "You won the buzz! Choose your answer",
      buzz_late: "Too late — {team} won the buzz", buzz_locked: "Your team is out for this question", buzz_closed: "Buzzers closed",
      buzzAccepted: "Your buzz was received", pickMember: "Choose the answering member first.",
      tile: "Tile {n}", memberFull: "The team's answering members are all used", correctIs: "Correct answer: {label}",
      judgedWrong: "Wrong — {p} points", judgedTimeout: "Time up — {p} points",
    },
  });
  const t = L.t;
  const $ = (id) => document.getElementById(id);
  const cfg = JSON.parse($("live-config").textContent);
  let view = null;
  let flash = null; // {text, kind, key}: feedback from an ack/refusal until the question moves on

  const live = L.connect({ onView: render, onEvent });
  window.hallLive = live; // for diagnostics and the browser tests

  const memberKey = (teamId) => `hall:${cfg.slug}:member:${teamId}`;
  function chosenMember(teamId) {
    try { return Number(localStorage.getItem(memberKey(teamId))) || null; } catch (e) { return null; }
  }
  function setMember(teamId, id) {
    try { localStorage.setItem(memberKey(teamId), String(id)); } catch (e) { /* private mode */ }
    render(view);
  }
  const vibrate = (p) => { if (navigator.vibrate) { try { navigator.vibrate(p); } catch (e) { /* ignored */ } } };

  function onEvent(ev, meta) {
    if (meta.replay || !view || !view.team) return;
    const me = view.team.team_id;
    if (ev.type === "buzz_opened") vibrate(80);
    if (ev.type === "buzz_verdict" && ev.winner_team_id === me) vibrate([200, 80, 200]);
    if (ev.type === "team_called" && ev.team_id === me) vibrate(150);
  }

  const teamOf = (id) => (view.teams || []).find((x) => x.id === id);
  const teamName = (id) => { const x = teamOf(id); return x ? x.name : ""; };
  const partOf = (id) => (view.parts || []).find((p) => p.id === id);

  function questionKey(q) { return q ? q.question_id + ":" + q.phase : ""; }

  function render(v) {
    if (!v) return;
    view = v;
    const mine = v.team || {};
    const team = v.contest ? teamOf(mine.team_id) : null;
    const part = v.contest ? partOf(v.part_id) : null;
    $("pad-team").textContent = team ? team.name : document.title;
    $("pad-part").textContent = part ? part.title : "";
    const q = v.question;
    if (flash && flash.key !== questionKey(q)) flash = null;
    renderMembers(v, team, part);
    renderTiles(v, mine, part);
    renderQuestion(v, mine, q);
    renderBuzz(mine, q);
    const status = flash || deriveStatus(v, mine, part, q);
    const box = $("pad-status");
    box.textContent = status.text;
    box.className = "pad-status" + (status.kind ? " is-" + status.kind : "");
  }

  function answeringMembers(team) {
    const ids = view.team.answering_member_ids && view.team.answering_member_ids.length
      ? view.team.answering_member_ids : (team.members || []).map((m) => m.id);
    return (team.members || []).filter((m) => ids.includes(m.id));
  }

  function renderMembers(v, team, part) {
    const box = $("members-box");
    const show = !!(team && part && part.kind === "knowledge" && part.answer_by !== "team");
    box.hidden = !show;
    if (!show) return;
    const list = answeringMembers(team);
    const used = v.team.answered_members || [];
    const full = used.length >= (part.max_answering_members || 3);
    let chosen = chosenMember(team.id);
    const allowed = (m) => !full || used.includes(m.id);
    if (!list.some((m) => m.id === chosen && allowed(m))) {
      const first = list.find(allowed);
      chosen = first ? first.id : null;
      if (chosen) { try { localStorage.setItem(memberKey(team.id), String(chosen)); } catch (e) { /* ignored */ } }
    }
    const wrap = $("members");
    wrap.replaceChildren();
    for (const m of list) {
      wrap.appendChild(el("button", {
        type: "button", class: "pad-member", role: "radio", "aria-checked": String(m.id === chosen),
        "data-member": m.id, disabled: !allowed(m), title: allowed(m) ? null : t("memberFull"),
        text: m.name, onclick: () => setMember(team.id, m.id),
      }));
    }
  }

  function currentMember() {
    if (!view || !view.team) return null;
    const team = teamOf(view.team.team_id);
    if (!team) return null;
    const id = chosenMember(team.id);
    return answeringMembers(team).some((m) => m.id === id) ? id : null;
  }

  function renderTiles(v, mine, part) {
    const box = $("tiles-box");
    const show = !!(v.board && (mine.can || {}).pick_tile);
    box.hidden = !show;
    if (!show) return;
    const grid = $("tiles");
    grid.replaceChildren();
    for (let n = 1; n <= v.board.tiles; n++) {
      const used = v.board.used.includes(n);
      grid.appendChild(el("button", {
        type: "button", class: "pad-tile", disabled: used, "data-tile": n, title: t("tile", { n }), text: n,
        onclick: (e) => { e.currentTarget.disabled = true; live.send({ type: "pick_tile", tile: n }).catch(() => render(view)); },
      }));
    }
  }

  function myAnswerFor(mine, q) {
    const member = currentMember();
    const list = mine.my_answers || [];
    const part = partOf(q.part_id);
    if (part && part.answer_by === "team") return list[0] || null;
    return list.find((a) => a.member_id === member) || null;
  }

  // What this pad may do now is the server's (mine.can: the engine's own deciders).
  function canAnswer(mine, q) {
    const can = mine.can || {};
    if (!can.answer) return false;
    const part = partOf(q.part_id);
    if (q.mode !== "team_turn" || (part && part.answer_by === "team")) return true;
    return (can.answer_members || []).includes(currentMember());
  }

  let deadline = null;
  function renderQuestion(v, mine, q) {
    const box = $("question-box");
    box.hidden = !q;
    deadline = null;
    if (!q) return;
    $("q-tile").textContent = t("tile", { n: q.tile });
    $("q-text").textContent = q.text;
    const mineNow = myAnswerFor(mine, q);
    const judged = (mine.my_judged || []).slice(-1)[0];
    const chosen = mineNow ? mineNow.choice : judged ? judged.choice : null;
    const enabled = canAnswer(mine, q);
    const opts = $("options");
    opts.replaceChildren();
    for (const o of q.options || []) {
      let cls = "pad-option";
      if (o.label === chosen) cls += " is-chosen";
      if (q.phase === "revealed" && o.label === q.correct) cls += " is-correct";
      opts.appendChild(el("button", {
        type: "button", class: cls, disabled: !enabled, "data-label": o.label,
        onclick: () => answer(o.label),
      }, [el("span", { class: "label", text: o.label }), el("span", { text: o.text })]));
    }
    if (q.phase === "answering" || q.phase === "buzz_answering") deadline = q.deadline_ms;
    tick();
  }

  function answer(label) {
    const q = view.question;
    const part = partOf(q.part_id);
    const member = currentMember();
    if (part && part.answer_by !== "team" && !member) { L.toast(t("pickMember"), "error"); return; }
    for (const b of document.querySelectorAll(".pad-option")) b.disabled = true;
    const fields = { type: "answer", choice: label };
    if (member) fields.member_id = member;
    live.send(fields).then(() => {
      vibrate(60);
      // A buzz winner's answer is judged at once: the view already says right or wrong.
      if (view.question && view.question.mode === "team_turn") {
        flash = { text: t("sent", { choice: label }), kind: "ok", key: questionKey(view.question) };
      }
      render(view);
    }, (err) => {
      flash = { text: err.reason, kind: "bad", key: questionKey(view.question) };
      render(view);
    });
  }

  function renderBuzz(mine, q) {
    // Hidden while this team is answering: the options are what matters then.
    const show = !!(q && q.mode === "buzz_in" && !canAnswer(mine, q));
    $("buzz-box").hidden = !show;
    $("buzz").disabled = !show || !(mine.can || {}).buzz;
  }

  $("buzz").addEventListener("click", () => {
    const button = $("buzz");
    const member = currentMember();
    button.disabled = true;
    const fields = { type: "buzz", client_ts: Date.now() };
    if (member) fields.member_id = member;
    vibrate(40);
    live.send(fields, { quiet: true }).then(() => {
      flash = { text: t("buzzAccepted"), kind: "ok", key: questionKey(view.question) };
      render(view);
    }, (err) => {
      flash = { text: err.reason, kind: err.code === "late" ? "warn" : "bad", key: questionKey(view.question) };
      render(view);
    });
  });

  function deriveStatus(v, mine, part, q) {
    if (!v.contest || v.status === "ready") return { text: t("waitStart") };
    if (v.status === "finished") return { text: t("finished") };
    if (v.status === "paused") return { text: t("paused"), kind: "warn" };
    if (!part) return { text: t("waitPart") };
    if (part.kind !== "knowledge") {
      const stage = v.stage && v.stage.part_id === part.id ? v.stage : null;
      if (!stage) return { text: t("waitPart") };
      return stage.team_id === mine.team_id ? { text: t("presentingUs"), kind: "ok" } : { text: t("presenting", { team: teamName(stage.team_id) }) };
    }
    if (!q) {
      if (part.mode === "buzz_in") return { text: t("buzz_waiting") };
      if (mine.is_turn) return { text: t("yourTurn"), kind: "first" };
      return v.turn_team_id ? { text: t("turnOf", { team: teamName(v.turn_team_id) }) } : { text: t("waitCall") };
    }
    if (q.phase === "revealed") return revealedStatus(mine, q);
    if (q.mode === "team_turn") {
      if (q.team_id !== mine.team_id) return { text: t("otherQuestion", { team: teamName(q.team_id) }) };
      if (q.phase === "shown") return { text: t("getReady") };
      if (q.phase === "answering") {
        const a = myAnswerFor(mine, q);
        return a ? { text: t("sent", { choice: a.choice }), kind: "ok" } : { text: t("choose"), kind: "first" };
      }
      return { text: t("timeUp"), kind: "warn" };
    }
    const state = mine.buzz_state;
    if (state === "first") return { text: t("buzz_first"), kind: "first" };
    if (state === "late") return { text: t("buzz_late", { team: teamName(q.winner_team_id) }), kind: "warn" };
    const judged = (mine.my_judged || [])[0];
    if (judged) return judgedStatus(judged);
    if (state === "open") return { text: t("buzz_open"), kind: "first" };
    if (state === "locked") return { text: t("buzz_locked"), kind: "bad" };
    if (state === "closed") return { text: t("buzz_closed") };
    return { text: t("buzz_" + (state === "pressed" ? "pressed" : "waiting")) };
  }

  function judgedStatus(r) {
    if (r.outcome === "right") return { text: t("right", { p: L.num(r.points) }), kind: "ok" };
    if (r.outcome === "timeout") return { text: t("judgedTimeout", { p: L.num(r.points) }), kind: "bad" };
    return { text: t("judgedWrong", { p: L.num(r.points) }), kind: "bad" };
  }

  function revealedStatus(mine, q) {
    const results = (q.results || []).filter((r) => r.team_id === mine.team_id);
    const correct = t("correctIs", { label: q.correct });
    if (!results.length) {
      const involved = q.team_id === mine.team_id;
      return { text: (involved ? t("noAnswer") + " · " : "") + correct };
    }
    const good = results.filter((r) => r.correct);
    // the team's points on this question: the server adds its answers up (scoring)
    return good.length ? { text: t("right", { p: L.num(mine.question_points) }), kind: "ok" } : { text: t("wrong") + " · " + correct, kind: "bad" };
  }

  function tick() {
    const node = $("q-countdown");
    if (!deadline || !view || !view.question) { node.textContent = ""; return; }
    const left = Math.max(0, deadline - live.serverNow());
    node.textContent = String(Math.ceil(left / 1000));
    node.classList.toggle("is-low", left <= 5000);
    if (left <= 0 && view.question.phase === "answering") {
      for (const b of document.querySelectorAll(".pad-option")) b.disabled = true;
    }
  }
  setInterval(tick, 200);
})();
