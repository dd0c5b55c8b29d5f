/* Judge tablet: one mark sheet at a time, validated before it can be sent; sheets typed
   offline stay on the tablet and are sent on reconnect exactly once (live.js outbox).
   Every total shown after submission comes from the server (scoring); the only sum made
   here is the typing preview, in exact decimals (typingPreview). What may be done now
   (submit, ask for a correction, resolve, release) is the server's view.judge.can. */
(function () {
  "use strict";
  const L = window.Live;
  const el = L.el;
  L.addStrings({
    vi: {
      locked: "Đã khóa", pendingSend: "Đã lưu trên máy — chờ gửi", pendingCorrection: "Đang chờ duyệt điều chỉnh",
      missing: "Chưa nhập điểm “{name}”.", tooHigh: "Điểm “{name}” vượt quá tối đa {max}.", negative: "Điểm “{name}” không được âm.",
      notNumber: "Điểm “{name}” phải là một số.", reasonRequired: "Cần ghi rõ lý do điều chỉnh.", sentOk: "Đã gửi phiếu chấm.",
      correctionSent: "Đã gửi yêu cầu điều chỉnh.", team: "Đội", total: "Tổng", status: "Trạng thái",
      accept: "Chấp nhận", reject: "Từ chối", noPending: "Không có yêu cầu nào.", noFlags: "Không có điểm bất thường.",
      release: "Công bố điểm “{part}”", released: "“{part}” đã công bố",
      confirmRelease: "Công bố điểm phần “{part}”? Điểm của giám khảo sẽ hiện trên màn hình lớn.",
      confirmAccept: "Chấp nhận điều chỉnh của {judge} cho {team}?", rejectNote: "Lý do từ chối (không bắt buộc):",
      flagLine: "{judge} chấm {team}: {total} (trung vị các giám khảo khác {median})", requestLine: "{judge} · {team}: {old} → {total}. Lý do: {reason}",
      view: "Xem, điều chỉnh", corr_pending: "chờ duyệt", corr_accepted: "đã chấp nhận", corr_rejected: "đã từ chối", open: "đang mở",
    },
    en: {
      locked: "Locked", pendingSend: "Saved on this tablet — waiting to send", pendingCorrection: "Correction awaiting approval",
      missing: "“{name}” has no mark.", tooHigh: "“{name}” is above its maximum {max}.", negative: "“{name}” cannot be negative.",
      notNumber: "“{name}” must be a number.", reasonRequired: "A reason is required.", sentOk: "Sheet sent.",
      correctionSent: "Correction request sent.", team: "Team", total: "Total", status: "Status",
      accept: "Accept", reject: "Reject", noPending: "No requests.", noFlags: "No unusual marks.",
      release: "Release “{part}”", released: "“{part}” released",
      confirmRelease: "Release the marks of “{part}”? They will show on the big screen.",
      confirmAccept: "Accept {judge}'s correction for {team}?", rejectNote: "Reason for rejecting (optional):",
      flagLine: "{judge} gave {team}: {total} (median of the others {median})", requestLine: "{judge} · {team}: {old} → {total}. Reason: {reason}",
      view: "View, correct", corr_pending: "pending", corr_accepted: "accepted", corr_rejected: "rejected", open: "open",
    },
  });
  const t = L.t;
  const $ = (id) => document.getElementById(id);
  const cfg = JSON.parse($("live-config").textContent);
  let view = null;
  let selected = null; // "part:team"
  let correcting = false;

  const live = L.connect({ onView: render, onOutbox: () => view && render(view) });
  window.hallLive = live; // for diagnostics and the browser tests

  const teamName = (id) => { const x = (view.teams || []).find((y) => y.id === id); return x ? x.name : "#" + id; };
  const judgeName = (id) => { const x = (view.judges || []).find((y) => y.id === id); return x ? x.name : "#" + id; };
  const partOf = (id) => (view.parts || []).find((p) => p.id === id);
  const slotKey = (s) => s.part_id + ":" + s.team_id;
  const allowed = (name, key) => ((view && view.judge && view.judge.can && view.judge.can[name]) || []).includes(key);
  const draftKey = (k) => `hall:${cfg.slug}:draft:${cfg.identity}:${k}`;

  function readDraft(k) { try { return JSON.parse(localStorage.getItem(draftKey(k)) || "{}"); } catch (e) { return {}; } }
  function writeDraft(k, d) { try { localStorage.setItem(draftKey(k), JSON.stringify(d)); } catch (e) { /* ignored */ } }

  function queued(type, k) {
    return live.outbox().find((c) => c.type === type && c.part_id + ":" + c.team_id === k) || null;
  }

  function targets(v) {
    const j = v.judge || {};
    const out = new Map();
    for (const s of j.to_mark || []) out.set(slotKey(s), { part_id: s.part_id, team_id: s.team_id, open: true });
    for (const s of v.judging_open || []) if (!out.has(slotKey(s))) out.set(slotKey(s), { part_id: s.part_id, team_id: s.team_id, open: true });
    for (const s of j.my_marks || []) if (!out.has(slotKey(s))) out.set(slotKey(s), { part_id: s.part_id, team_id: s.team_id, open: false });
    for (const c of live.outbox()) {
      if (c.type === "submit_marks" && !out.has(slotKey(c))) out.set(slotKey(c), { part_id: c.part_id, team_id: c.team_id, open: true });
    }
    return out;
  }

  function render(v) {
    view = v;
    if (!v.contest) { $("jd-part").textContent = ""; return; }
    const part = partOf(v.part_id);
    $("jd-part").textContent = part ? part.title : "";
    const items = targets(v);
    const todo = (v.judge.to_mark || []).map(slotKey).filter((k) => !queued("submit_marks", k));
    const selectedDone = selected && ((v.judge.my_marks || []).some((m) => slotKey(m) === selected) || queued("submit_marks", selected));
    if (selectedDone && todo.length && !correcting) selected = todo[0]; // move on to the next team waiting
    if (!selected || !items.has(selected)) {
      selected = todo[0] || [...items.keys()].filter((k) => items.get(k).open).slice(-1)[0] || [...items.keys()].slice(-1)[0] || null;
    }
    const box = $("targets");
    box.replaceChildren();
    for (const [k, s] of items) {
      if (!s.open) continue; // locked sheets of closed judging are opened from "Phiếu đã chấm"
      const done = (v.judge.my_marks || []).some((m) => slotKey(m) === k);
      box.appendChild(el("button", {
        type: "button", class: "btn", "aria-pressed": String(k === selected), "data-target": k,
        text: teamName(s.team_id) + (done ? " ✓" : ""),
        onclick: () => { selected = k; correcting = false; render(view); },
      }));
    }
    renderSheet(v);
    renderMine(v);
    const n = live.outbox().length;
    $("outbox").hidden = n === 0;
    $("outbox").textContent = t("pendingSend") + " (" + n + ")";
    if (v.judge.is_head && $("head")) renderHead(v);
  }

  function renderSheet(v) {
    const form = $("sheet");
    $("sheet-empty").hidden = !!selected;
    form.hidden = !selected;
    if (!selected) return;
    const [partId, teamId] = selected.split(":").map(Number);
    const part = partOf(partId);
    const sheet = (v.judge.my_marks || []).find((m) => slotKey(m) === selected);
    const pendingSubmit = queued("submit_marks", selected);
    const corrections = (v.judge.my_corrections || []).filter((c) => slotKey(c) === selected);
    const pendingCorr = corrections.some((c) => c.status === "pending") || !!queued("request_correction", selected);
    form.dataset.key = selected;
    $("sheet-team").textContent = teamName(teamId) + " — " + part.title;
    const locked = !!sheet || !!pendingSubmit;
    const editable = !locked || (correcting && !!sheet && !pendingCorr);
    const draft = readDraft(selected);
    const source = sheet && !correcting ? sheet.marks : pendingSubmit ? pendingSubmit.marks : draft;
    const crit = $("criteria");
    const focusId = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.crit : null;
    if (crit.dataset.key !== selected + ":" + locked + ":" + editable) {
      crit.replaceChildren();
      crit.dataset.key = selected + ":" + locked + ":" + editable;
      for (const c of part.criteria || []) {
        const id = "crit-" + c.id;
        const value = source[c.id] !== undefined ? source[c.id] : "";
        crit.appendChild(el("div", { class: "jd-crit" }, [
          el("label", { for: id, text: c.name }),
          el("input", { id, type: "number", inputmode: "decimal", min: "0", max: String(c.max_points), step: "0.25",
            value: String(value), disabled: !editable, "data-crit": c.id, oninput: onInput }),
          el("span", { class: "max", text: "/ " + L.num(c.max_points) }),
        ]));
      }
      if (focusId) { const f = crit.querySelector(`[data-crit="${focusId}"]`); if (f && !f.disabled) f.focus(); }
    }
    $("sheet-max").textContent = L.num(part.max_total);
    const state = $("sheet-state");
    state.hidden = !locked && !pendingCorr;
    state.textContent = pendingSubmit && !sheet ? t("pendingSend") : pendingCorr ? t("pendingCorrection") : t("locked");
    state.className = "pill " + (pendingSubmit && !sheet ? "pill-warn" : "pill-ok");
    $("submit").hidden = locked;
    $("correction-open").hidden = !sheet || correcting || pendingCorr || !allowed("request_correction", selected);
    $("correction").hidden = !correcting || !sheet || pendingCorr;
    validate();
  }

  // ---------------------------------------------------------------- typing preview
  // Σ mark × weight while the judge types, in exact decimals (no float, no rounding),
  // as scoring.rules.judge_total computes it; the server's total replaces it once sent.
  function scaled(text) {
    const s = String(text);
    const neg = s.startsWith("-");
    const [whole, frac = ""] = (neg ? s.slice(1) : s).split(".");
    const units = BigInt((whole || "0") + frac);
    return [neg ? -units : units, frac.length];
  }

  function typingPreview(pairs) {
    let sum = 0n;
    let scale = 0;
    for (const [mark, weight] of pairs) {
      const [a, sa] = scaled(mark);
      const [b, sb] = scaled(weight);
      let product = a * b;
      const sp = sa + sb;
      if (sp > scale) { sum *= 10n ** BigInt(sp - scale); scale = sp; } else { product *= 10n ** BigInt(scale - sp); }
      sum += product;
    }
    const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, "0");
    let text = scale ? digits.slice(0, -scale) + "." + digits.slice(-scale) : digits;
    if (scale) text = text.replace(/\.?0+$/, "");
    return (sum < 0n ? "-" : "") + text;
  }

  function readValues() {
    const part = partOf(Number(selected.split(":")[0]));
    const marks = {};
    const errors = [];
    const typed = [];
    for (const c of part.criteria || []) {
      const input = $("crit-" + c.id);
      const raw = input ? input.value.trim().replace(",", ".") : "";
      let problem = null;
      if (raw === "") problem = { kind: "missing", text: t("missing", { name: c.name }) };
      else if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(Number(raw))) problem = { kind: "bad", text: t("notNumber", { name: c.name }) };
      else if (Number(raw) < 0) problem = { kind: "bad", text: t("negative", { name: c.name }) };
      else if (Number(raw) > c.max_points) problem = { kind: "bad", text: t("tooHigh", { name: c.name, max: L.num(c.max_points) }) };
      if (input) input.setAttribute("aria-invalid", String(!!problem && problem.kind === "bad"));
      if (problem) errors.push(problem);
      else { marks[String(c.id)] = Number(raw); typed.push([raw, c.weight === undefined ? 1 : c.weight]); }
    }
    return { marks, errors, preview: typingPreview(typed) };
  }

  function validate() {
    if (!selected || $("sheet").hidden) return null;
    const r = readValues();
    const sheet = (view.judge.my_marks || []).find((m) => slotKey(m) === selected);
    // once the server holds the sheet, its total (scoring's) is shown, never the preview
    $("sheet-total").textContent = L.num(sheet && !correcting ? sheet.total : r.preview);
    const shown = r.errors.find((e) => e.kind === "bad");
    $("sheet-error").textContent = shown ? shown.text : "";
    $("submit").disabled = r.errors.length > 0 || !allowed("submit_marks", selected);
    $("correction-send").disabled = r.errors.length > 0;
    return r;
  }

  function onInput() {
    if (!correcting) {
      const draft = {};
      for (const i of document.querySelectorAll("#criteria input")) if (i.value.trim() !== "") draft[i.dataset.crit] = i.value.trim();
      writeDraft(selected, draft);
    }
    validate();
  }

  $("sheet").addEventListener("submit", (e) => {
    e.preventDefault();
    const r = validate();
    if (!r || r.errors.length) { if (r) $("sheet-error").textContent = r.errors[0].text; return; }
    const [partId, teamId] = selected.split(":").map(Number);
    const key = selected;
    live.send({ type: "submit_marks", part_id: partId, team_id: teamId, marks: r.marks }, { durable: true })
      .then(() => { try { localStorage.removeItem(draftKey(key)); } catch (err) { /* ignored */ } L.toast(t("sentOk"), "ok", 2500); })
      .catch(() => null)
      .finally(() => view && render(view));
    render(view);
  });

  $("correction-open").addEventListener("click", () => { correcting = true; render(view); });
  $("correction-send").addEventListener("click", () => {
    const r = validate();
    const reason = $("correction-reason").value.trim();
    if (!r || r.errors.length) { if (r) $("sheet-error").textContent = r.errors[0].text; return; }
    if (!reason) { $("sheet-error").textContent = t("reasonRequired"); $("correction-reason").focus(); return; }
    const [partId, teamId] = selected.split(":").map(Number);
    live.send({ type: "request_correction", part_id: partId, team_id: teamId, marks: r.marks, reason }, { durable: true })
      .then(() => { L.toast(t("correctionSent"), "ok"); $("correction-reason").value = ""; })
      .catch(() => null)
      .finally(() => { correcting = false; if (view) render(view); });
    correcting = false;
    render(view);
  });

  function renderMine(v) {
    const tbody = $("my-marks").tBodies[0];
    tbody.replaceChildren();
    for (const s of v.judge.my_marks || []) {
      tbody.appendChild(el("tr", {}, [
        el("td", { text: teamName(s.team_id) }), el("td", { class: "muted", text: (partOf(s.part_id) || {}).title }),
        el("td", { class: "num", text: L.num(s.total) }),
        el("td", {}, el("button", { type: "button", class: "btn small", "data-open": slotKey(s), text: t("view"),
          onclick: () => { selected = slotKey(s); correcting = false; render(view); } })),
      ]));
    }
    const box = $("my-corrections");
    box.replaceChildren();
    for (const c of v.judge.my_corrections || []) {
      box.appendChild(el("p", { class: "muted small" }, [teamName(c.team_id) + ": " + L.num(c.total) + " · " + t("corr_" + c.status)]));
    }
  }

  // ---------------------------------------------------------------- head judge
  function renderHead(v) {
    const marksBox = $("head-marks");
    marksBox.replaceChildren();
    const judged = (v.parts || []).filter((p) => p.kind !== "knowledge");
    for (const part of judged) {
      const sheets = (v.all_marks || []).filter((s) => s.part_id === part.id);
      if (!sheets.length && !(v.judging_open || []).some((s) => s.part_id === part.id)) continue;
      const flags = (v.flags || []).filter((f) => f.part_id === part.id);
      const scores = (v.provisional_scores || {})[part.id] || [];
      const scoreOf = (teamId) => { const x = scores.find((y) => y.team_id === teamId); return x ? x.score : ""; };
      const head = el("tr", {}, [el("th", { text: part.title })]
        .concat((v.judges || []).map((j) => el("th", { class: "num", text: j.name })))
        .concat([el("th", { class: "num", text: t("total") })]));
      const body = el("tbody");
      for (const team of v.teams || []) {
        if (!sheets.some((s) => s.team_id === team.id)) continue;
        const row = el("tr", { "data-team": team.id }, [el("td", { text: team.name })]);
        for (const j of v.judges || []) {
          const s = sheets.find((x) => x.team_id === team.id && x.judge_id === j.id);
          const flagged = flags.some((f) => f.team_id === team.id && f.judge_id === j.id);
          row.appendChild(el("td", { class: "num" + (flagged ? " is-flag" : ""), text: s ? L.num(s.total) : "·" }));
        }
        row.appendChild(el("td", { class: "num", text: scoreOf(team.id) === "" ? "" : L.num(scoreOf(team.id)) }));
        body.appendChild(row);
      }
      marksBox.appendChild(el("table", { class: "grid", "data-part": part.id }, [el("thead", {}, head), body]));
    }
    const corrBox = $("head-corrections");
    corrBox.replaceChildren();
    const pending = v.pending_corrections || [];
    if (!pending.length) corrBox.appendChild(el("p", { class: "muted", text: t("noPending") }));
    for (const c of pending) {
      const old = (v.all_marks || []).find((s) => s.part_id === c.part_id && s.team_id === c.team_id && s.judge_id === c.judge_id);
      corrBox.appendChild(el("div", { class: "jd-req", "data-request": c.id }, [
        el("span", { text: t("requestLine", { judge: judgeName(c.judge_id), team: teamName(c.team_id), old: old ? L.num(old.total) : "–", total: L.num(c.total), reason: c.reason }) }),
        el("button", { type: "button", class: "btn btn-ok", text: t("accept"), disabled: !allowed("resolve_correction", c.id), onclick: () => {
          if (confirm(t("confirmAccept", { judge: judgeName(c.judge_id), team: teamName(c.team_id) }))) {
            live.send({ type: "resolve_correction", request_id: c.id, accept: true }).catch(() => null);
          }
        } }),
        el("button", { type: "button", class: "btn btn-danger", text: t("reject"), disabled: !allowed("resolve_correction", c.id), onclick: () => {
          const note = prompt(t("rejectNote"));
          if (note !== null) live.send({ type: "resolve_correction", request_id: c.id, accept: false, note: note.trim() }).catch(() => null);
        } }),
      ]));
    }
    const flagBox = $("head-flags");
    flagBox.replaceChildren();
    const flags = v.flags || [];
    if (!flags.length) flagBox.appendChild(el("p", { class: "muted", text: t("noFlags") }));
    for (const f of flags) {
      flagBox.appendChild(el("p", { class: "form-error", text: t("flagLine", { judge: judgeName(f.judge_id), team: teamName(f.team_id), total: L.num(f.total), median: L.num(f.median_others) }) }));
    }
    const rel = $("head-release");
    rel.replaceChildren();
    for (const part of judged) {
      rel.appendChild(part.released
        ? el("span", { class: "pill pill-ok", text: t("released", { part: part.title }) })
        : el("button", { type: "button", class: "btn btn-primary", "data-release": part.id, disabled: !allowed("release_marks", part.id), text: t("release", { part: part.title }), onclick: () => {
          if (confirm(t("confirmRelease", { part: part.title }))) live.send({ type: "release_marks", part_id: part.id }).catch(() => null);
        } }));
    }
  }
})();
