/*
 * live.js — the one shared client of the contest hall (MC console, big screen,
 * buzzer pad, judge tablet). Protocol: docs/PROTOCOL.md.
 *
 *   const live = Live.connect({onView, onEvent, onStatus});
 *   live.send({type: "draw"}).then(ack => ..., err => ...);
 *   live.send({type: "submit_marks", ...}, {durable: true});  // survives offline
 *   live.serverNow();                                          // ms, server clock
 *
 * The page provides its configuration in <script id="live-config" type="application/json">
 * ({token, ws_path, role, slug, identity}).
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ strings
  const STRINGS = {
    vi: {
      reconnecting: "Đang kết nối lại…",
      connecting: "Đang kết nối…",
      offline: "Mất mạng — đang chờ kết nối lại…",
      revoked: "Thiết bị đã bị thu hồi quyền tham gia.",
      denied: "Không thể tham gia: ",
      rejoin: "Tham gia lại",
      notConnected: "Chưa kết nối tới máy chủ; thao tác chưa được gửi.",
      lostReply: "Mất kết nối trước khi máy chủ trả lời; hãy kiểm tra lại rồi thử lại.",
      queued: "Đã lưu trên máy; sẽ tự gửi khi có kết nối.",
      outboxSent: "Đã gửi phiếu lưu trên máy.",
      refused: "Bị từ chối",
    },
    en: {
      reconnecting: "Reconnecting…",
      connecting: "Connecting…",
      offline: "Offline — waiting for the network…",
      revoked: "This device's access was revoked.",
      denied: "Cannot join: ",
      rejoin: "Join again",
      notConnected: "Not connected to the server; nothing was sent.",
      lostReply: "Connection lost before the server answered; check and try again.",
      queued: "Saved on this device; it will be sent when the connection is back.",
      outboxSent: "Saved sheet sent.",
      refused: "Refused",
    },
  };

  function lang() {
    const l = (document.documentElement.lang || "vi").slice(0, 2).toLowerCase();
    return STRINGS[l] ? l : "vi";
  }

  /** Add page-specific strings: Live.addStrings({vi: {...}, en: {...}}). */
  function addStrings(more) {
    for (const l of Object.keys(more)) {
      STRINGS[l] = Object.assign(STRINGS[l] || {}, more[l]);
    }
  }

  /** Translate a key; `{name}` placeholders are filled from `params`. */
  function t(key, params) {
    let s = (STRINGS[lang()] || {})[key];
    if (s === undefined) s = STRINGS.vi[key] !== undefined ? STRINGS.vi[key] : key;
    if (params) {
      s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m));
    }
    return s;
  }

  // ------------------------------------------------------------------ helpers
  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const b = new Uint8Array(16);
    window.crypto.getRandomValues(b); // available on plain-http LAN pages too
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function store(kind) {
    try {
      const s = kind === "local" ? window.localStorage : window.sessionStorage;
      const probe = "__hall_probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      const mem = {};
      return {
        getItem: (k) => (k in mem ? mem[k] : null),
        setItem: (k, v) => { mem[k] = String(v); },
        removeItem: (k) => { delete mem[k]; },
      };
    }
  }

  function readJSON(storage, key, fallback) {
    try {
      const raw = storage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, "");
      else node.setAttribute(k, v);
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  // ------------------------------------------------------------------ UI chrome
  let bannerNode = null;
  let toastBox = null;

  function banner(text, kind) {
    if (!bannerNode) {
      bannerNode = el("div", { id: "live-banner", class: "live-banner", role: "status", "aria-live": "polite" });
      document.body.appendChild(bannerNode);
    }
    if (!text) {
      bannerNode.hidden = true;
      bannerNode.textContent = "";
      document.body.classList.remove("is-offline");
      return;
    }
    bannerNode.hidden = false;
    bannerNode.className = "live-banner" + (kind ? " live-banner--" + kind : "");
    bannerNode.textContent = text;
    document.body.classList.add("is-offline");
  }

  /** A short message in the corner; kind: "ok" | "error" | "info". */
  function toast(text, kind, ms) {
    if (!toastBox) {
      toastBox = el("div", { id: "live-toasts", class: "live-toasts", "aria-live": "assertive" });
      document.body.appendChild(toastBox);
    }
    const node = el("div", { class: "live-toast live-toast--" + (kind || "info"), text: text });
    toastBox.appendChild(node);
    setTimeout(() => node.remove(), ms || 5000);
    return node;
  }

  // ------------------------------------------------------------------ the client
  const BACKOFF_MIN_MS = 500;
  const BACKOFF_MAX_MS = 8000;
  const PING_EVERY_MS = 3000;
  const PONG_DEADLINE_MS = 8000;
  const SAMPLES = 8;
  const REPLY_TIMEOUT_MS = 12000;

  function readConfig() {
    const node = document.getElementById("live-config");
    if (!node) throw new Error("live.js: missing #live-config");
    return JSON.parse(node.textContent);
  }

  function connect(handlers) {
    const cfg = Object.assign(readConfig(), handlers.config || {});
    const ns = `hall:${cfg.slug}:${cfg.role}:${cfg.identity || ""}`;
    const session = store("session");
    const local = store("local");
    const outboxKey = ns + ":outbox";

    const api = {
      status: "connecting",
      seq: readJSON(session, ns + ":seq", null),
      epoch: readJSON(session, ns + ":epoch", null),
      view: null,
      offset: 0,
      rtt: null,
      send,
      serverNow,
      resync,
      outbox: () => readJSON(local, outboxKey, []),
      close: () => { stopped = true; if (ws) ws.close(); },
    };

    let ws = null;
    let stopped = false;
    let attempt = 0;
    let reconnectTimer = null;
    let pingTimer = null;
    let lastPongAt = 0;
    let lastSample = null; // {rtt, offset} reported in the next ping
    const samples = [];
    const pending = new Map(); // id -> {resolve, reject, command, durable, timer}
    let resyncing = false;
    let behindSince = 0;

    function setStatus(status, detail) {
      api.status = status;
      document.body.dataset.live = status;
      if (status === "live") banner(null);
      else if (status === "revoked") banner(t("revoked") + (detail ? " " + detail : ""), "fatal");
      else if (status === "denied") banner(t("denied") + (detail || ""), "fatal");
      else if (status === "offline") banner(t("offline"), "warn");
      else banner(attempt === 0 ? t("connecting") : t("reconnecting"), "warn");
      if (handlers.onStatus) handlers.onStatus(status, detail);
    }

    function serverNow() {
      return Date.now() + api.offset;
    }

    function remember(seq, epoch) {
      api.seq = seq;
      api.epoch = epoch;
      session.setItem(ns + ":seq", JSON.stringify(seq));
      session.setItem(ns + ":epoch", JSON.stringify(epoch));
    }

    function raw(obj) {
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify(obj));
        return true;
      }
      return false;
    }

    // ---------------------------------------------------------------- socket
    function open() {
      if (stopped) return;
      clearTimeout(reconnectTimer);
      if (!navigator.onLine) {
        setStatus("offline");
        return;
      }
      setStatus("connecting");
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      const socket = new WebSocket(scheme + location.host + cfg.ws_path);
      ws = socket;
      socket.onopen = () => {
        if (ws !== socket) return;
        resyncing = false;
        raw({ type: "hello", token: cfg.token, last_seq: api.seq, epoch: api.epoch });
      };
      socket.onmessage = (e) => {
        if (ws !== socket) return;
        let msg;
        try {
          msg = JSON.parse(e.data);
        } catch (err) {
          return;
        }
        onMessage(msg);
      };
      socket.onclose = (e) => {
        if (ws !== socket) return;
        ws = null;
        stopPing();
        failPending();
        if (e.code === 4003) {
          stopped = true;
          setStatus("revoked");
          return;
        }
        if (e.code === 4001) {
          stopped = true;
          setStatus("denied", deniedReason);
          return;
        }
        scheduleReconnect();
      };
    }

    function scheduleReconnect() {
      if (stopped) return;
      if (!navigator.onLine) {
        setStatus("offline");
        return;
      }
      setStatus("reconnecting");
      const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * Math.pow(2, attempt));
      const delay = base / 2 + Math.random() * (base / 2); // "equal jitter"
      attempt += 1;
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(open, delay);
    }

    function reconnectNow() {
      if (stopped) return;
      attempt = 0;
      if (ws && ws.readyState === WebSocket.OPEN) {
        resync();
        return;
      }
      if (ws && ws.readyState === WebSocket.CONNECTING) return;
      open();
    }

    function dropSocket() {
      if (ws) {
        const s = ws;
        ws = null;
        stopPing();
        failPending();
        try { s.close(); } catch (e) { /* already closed */ }
      }
    }

    // ---------------------------------------------------------------- clock
    function startPing() {
      stopPing();
      lastPongAt = Date.now();
      // A quick burst first, so countdowns are right within a second of joining.
      [0, 250, 600].forEach((d) => setTimeout(ping, d));
      pingTimer = setInterval(() => {
        if (Date.now() - lastPongAt > PONG_DEADLINE_MS) {
          // The socket looks open but nothing comes back: a dead network path.
          dropSocket();
          scheduleReconnect();
          return;
        }
        ping();
      }, PING_EVERY_MS);
    }

    function stopPing() {
      clearInterval(pingTimer);
      pingTimer = null;
    }

    function ping() {
      const msg = { type: "ping", t0: Date.now() };
      if (lastSample) {
        msg.rtt = lastSample.rtt;
        msg.offset = lastSample.offset;
      }
      raw(msg);
    }

    function onPong(msg) {
      const t1 = Date.now();
      lastPongAt = t1;
      if (typeof msg.t0 !== "number" || typeof msg.server_ms !== "number") return;
      const rtt = t1 - msg.t0;
      const offset = msg.server_ms - (msg.t0 + t1) / 2;
      samples.push({ rtt, offset });
      while (samples.length > SAMPLES) samples.shift();
      const best = samples.reduce((a, b) => (b.rtt < a.rtt ? b : a));
      api.offset = Math.round(best.offset);
      api.rtt = rtt;
      lastSample = { rtt: Math.round(best.rtt), offset: Math.round(best.offset) };
      watchSeq(msg.seq);
    }

    /** The server is ahead and no event came: the doorbell was lost — resync. */
    function watchSeq(serverSeq) {
      if (typeof serverSeq !== "number" || api.seq === null || serverSeq <= api.seq) {
        behindSince = 0;
        return;
      }
      if (!behindSince) behindSince = Date.now();
      else if (Date.now() - behindSince > 1500) {
        behindSince = 0;
        resync();
      }
    }

    // ---------------------------------------------------------------- messages
    let deniedReason = "";

    function onMessage(msg) {
      switch (msg.type) {
        case "snapshot":
          resyncing = false;
          remember(msg.seq, msg.epoch);
          goLive(msg);
          applyView(msg.view, msg);
          break;
        case "recovered":
          resyncing = false;
          if (msg.view !== undefined) {
            remember(msg.seq, msg.epoch);
            applyView(msg.view, msg);
          } else {
            remember(msg.from_seq, msg.epoch);
          }
          goLive(msg);
          break;
        case "event":
          onEventMessage(msg);
          break;
        case "ack":
          settle(msg.id, true, msg);
          watchSeq(msg.seq);
          break;
        case "refused":
          if (!msg.id && api.status !== "live") deniedReason = msg.reason || "";
          settle(msg.id, false, msg);
          break;
        case "pong":
          onPong(msg);
          break;
        case "revoked":
          stopped = true;
          setStatus("revoked", msg.reason || "");
          break;
        default:
          break;
      }
    }

    function goLive(msg) {
      if (api.status !== "live") {
        attempt = 0;
        setStatus("live");
        startPing();
        flushOutbox();
      }
      if (typeof msg.server_ms === "number" && !samples.length) {
        api.offset = msg.server_ms - Date.now(); // rough until the first pong
      }
    }

    function onEventMessage(msg) {
      if (api.epoch !== null && msg.epoch !== api.epoch) {
        resync();
        return;
      }
      if (api.seq !== null && msg.seq <= api.seq) return; // already applied
      if (api.seq !== null && msg.seq > api.seq + 1) {
        resync();
        return;
      }
      remember(msg.seq, msg.epoch);
      if (msg.event && handlers.onEvent) {
        try {
          handlers.onEvent(msg.event, { replay: !!msg.replay, seq: msg.seq });
        } catch (err) {
          console.error(err);
        }
      }
      if (msg.view !== undefined) {
        applyView(msg.view, msg);
      } else if (msg.view_changes !== undefined) {
        // A live frame carries only the view's top-level keys that changed since
        // seq - 1, which this client holds (frames are applied strictly in order).
        if (!api.view) {
          resync();
          return;
        }
        const view = Object.assign({}, api.view, msg.view_changes);
        (msg.view_removed || []).forEach((k) => {
          delete view[k];
        });
        applyView(view, msg);
      }
    }

    function applyView(view, msg) {
      api.view = view;
      if (handlers.onView) {
        try {
          handlers.onView(view, { seq: msg.seq, serverMs: msg.server_ms });
        } catch (err) {
          console.error(err);
        }
      }
    }

    function resync() {
      if (resyncing) return;
      if (raw({ type: "resync", last_seq: api.seq, epoch: api.epoch })) {
        resyncing = true;
        setTimeout(() => { resyncing = false; }, 3000);
      }
    }

    // ---------------------------------------------------------------- commands
    function outboxItems() {
      return readJSON(local, outboxKey, []);
    }

    function saveOutbox(items) {
      local.setItem(outboxKey, JSON.stringify(items));
      if (handlers.onOutbox) handlers.onOutbox(items);
    }

    function removeFromOutbox(id) {
      const items = outboxItems();
      const rest = items.filter((c) => c.id !== id);
      if (rest.length !== items.length) saveOutbox(rest);
      return rest.length !== items.length;
    }

    function flushOutbox() {
      for (const command of outboxItems()) {
        if (!pending.has(command.id)) {
          pending.set(command.id, { command, durable: true, resolve: null, reject: null });
        }
        raw(command); // the SAME id: the server applies it exactly once
      }
    }

    /**
     * Send a command; resolves with the ack, rejects with the refusal.
     * options.durable: keep it in localStorage until the server answers (judge marks).
     * options.quiet: no toast on refusal.
     */
    function send(command, options) {
      const opts = options || {};
      const full = Object.assign({}, command, { id: command.id || uuid4() });
      return new Promise((resolve, reject) => {
        const entry = { command: full, durable: !!opts.durable, quiet: !!opts.quiet, resolve, reject };
        if (opts.durable) {
          const items = outboxItems().filter((c) => c.id !== full.id);
          items.push(full);
          saveOutbox(items);
        }
        pending.set(full.id, entry);
        if (!raw(full)) {
          if (opts.durable) {
            toast(t("queued"), "info");
            return; // stays pending; flushed on reconnect
          }
          pending.delete(full.id);
          const err = { code: "offline", reason: t("notConnected") };
          if (!opts.quiet) toast(err.reason, "error");
          reject(err);
          return;
        }
        if (!opts.durable) {
          entry.timer = setTimeout(() => {
            if (pending.get(full.id) === entry) {
              pending.delete(full.id);
              const err = { code: "timeout", reason: t("lostReply") };
              if (!opts.quiet) toast(err.reason, "error");
              reject(err);
            }
          }, REPLY_TIMEOUT_MS);
        }
      });
    }

    function settle(id, ok, msg) {
      if (!id) {
        if (!ok && msg.reason && api.status === "live") toast(msg.reason, "error");
        return;
      }
      const entry = pending.get(id);
      const wasQueued = removeFromOutbox(id);
      if (!entry) {
        if (wasQueued && ok) toast(t("outboxSent"), "ok");
        return;
      }
      pending.delete(id);
      clearTimeout(entry.timer);
      if (ok) {
        if (entry.resolve) entry.resolve(msg);
        else if (wasQueued) toast(t("outboxSent"), "ok");
      } else {
        if (!entry.quiet) toast(msg.reason || t("refused"), "error");
        if (entry.reject) entry.reject(msg);
      }
      if (handlers.onReply) handlers.onReply(ok, msg, entry.command);
    }

    function failPending() {
      for (const [id, entry] of Array.from(pending.entries())) {
        if (entry.durable) continue; // kept in the outbox, resent with the same id
        pending.delete(id);
        clearTimeout(entry.timer);
        const err = { code: "offline", reason: t("lostReply") };
        if (!entry.quiet) toast(err.reason, "error");
        if (entry.reject) entry.reject(err);
      }
    }

    // ---------------------------------------------------------------- lifecycle
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") reconnectNow();
    });
    window.addEventListener("online", () => reconnectNow());
    window.addEventListener("offline", () => {
      dropSocket();
      setStatus("offline");
    });
    window.addEventListener("pageshow", (e) => {
      if (e.persisted) reconnectNow();
    });

    if (handlers.onOutbox) handlers.onOutbox(outboxItems());
    open();
    return api;
  }

  // ------------------------------------------------------------------ formatting
  /** "m:ss" for a duration in ms (negative → "+m:ss" overtime). */
  function clock(ms) {
    const over = ms < 0;
    const s = Math.ceil(Math.abs(ms) / 1000);
    const text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return over ? "+" + text : text;
  }

  /** A figure as the server sent it ("85.13", "208.00", "-5": scoring's digits, already
      rounded once, half-up) in this page's language: only the decimal separator changes
      ("85,13" in Vietnamese), exactly as the results pages and the minutes print it
      (Django's number format, no grouping). Never rounds and never computes. */
  function num(x) {
    if (x === null || x === undefined || x === "") return "–";
    const s = String(x);
    if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
    return lang() === "vi" ? s.replace(".", ",") : s;
  }

  window.Live = { connect, t, addStrings, lang, toast, banner, el, uuid4, clock, num };
})();
