/* Big screen (projector, 1920×1080): no controls, everything follows the hall's state.
   Ranks, ties, the podium and every figure come from the server (scoring); this only
   lays them out and formats the numbers for the language (Live.num). */
(function () {
  "use strict";
  const L = window.Live;
  const el = L.el;
  L.addStrings({
    vi: {
      waiting: "Hội thi sắp bắt đầu", paused: "Tạm dừng", tile: "Câu số {n}", turnOf: "Lượt của {team}",
      buzzTurn: "Phần thi giành quyền trả lời", noTurn: "Mời đội lên bốc thăm", team: "Đội {n}",
      unit: "{unit}", cast: "Số người diễn: {n}", buzzNow: "Bấm chuông!", getReady: "Chuẩn bị…",
      winner: "{team} giành quyền trả lời", winnerMember: "{team} giành quyền trả lời — {member}",
      answered: "Đã trả lời: {teams}", pressed: "Đã bấm chuông: {teams}", closed: "Hết giờ trả lời",
      right: "Đúng", wrong: "Sai", timeout: "Hết giờ", points: "{p} điểm", noAnswer: "Không có câu trả lời",
      marksOf: "Điểm giám khảo — {part}", average: "Điểm", judge: "Giám khảo", rank: "Hạng {n}",
      seconds: "{s}", tied: "đồng hạng",
    },
    en: {
      waiting: "The contest is about to begin", paused: "Paused", tile: "Question {n}", turnOf: "Turn of {team}",
      buzzTurn: "Buzz-in round", noTurn: "A team is called to draw", team: "Team {n}",
      unit: "{unit}", cast: "Cast: {n}", buzzNow: "Buzz now!", getReady: "Get ready…",
      winner: "{team} won the buzz", winnerMember: "{team} won the buzz — {member}",
      answered: "Answered: {teams}", pressed: "Buzzed: {teams}", closed: "Time is up",
      right: "Right", wrong: "Wrong", timeout: "Timed out", points: "{p} points", noAnswer: "No answer",
      marksOf: "Judges' marks — {part}", average: "Score", judge: "Judge", rank: "Rank {n}",
      seconds: "{s}", tied: "tied",
    },
  });
  const t = L.t;
  const $ = (id) => document.getElementById(id);
  const SCENES = ["welcome", "stage", "board", "question", "marks", "lots", "podium"];
  let view = null;
  let focus = null; // the latest "stage" or "marks" event decides between them

  const live = L.connect({ onView: render, onEvent });
  window.hallLive = live; // for diagnostics and the browser tests

  function onEvent(ev) {
    if (ev.type === "marks_released") focus = { kind: "marks", part: ev.part_id };
    else if (ev.type === "team_staged" || ev.type === "part_changed") focus = { kind: "stage" };
  }

  const teamOf = (id) => (view.teams || []).find((x) => x.id === id);
  const teamName = (id) => { const x = teamOf(id); return x ? x.name : ""; };
  const memberName = (teamId, memberId) => {
    const team = teamOf(teamId);
    const m = team && (team.members || []).find((x) => x.id === memberId);
    return m ? m.name : "";
  };
  const partOf = (id) => (view.parts || []).find((p) => p.id === id);

  function show(name) {
    for (const s of SCENES) $("scene-" + s).hidden = s !== name;
    document.body.dataset.scene = name;
  }

  function render(v) {
    view = v;
    const part = v.contest ? partOf(v.part_id) : null;
    $("bs-part").textContent = (part ? part.title : "") + (v.status === "paused" ? " · " + t("paused") : "");
    renderStandings(v);
    if (!v.contest || v.status === "ready") {
      show("welcome");
      $("welcome-sub").textContent = t("waiting");
      return;
    }
    if (v.lots_shown) {
      renderLots(v);
      show("lots");
      return;
    }
    if (v.status === "finished") {
      renderPodium(v);
      show("podium");
      return;
    }
    if (v.question) {
      renderQuestion(v, v.question);
      show("question");
      return;
    }
    if (part && part.kind === "knowledge") {
      renderBoard(v, part);
      show("board");
      return;
    }
    if (part) {
      const stage = v.stage && v.stage.part_id === part.id ? v.stage : null;
      const wantMarks = part.released && (!stage || (focus && focus.kind === "marks"));
      if (wantMarks) {
        renderMarks(v, part);
        show("marks");
        return;
      }
      if (stage) {
        renderStage(v, stage);
        show("stage");
        return;
      }
    }
    show("welcome");
    $("welcome-sub").textContent = part ? part.title : "";
  }

  // ---------------------------------------------------------------- stage
  let stageNow = null;
  function renderStage(v, stage) {
    stageNow = stage;
    const team = teamOf(stage.team_id) || {};
    $("stage-no").textContent = t("team", { n: team.number || "" });
    $("stage-team").textContent = team.name || "";
    $("stage-unit").textContent = team.unit_name || "";
    $("stage-slogan").textContent = team.slogan || "";
    $("stage-cast").textContent = stage.cast_size ? t("cast", { n: stage.cast_size }) : "";
    tickStage();
  }

  function tickStage() {
    if (!stageNow || document.body.dataset.scene !== "stage") return;
    const tm = stageNow.timer;
    let elapsed = 0;
    if (tm.started_at_ms !== null && tm.started_at_ms !== undefined) {
      const end = tm.stopped_at_ms !== null && tm.stopped_at_ms !== undefined ? tm.stopped_at_ms : live.serverNow();
      elapsed = end - tm.started_at_ms;
    }
    const left = tm.limit_ms - elapsed;
    const node = $("stage-timer");
    node.textContent = L.clock(left);
    node.classList.toggle("is-over", left < 0);
    node.classList.toggle("is-running", !!tm.running);
  }

  // ---------------------------------------------------------------- board
  function renderBoard(v, part) {
    $("board-turn").textContent = part.mode === "buzz_in" ? t("buzzTurn")
      : v.turn_team_id ? t("turnOf", { team: teamName(v.turn_team_id) }) : t("noTurn");
    const box = $("board-tiles");
    box.replaceChildren();
    const board = v.board;
    if (!board) return;
    for (let n = 1; n <= board.tiles; n++) {
      box.appendChild(el("div", { class: "bs-tilebox" + (board.used.includes(n) ? " is-used" : ""), text: n }));
    }
  }

  // ---------------------------------------------------------------- question
  let deadline = null;
  function renderQuestion(v, q) {
    $("q-tile").textContent = t("tile", { n: q.tile });
    const owner = q.mode === "team_turn" ? q.team_id : q.winner_team_id;
    $("q-team").textContent = owner ? teamName(owner) : q.mode === "buzz_in" ? t("buzzTurn") : "";
    $("q-text").textContent = q.text;
    const revealed = q.phase === "revealed";
    const ol = $("q-options");
    ol.replaceChildren();
    for (const o of q.options || []) {
      const cls = "bs-option" + (revealed ? (o.label === q.correct ? " is-correct" : " is-dim") : "");
      ol.appendChild(el("li", { class: cls, "data-label": o.label }, [
        el("span", { class: "bs-olabel", text: o.label }), el("span", { class: "bs-otext", text: o.text }),
      ]));
    }
    deadline = q.phase === "answering" || q.phase === "buzz_answering" ? q.deadline_ms : null;
    renderQuestionInfo(v, q);
    tickCountdown();
  }

  function renderQuestionInfo(v, q) {
    const box = $("q-info");
    box.replaceChildren();
    const phase = q.phase;
    if (q.mode === "buzz_in" && q.winner_team_id && phase !== "buzzing") {
      const member = memberName(q.winner_team_id, q.winner_member_id);
      box.appendChild(el("div", { class: "bs-winner", "data-testid": "buzz-winner",
        text: member ? t("winnerMember", { team: teamName(q.winner_team_id), member }) : t("winner", { team: teamName(q.winner_team_id) }) }));
    } else if (q.mode === "buzz_in" && phase === "buzzing" && q.pressed_team_ids.length) {
      box.appendChild(el("div", { class: "bs-line", text: t("pressed", { teams: q.pressed_team_ids.map(teamName).join(", ") }) }));
    }
    if (revealedResults(q).length) {
      const ul = el("ul", { class: "bs-results", "data-testid": "results" });
      for (const r of revealedResults(q)) {
        const outcome = r.outcome || (r.timed_out ? "timeout" : r.correct ? "right" : "wrong");
        ul.appendChild(el("li", { class: "is-" + outcome }, [
          el("strong", { text: teamName(r.team_id) }),
          r.member_id ? " — " + memberName(r.team_id, r.member_id) : "",
          r.choice ? " · " + r.choice : "",
          " · " + t(outcome),
          " · " + t("points", { p: L.num(r.points) }),
        ]));
      }
      box.appendChild(ul);
    } else if (phase === "revealed") {
      box.appendChild(el("div", { class: "bs-line", text: t("noAnswer") }));
    } else if (q.mode === "team_turn" && q.answered.length) {
      const names = [...new Set(q.answered.map((a) => teamName(a.team_id)))];
      box.appendChild(el("div", { class: "bs-line", text: t("answered", { teams: names.join(", ") }) }));
    }
    if (phase === "closed") box.appendChild(el("div", { class: "bs-line", text: t("closed") }));
  }

  function revealedResults(q) {
    if (q.phase === "revealed") return q.results || [];
    return q.mode === "buzz_in" ? q.judged || [] : [];
  }

  function tickCountdown() {
    const node = $("q-countdown");
    if (!view || !view.question) return;
    const q = view.question;
    if (q.phase === "buzzing") {
      node.textContent = t("buzzNow");
      node.className = "bs-countdown is-buzz";
      delete node.dataset.remainingMs;
      return;
    }
    if (!deadline) {
      node.textContent = q.phase === "shown" ? t("getReady") : "";
      node.className = "bs-countdown";
      delete node.dataset.remainingMs;
      return;
    }
    const left = Math.max(0, deadline - live.serverNow());
    node.dataset.remainingMs = String(Math.round(left));
    node.textContent = String(Math.ceil(left / 1000));
    node.className = "bs-countdown" + (left <= 5000 ? " is-low" : "");
  }

  // ---------------------------------------------------------------- marks
  function renderMarks(v, part) {
    $("marks-title").textContent = t("marksOf", { part: part.title });
    const sheets = (v.released_marks || []).filter((s) => s.part_id === part.id);
    const judges = (v.judges || []).filter((j) => sheets.some((s) => s.judge_id === j.id));
    const scores = (v.released_scores || {})[part.id] || []; // best first, from the server
    const table = $("marks-table");
    table.replaceChildren();
    table.appendChild(el("thead", {}, el("tr", {}, [el("th", { text: "" })]
      .concat(judges.map((j) => el("th", { class: "num", text: j.name })))
      .concat([el("th", { class: "num", text: t("average") })]))));
    const body = el("tbody");
    for (const score of scores) {
      const team = teamOf(score.team_id) || {};
      const row = el("tr", { "data-team": score.team_id }, [el("td", { text: team.name })]);
      for (const j of judges) {
        const s = sheets.find((x) => x.team_id === score.team_id && x.judge_id === j.id);
        row.appendChild(el("td", { class: "num", text: s ? L.num(s.total) : "–" }));
      }
      row.appendChild(el("td", { class: "num strong", text: L.num(score.score) }));
      body.appendChild(row);
    }
    table.appendChild(body);
  }

  // ---------------------------------------------------------------- standings
  function renderStandings(v) {
    const ol = $("standings");
    ol.replaceChildren();
    for (const r of v.standings || []) {
      ol.appendChild(el("li", { "data-team": r.team_id, "data-rank": r.rank, class: r.tied ? "is-tied" : "" }, [
        el("span", { class: "bs-rank", text: r.rank + (r.tied ? "=" : ""), title: r.tied ? t("tied") : null }),
        el("span", { class: "bs-sname", text: r.name }),
        el("span", { class: "bs-stotal", text: L.num(r.total) }),
      ]));
    }
  }

  // The podium's steps come from the server: teams sharing a rank stand on one step
  // (a tie is shown as a tie, never split); laid out 2nd, 1st, 3rd like a real podium.
  function renderPodium(v) {
    const box = $("podium");
    box.replaceChildren();
    const steps = v.podium || [];
    for (const i of [1, 0, 2].filter((k) => steps[k])) {
      const step = steps[i];
      box.appendChild(el("div", { class: "bs-step bs-step-" + step.rank, "data-rank": step.rank, "data-teams": step.team_ids.join(",") }, [
        el("div", { class: "bs-step-names" }, step.team_ids.map((id) => el("div", { class: "bs-step-name", text: teamName(id) }))),
        el("div", { class: "bs-step-total", text: L.num(step.total) }),
        el("div", { class: "bs-step-block", text: t("rank", { n: step.rank }) }),
      ]));
    }
  }

  function renderLots(v) {
    const box = $("lots");
    box.replaceChildren();
    const draw = (v.lots || []).find((d) => d.id === v.lots_shown);
    if (!draw) return;
    for (const id of draw.order) {
      let name = draw.kind === "teams" ? teamName(id) : "";
      if (!name) for (const team of v.teams || []) { const m = (team.members || []).find((x) => x.id === id); if (m) name = m.name + " (" + team.name + ")"; }
      box.appendChild(el("li", { "data-id": id, text: name }));
    }
  }

  setInterval(() => { tickStage(); tickCountdown(); }, 100);
})();
