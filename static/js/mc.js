/* MC console: overview, every engine command, device panel, keyboard shortcuts.
   What may be done now comes from the server (view.can: the engine's own deciders);
   every figure comes from the server (scoring) and is only formatted here. */
(function () {
  "use strict";
  const L = window.Live;
  const el = L.el;
  L.addStrings({
    vi: {
      ready: "Chưa bắt đầu", running: "Đang diễn ra", paused: "Tạm dừng", finished: "Đã kết thúc",
      noPart: "Chưa chọn phần thi", go: "Chuyển", released: "đã công bố", release: "Công bố điểm",
      stage: "Lên sân khấu", call: "Mời bốc thăm", onStage: "trên sân khấu", turn: "đang lượt",
      turnOf: "Lượt của: {team}", noTurn: "Chưa mời đội nào lên bốc thăm.", buzzMode: "Phần thi giành quyền trả lời (bấm chuông).",
      tile: "Ô {n}", correct: "Đáp án đúng", phase_shown: "Đang hiển thị", phase_answering: "Đang trả lời",
      phase_closed: "Đã đóng trả lời", phase_buzzing: "Đang bấm chuông", phase_buzz_answering: "Đội giành quyền đang trả lời",
      phase_answered: "Đã trả lời", phase_revealed: "Đã công bố đáp án",
      answers: "Câu trả lời", buzzOrder: "Thứ tự bấm chuông", winner: "Giành quyền: {team}", none: "Chưa có",
      member: "thành viên", cast: "Số người diễn: {n}", limit: "Thời gian: {t}", overtime: "Quá giờ {t}",
      judged: "Đã chấm: {n}/{total}", judgingOpen: "Đang mở chấm điểm", points: "{p} điểm",
      confirmFinish: "Kết thúc hội thi? Sau đó không thể bốc thăm hay mở câu hỏi nữa.",
      confirmRelease: "Công bố điểm của giám khảo cho phần “{part}”? Điểm sẽ hiện trên màn hình lớn.",
      confirmRevoke: "Thu hồi quyền của thiết bị “{name}”? Thiết bị sẽ bị ngắt ngay.",
      undoPrompt: "Lý do hoàn tác “{action}” (bắt buộc):", nothingToUndo: "Không có thao tác nào để hoàn tác.",
      reasonRequired: "Cần ghi rõ lý do hoàn tác.", castRequired: "Nhập số người diễn tiểu phẩm.",
      idleReady: "Bấm “Bắt đầu hội thi” để bắt đầu.", idlePart: "Chọn phần thi ở cột bên trái.",
      idleJudged: "Chọn đội lên sân khấu ở cột bên trái.", idleFinished: "Hội thi đã kết thúc.",
      online: "Trực tuyến", offline: "Ngoại tuyến", revoked: "Đã thu hồi", revoke: "Thu hồi",
      kind_team: "Máy đội", kind_screen: "Màn hình", kind_judge: "Giám khảo", kind_head_judge: "Trưởng BGK",
      devicesError: "Không tải được danh sách thiết bị.", total: "Tổng", team: "Đội", judgeShort: "GK", judge: "Giám khảo", flag: "Điểm bất thường",
      right: "Đúng", wrong: "Sai", timeout: "Hết giờ", explanation: "Giải thích", deadline: "Còn lại",
      drawLots: "Bốc thăm phân định: {names}", confirmDraw: "Bốc thăm phân định giữa {names}? Kết quả được ghi vào nhật ký và biên bản, không hoàn tác được.",
      drawn: "Kết quả bốc thăm: {order}", showLots: "Hiện lên màn hình lớn", hideLots: "Ẩn khỏi màn hình lớn",
    },
    en: {
      ready: "Not started", running: "Running", paused: "Paused", finished: "Finished",
      noPart: "No part selected", go: "Go", released: "released", release: "Release marks",
      stage: "On stage", call: "Call to draw", onStage: "on stage", turn: "in turn",
      turnOf: "Turn of: {team}", noTurn: "No team called yet.", buzzMode: "Buzz-in part.",
      tile: "Tile {n}", correct: "Correct answer", phase_shown: "Shown", phase_answering: "Answering",
      phase_closed: "Closed", phase_buzzing: "Buzzers open", phase_buzz_answering: "Buzz winner answering",
      phase_answered: "Answered", phase_revealed: "Revealed",
      answers: "Answers", buzzOrder: "Buzz order", winner: "Won the buzz: {team}", none: "None yet",
      member: "member", cast: "Cast: {n}", limit: "Time: {t}", overtime: "Overtime {t}",
      judged: "Marked: {n}/{total}", judgingOpen: "Judging open", points: "{p} points",
      confirmFinish: "Finish the contest? No more draws or questions afterwards.",
      confirmRelease: "Release the judges' marks for “{part}”? They will show on the big screen.",
      confirmRevoke: "Revoke device “{name}”? It is disconnected at once.",
      undoPrompt: "Reason for undoing “{action}” (required):", nothingToUndo: "Nothing to undo.",
      reasonRequired: "A reason is required.", castRequired: "Enter the skit cast size.",
      idleReady: "Press “Start contest” to begin.", idlePart: "Choose a part on the left.",
      idleJudged: "Put a team on stage from the left column.", idleFinished: "The contest has finished.",
      online: "Online", offline: "Offline", revoked: "Revoked", revoke: "Revoke",
      kind_team: "Team pad", kind_screen: "Screen", kind_judge: "Judge", kind_head_judge: "Head judge",
      devicesError: "Could not load the devices.", total: "Total", team: "Team", judgeShort: "J", judge: "Judge", flag: "Unusual mark",
      right: "Right", wrong: "Wrong", timeout: "Timed out", explanation: "Explanation", deadline: "Left",
      drawLots: "Draw lots: {names}", confirmDraw: "Draw lots between {names}? The result goes into the log and the minutes; it cannot be undone.",
      drawn: "Lots drawn: {order}", showLots: "Show on the big screen", hideLots: "Hide from the big screen",
    },
  });
  const t = L.t;
  const $ = (id) => document.getElementById(id);
  const urls = JSON.parse($("mc-urls").textContent);
  let view = null;

  const live = L.connect({ onView: render });
  window.hallLive = live; // for diagnostics and the browser tests

  // ---------------------------------------------------------------- lookups
  const teamOf = (id) => (view && view.teams ? view.teams.find((x) => x.id === id) : null);
  const teamName = (id) => { const x = teamOf(id); return x ? x.name : "—"; };
  const partOf = (id) => (view && view.parts ? view.parts.find((p) => p.id === id) : null);
  const judgeName = (id) => { const j = (view.judges || []).find((x) => x.id === id); return j ? j.name : "#" + id; };
  const memberName = (teamId, memberId) => {
    const team = teamOf(teamId);
    const m = team && (team.members || []).find((x) => x.id === memberId);
    return m ? m.name : "";
  };

  // ---------------------------------------------------------------- commands
  function cmd(type, fields) {
    return live.send(Object.assign({ type }, fields || {})).catch(() => null);
  }

  document.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-cmd]");
    if (b && !b.disabled) cmd(b.dataset.cmd);
  });
  $("btn-finish").addEventListener("click", () => { if (confirm(t("confirmFinish"))) cmd("finish"); });
  $("btn-undo").addEventListener("click", undo);
  $("btn-close-judging").addEventListener("click", () => {
    cmd("close_judging", view && view.stage ? { team_id: view.stage.team_id } : {});
  });

  const can = (name, id) => {
    const allowed = view && view.can ? view.can[name] : false;
    if (id === undefined) return !!allowed;
    return !!(allowed && allowed[id]);
  };

  function undo() {
    if (!can("undo")) { L.toast(t("nothingToUndo"), "error"); return; }
    const reason = prompt(t("undoPrompt", { action: view.undo.action }));
    if (reason === null) return;
    if (!reason.trim()) { L.toast(t("reasonRequired"), "error"); return; }
    cmd("undo", { reason: reason.trim() });
  }

  function release(part) {
    if (confirm(t("confirmRelease", { part: part.title }))) cmd("release_marks", { part_id: part.id });
  }

  // ---------------------------------------------------------------- keyboard
  const KEYS = { d: "btn-draw", o: "btn-open", b: "btn-buzz", c: "btn-close", r: "btn-reveal", n: "btn-next", j: "btn-open-judging" };
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    const k = e.key.toLowerCase();
    if (k === " ") {
      e.preventDefault();
      const running = view && view.stage && view.stage.timer.running;
      const b = $(running ? "btn-stop-timer" : "btn-start-timer");
      if (!b.disabled && !b.closest("[hidden]")) b.click();
      return;
    }
    if (k === "z") { undo(); return; }
    const id = KEYS[k];
    if (!id) return;
    const b = $(id);
    if (b && !b.disabled && !b.closest("[hidden]")) { e.preventDefault(); b.click(); }
  });

  // ---------------------------------------------------------------- render
  function render(v) {
    view = v;
    const status = v.status || "ready";
    const started = !!v.contest && status !== "ready";
    $("mc-status").textContent = t(status);
    $("mc-status").className = "pill" + (status === "running" ? " pill-ok" : status === "paused" ? " pill-warn" : "");
    const part = started ? partOf(v.part_id) : null;
    $("mc-part").textContent = part ? part.title : started ? t("noPart") : "";
    $("btn-start").hidden = started;
    $("btn-start").disabled = !can("start_contest");
    $("btn-pause").hidden = !can("pause");
    $("btn-resume").hidden = !can("resume");
    $("btn-finish").disabled = !can("finish");
    $("btn-undo").disabled = !can("undo");
    $("btn-next-part").disabled = !can("next_part");
    renderParts(v, part);
    renderTeams(v, part);
    renderStage(v, part);
    renderQuiz(v, part);
    renderStandings(v);
    renderLots(v);
    renderMarks(v, part);
    const idle = !$("stage-card").hidden || !$("quiz-card").hidden;
    $("idle-card").hidden = idle;
    $("idle-text").textContent = !started ? t("idleReady") : status === "finished" ? t("idleFinished")
      : !part ? t("idlePart") : t("idleJudged");
  }

  function renderParts(v, current) {
    const ol = $("parts");
    ol.replaceChildren();
    for (const p of v.parts || []) {
      const li = el("li", { class: p === current ? "is-current" : "" }, [
        el("span", { text: p.title }),
        p.released ? el("span", { class: "pill pill-ok", text: t("released") }) : null,
        el("span", { class: "mc-part-actions" }, [
          el("button", { class: "btn", disabled: !can("goto_part", p.id), onclick: () => cmd("goto_part", { part_id: p.id }), text: t("go") }),
          p.kind !== "knowledge" && !p.released
            ? el("button", { class: "btn", "data-release": p.id, disabled: !can("release_marks", p.id), onclick: () => release(p), text: t("release") })
            : null,
        ]),
      ]);
      ol.appendChild(li);
    }
  }

  function renderTeams(v, part) {
    const tbody = $("teams").tBodies[0];
    tbody.replaceChildren();
    $("cast-wrap").hidden = !(part && part.kind === "skit");
    for (const team of v.teams || []) {
      let action = null;
      let note = "";
      if (part && part.kind !== "knowledge") {
        const on = v.stage && v.stage.team_id === team.id && v.stage.part_id === part.id;
        note = on ? t("onStage") : "";
        action = el("button", {
          class: "btn", disabled: !can("stage_team", team.id), "data-stage": team.id, text: t("stage"),
          onclick: () => stageTeam(team, part),
        });
      } else if (part && part.kind === "knowledge" && part.mode === "team_turn") {
        const on = v.turn_team_id === team.id;
        const used = (v.draws || {})[part.id + ":" + team.id] || 0;
        note = (on ? t("turn") + " · " : "") + used + "/" + part.questions_per_team;
        action = el("button", {
          class: "btn", disabled: !can("call_team", team.id), "data-call": team.id, text: t("call"),
          onclick: () => cmd("call_team", { team_id: team.id }),
        });
      }
      tbody.appendChild(el("tr", { class: note.startsWith(t("onStage")) || v.turn_team_id === team.id ? "is-current" : "" }, [
        el("td", { class: "num", text: team.number }),
        el("td", {}, [el("strong", { text: team.name }), el("div", { class: "muted small", text: team.unit_name })]),
        el("td", { class: "muted", text: note }),
        el("td", {}, action),
      ]));
    }
  }

  function stageTeam(team, part) {
    const fields = { team_id: team.id };
    if (part.kind === "skit") {
      const raw = $("cast-size").value.trim();
      const n = raw === "" ? team.skit_cast_size : Number(raw);
      if (!Number.isInteger(n) || n < 1) { L.toast(t("castRequired"), "error"); $("cast-size").focus(); return; }
      fields.cast_size = n;
    }
    cmd("stage_team", fields);
  }

  let timerStage = null;
  function renderStage(v, part) {
    const card = $("stage-card");
    const stage = v.stage && part && part.kind !== "knowledge" && v.stage.part_id === part.id ? v.stage : null;
    card.hidden = !stage;
    timerStage = stage;
    if (!stage) return;
    $("stage-team").textContent = teamName(stage.team_id);
    const meta = [t("limit", { t: L.clock(stage.timer.limit_ms) })];
    if (stage.cast_size) meta.push(t("cast", { n: stage.cast_size }));
    $("stage-meta").textContent = meta.join(" · ");
    $("btn-start-timer").disabled = !can("start_timer");
    $("btn-stop-timer").disabled = !can("stop_timer");
    const open = (v.judging_open || []).some((s) => s.part_id === stage.part_id && s.team_id === stage.team_id);
    $("btn-open-judging").disabled = !can("open_judging");
    $("btn-close-judging").disabled = !can("close_judging");
    const done = (v.all_marks || []).filter((s) => s.part_id === stage.part_id && s.team_id === stage.team_id).length;
    $("judging-progress").textContent = (open ? t("judgingOpen") + " · " : "") + t("judged", { n: done, total: (v.judges || []).length });
    tickTimer();
  }

  function tickTimer() {
    const stage = timerStage;
    if (!stage) return;
    const tm = stage.timer;
    let elapsed = 0;
    if (tm.started_at_ms !== null && tm.started_at_ms !== undefined) {
      elapsed = (tm.stopped_at_ms !== null && tm.stopped_at_ms !== undefined ? tm.stopped_at_ms : live.serverNow()) - tm.started_at_ms;
    }
    const left = tm.limit_ms - elapsed;
    const node = $("stage-timer");
    node.textContent = L.clock(left);
    node.classList.toggle("is-over", left < 0);
  }

  function renderQuiz(v, part) {
    const card = $("quiz-card");
    const quiz = part && part.kind === "knowledge";
    card.hidden = !quiz;
    if (!quiz) return;
    const q = v.question_full;
    const teamTurn = part.mode === "team_turn";
    $("turn-line").textContent = teamTurn
      ? (v.turn_team_id ? t("turnOf", { team: teamName(v.turn_team_id) }) : t("noTurn"))
      : t("buzzMode");
    $("btn-draw").disabled = !can("draw");
    $("btn-open").hidden = !teamTurn;
    $("btn-buzz").hidden = teamTurn;
    $("btn-open").disabled = !can("open_answering");
    $("btn-buzz").disabled = !can("open_buzz");
    $("btn-close").disabled = !can("close_answering");
    $("btn-reveal").disabled = !can("reveal");
    $("btn-next").disabled = !can("clear_question");
    $("btn-clear").disabled = !can("clear_question");
    renderTiles(v, part, can("pick_tile"));
    renderQuestion(v, q, part);
  }

  function renderTiles(v, part, canPick) {
    const box = $("tiles");
    box.replaceChildren();
    const board = v.board;
    if (!board) return;
    for (let n = 1; n <= board.tiles; n++) {
      const used = board.used.includes(n);
      box.appendChild(el("button", {
        class: "tile" + (used ? " is-used" : ""), disabled: used || !canPick, "data-tile": n,
        title: t("tile", { n }), text: n, onclick: () => cmd("pick_tile", { tile: n }),
      }));
    }
  }

  let deadline = null;
  function renderQuestion(v, q, part) {
    const box = $("question");
    box.replaceChildren();
    deadline = null;
    if (!q) return;
    const question = (v.question || {});
    deadline = v.next_deadline_ms; // the server's next deadline (answer time, buzz window)
    box.appendChild(el("div", { class: "mc-qhead" }, [
      el("span", { class: "pill", text: t("tile", { n: q.tile }) }),
      el("span", { class: "pill", text: t("phase_" + q.phase) }),
      q.team_id ? el("span", { class: "pill", text: teamName(q.team_id) }) : null,
      el("span", { id: "q-countdown", class: "mc-countdown", "data-testid": "mc-countdown" }),
    ]));
    box.appendChild(el("p", { class: "mc-qtext", text: question.text || "" }));
    const ul = el("ul", { class: "options" });
    for (const o of question.options || []) {
      ul.appendChild(el("li", { class: "option" + (o.label === q.correct ? " is-correct" : ""), "data-label": o.label }, [
        el("span", { class: "label", text: o.label }), el("span", { text: o.text }),
        o.label === q.correct ? el("span", { class: "pill pill-ok", text: t("correct") }) : null,
      ]));
    }
    box.appendChild(ul);
    const answers = q.answers || [];
    if (q.mode === "team_turn") {
      box.appendChild(el("h3", { text: t("answers") }));
      box.appendChild(answers.length ? el("ul", { class: "mc-list" }, answers.map((a) => el("li", {}, [
        el("strong", { text: teamName(a.team_id) }), " ", memberName(a.team_id, a.member_id), " → ",
        el("span", { class: "pill " + (a.choice === q.correct ? "pill-ok" : "pill-bad"), text: a.choice }),
      ]))) : el("p", { class: "muted", text: t("none") }));
    } else {
      const order = q.order && q.order.length ? q.order : q.presses || [];
      box.appendChild(el("h3", { text: t("buzzOrder") }));
      box.appendChild(order.length ? el("ol", { class: "mc-list" }, order.map((p) => el("li", {}, [
        el("strong", { text: teamName(p.team_id) }), " ", memberName(p.team_id, p.member_id),
      ]))) : el("p", { class: "muted", text: t("none") }));
      if (q.winner_team_id) box.appendChild(el("p", { class: "mc-winner", text: t("winner", { team: teamName(q.winner_team_id) }) }));
      for (const r of q.judged || []) {
        box.appendChild(el("p", {}, [el("strong", { text: teamName(r.team_id) }), " ", r.choice || "—", " · ",
          t(r.timed_out ? "timeout" : r.correct ? "right" : "wrong"), " · ", t("points", { p: L.num(r.points) })]));
      }
    }
    if (q.explanation) box.appendChild(el("p", { class: "muted" }, [t("explanation") + ": ", q.explanation]));
    tickCountdown();
  }

  function tickCountdown() {
    const node = $("q-countdown");
    if (!node) return;
    if (!deadline) { node.textContent = ""; return; }
    const left = Math.max(0, deadline - live.serverNow());
    node.textContent = t("deadline") + " " + (left / 1000).toFixed(1) + " s";
  }

  function renderStandings(v) {
    const tbody = $("standings").tBodies[0];
    tbody.replaceChildren();
    for (const r of v.standings || []) {
      tbody.appendChild(el("tr", { "data-team": r.team_id, class: r.tied ? "is-tied" : "" }, [
        el("td", { class: "num", text: r.rank + (r.tied ? "=" : "") }), el("td", { text: r.name }), el("td", { class: "num", text: L.num(r.total) }),
      ]));
    }
  }

  // ---------------------------------------------------------------- the committee's draw
  const nameOf = (kind, id) => {
    if (kind === "teams") return teamName(id);
    for (const team of (view && view.teams) || []) {
      const m = (team.members || []).find((x) => x.id === id);
      if (m) return m.name;
    }
    return "#" + id;
  };

  function renderLots(v) {
    const box = $("lots");
    box.replaceChildren();
    for (const tie of (v.can || {}).draw_lots || []) {
      const names = tie.ids.map((id) => nameOf(tie.kind, id)).join(", ");
      box.appendChild(el("button", {
        class: "btn", "data-draw": tie.kind + ":" + tie.ids.join(","), text: t("drawLots", { names }),
        onclick: () => { if (confirm(t("confirmDraw", { names }))) cmd("draw_lots", { kind: tie.kind, ids: tie.ids }); },
      }));
    }
    for (const d of v.lots || []) {
      const shown = v.lots_shown === d.id;
      box.appendChild(el("p", { "data-lots": d.id }, [
        t("drawn", { order: d.order.map((id) => nameOf(d.kind, id)).join(" › ") }), " ",
        el("button", {
          class: "btn small", disabled: !can("show_lots"), text: shown ? t("hideLots") : t("showLots"),
          onclick: () => cmd("show_lots", { draw_id: shown ? null : d.id }),
        }),
      ]));
    }
    $("lots-card").hidden = !box.childElementCount;
  }

  function renderMarks(v, part) {
    const box = $("marks");
    box.replaceChildren();
    const judged = part && part.kind !== "knowledge" ? part : (v.parts || []).find((p) => p.kind !== "knowledge");
    if (!judged) return;
    const sheets = (v.all_marks || []).filter((s) => s.part_id === judged.id);
    const judges = v.judges || [];
    const head = el("tr", {}, [el("th", { text: t("team") })]
      .concat(judges.map((j, i) => el("th", { class: "num", title: j.name, text: t("judgeShort") + (i + 1) })))
      .concat([el("th", { class: "num", text: t("total") })]));
    const body = el("tbody");
    const scores = (v.provisional_scores || {})[judged.id] || [];
    const scoreOf = (teamId) => { const s = scores.find((x) => x.team_id === teamId); return s ? s.score : ""; };
    const flags = (v.flags || []).filter((f) => f.part_id === judged.id);
    for (const team of v.teams || []) {
      const row = el("tr", {}, [el("td", { text: team.name })]);
      for (const j of judges) {
        const s = sheets.find((x) => x.team_id === team.id && x.judge_id === j.id);
        const flagged = flags.some((f) => f.team_id === team.id && f.judge_id === j.id);
        row.appendChild(el("td", { class: "num" + (flagged ? " is-flag" : ""), title: flagged ? t("flag") : null, text: s ? L.num(s.total) : "·" }));
      }
      row.appendChild(el("td", { class: "num", text: scoreOf(team.id) === "" ? "" : L.num(scoreOf(team.id)) }));
      body.appendChild(row);
    }
    box.appendChild(el("div", { class: "muted small", text: judged.title }));
    box.appendChild(el("table", { class: "grid small" }, [el("thead", {}, head), body]));
  }

  // ---------------------------------------------------------------- devices
  const deviceRows = new Map();
  async function pollDevices() {
    try {
      const r = await fetch(urls.devices, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!r.ok) throw new Error(String(r.status));
      const data = await r.json();
      renderDevices(data.devices || []);
    } catch (e) {
      $("devices").dataset.error = t("devicesError");
    }
  }

  function renderDevices(list) {
    const tbody = $("devices").tBodies[0];
    const seen = new Set();
    list.forEach((d, i) => {
      const key = d.id !== null ? "d" + d.id : "j" + i + d.label;
      seen.add(key);
      let row = deviceRows.get(key);
      if (!row) {
        row = {
          tr: el("tr", { "data-device": key }),
          dot: el("span", { class: "dot" }),
          rtt: el("span", { class: "muted small" }),
          action: el("td"),
        };
        const qr = d.qr_url ? el("img", { src: d.qr_url, alt: d.code, class: "mc-qr", loading: "lazy" }) : null;
        row.tr.append(
          el("td", {}, [row.dot]),
          el("td", {}, [el("strong", { text: d.team || d.label }), el("div", { class: "muted small", text: t("kind_" + d.kind) })]),
          el("td", {}, [d.code ? el("code", { class: "mc-code", text: d.code }) : null, qr]),
          el("td", {}, [row.rtt]),
          row.action,
        );
        tbody.appendChild(row.tr);
        deviceRows.set(key, row);
      }
      row.dot.className = "dot" + (d.online ? " on" : "");
      row.dot.title = d.online ? t("online") : t("offline");
      row.rtt.textContent = d.revoked ? t("revoked") : d.online ? (d.rtt_ms !== null ? d.rtt_ms + " ms" : t("online")) : t("offline");
      row.action.replaceChildren(d.id !== null && !d.revoked
        ? el("button", { class: "btn btn-danger small", text: t("revoke"), onclick: () => revoke(d) }) : "");
    });
    for (const [key, row] of deviceRows) {
      if (!seen.has(key)) { row.tr.remove(); deviceRows.delete(key); }
    }
  }

  async function revoke(d) {
    if (!confirm(t("confirmRevoke", { name: d.team || d.label }))) return;
    const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    const r = await fetch(urls.revoke.replace("/0/", "/" + d.id + "/"), {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": token },
    });
    if (!r.ok) L.toast(t("devicesError"), "error");
    pollDevices();
  }

  pollDevices();
  setInterval(pollDevices, 3000);
  setInterval(() => { tickTimer(); tickCountdown(); }, 200);
})();
