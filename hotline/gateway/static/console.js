// Agent console: speaks /ws/agent (see hotline/gateway/agent_ws.py).
(() => {
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let current = null; // conversation id shown in the detail pane
  const conversations = new Map(); // id -> {packet, transcript: []}

  // The console's words in the agent's language (the packs' `agent` section, served as /agent-strings.js): chosen
  // in the header, remembered in this browser; the browser's language first. The packet carries its sentences in
  // every served language (packet.views); the customer's own words are shown as they were said.
  const STRINGS = window.HotlineAgentStrings || { en: {} };
  const browserLang = (navigator.language || "en").slice(0, 2).toLowerCase();
  let lang = localStorage.getItem("hotline.agentLang") || (STRINGS[browserLang] ? browserLang : "en");
  if (!STRINGS[lang]) lang = "en";
  function t(key, values = {}) {
    const text = (STRINGS[lang] || {})[key] ?? STRINGS.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }
  function view(packet) { return (packet.views && (packet.views[lang] || packet.views.en)) || {}; }
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    document.querySelectorAll("[data-t-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.tPlaceholder); });
    document.querySelectorAll("[data-t-title]").forEach((el) => { el.title = t(el.dataset.tTitle); });
    document.querySelectorAll("[data-t-label]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.tLabel)); });
  }
  const chooser = document.getElementById("agent-lang");
  for (const code of Object.keys(STRINGS)) chooser.add(new Option(STRINGS[code].self_name || code, code));
  chooser.value = lang;

  async function start() {
    const me = await fetch("/api/agents/me");
    if (me.status !== 200) { $("login").hidden = false; $("console").hidden = true; return; }
    const who = await me.json();
    $("me").textContent = who.agent;
    $("login").hidden = true; $("console").hidden = false;
    connect();
  }

  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const response = await fetch("/api/agents/login", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }),
    });
    if (response.status === 200) { start(); return; }
    $("login-error").textContent = t("wrong_login");
    $("login-error").hidden = false;
  });

  $("logout").addEventListener("click", async () => {
    await fetch("/api/agents/logout", { method: "POST" });
    if (socket) socket.close();
    location.reload();
  });

  function send(event) { socket.send(JSON.stringify(event)); }

  let errorTimer = null;
  function showError(message) {  // in the page, not a blocking alert()
    const banner = $("console-error");
    banner.textContent = message;
    banner.hidden = false;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => { banner.hidden = true; }, 8000);
  }

  // Alerts: the tab's title counts waiting customers and unread messages; a desktop notification when the
  // console is in the background (if the agent allowed notifications).
  let waiting = 0;
  let unread = 0;
  function updateTitle() {
    const count = waiting + unread;
    document.title = count ? `(${count}) ${t("title")}` : t("title");
  }
  function alertAgent(text) {
    if (!document.hidden) return;
    if ("Notification" in window && Notification.permission === "granted") new Notification("Hotline", { body: text });
  }
  document.addEventListener("visibilitychange", () => { if (!document.hidden) { unread = 0; updateTitle(); } });
  document.addEventListener("click", () => {
    if ("Notification" in window && Notification.permission === "default") Notification.requestPermission();
    if (!audio && "AudioContext" in window) audio = new AudioContext();  // browsers let sound start after a click
  }, { once: true });

  // A short chime (synthesised: no file to load) when a customer starts waiting, or writes in a conversation the
  // agent is not looking at; the agent can turn it off, remembered in this browser. body[data-chimes] counts them.
  let audio = null;
  let soundOn = localStorage.getItem("hotline.sound") !== "off";
  function showSound() {
    const button = $("sound");
    button.textContent = soundOn ? t("sound_on") : t("sound_off");
    button.setAttribute("aria-pressed", String(soundOn));
  }
  $("sound").addEventListener("click", () => {
    soundOn = !soundOn;
    localStorage.setItem("hotline.sound", soundOn ? "on" : "off");
    showSound();
  });
  showSound();
  function chime() {
    if (!soundOn) return;
    document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
    if (!audio) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.12, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.35);
  }

  function waited(since) {
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 60000));
    return minutes < 1 ? t("waited_new") : t("waited", { minutes });
  }

  function append(row) {  // a new transcript line, scrolled into view
    const list = $("transcript");
    list.appendChild(row);
    list.scrollTop = list.scrollHeight;
  }

  let queueItems = [];
  function renderQueue(items) {
    queueItems = items;
    const known = new Set([...$("queue").children].map((li) => li.dataset.handoffId));
    if (items.some((item) => !known.has(String(item.handoff_id)))) {
      alertAgent(t("customer_waiting"));
      chime();
    }
    waiting = items.length;
    updateTitle();
    $("queue-count").textContent = items.length;
    const list = $("queue");
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement("li");
      li.dataset.handoffId = item.handoff_id;
      const words = (item.views && (item.views[lang] || item.views.en)) || item;
      const why = document.createElement("div"); why.className = "why"; why.textContent = words.reason;
      const sum = document.createElement("div"); sum.className = "sum"; sum.textContent = words.summary;
      const meta = document.createElement("div"); meta.className = "meta";
      meta.textContent = [waited(item.since), (item.language || "").toUpperCase()].filter(Boolean).join(" · ");
      const accept = document.createElement("button");
      accept.type = "button"; accept.textContent = t("accept"); accept.className = "accept";
      accept.addEventListener("click", () => send({ type: "accept", handoff_id: item.handoff_id }));
      li.append(why, meta, sum, accept);
      list.appendChild(li);
    }
  }

  function renderMine() {
    const list = $("mine");
    list.replaceChildren();
    for (const [id, conv] of conversations) {
      const li = document.createElement("li");
      li.textContent = view(conv.packet).summary || conv.packet.summary;
      li.dataset.conversationId = id;
      if (id === current) li.classList.add("active");
      li.addEventListener("click", () => show(id));
      list.appendChild(li);
    }
  }

  function line(role, text, at) {
    const li = document.createElement("li");
    li.className = role;
    const who = document.createElement("span"); who.className = "who"; who.textContent = t(`role_${role}`);
    const when = document.createElement("time");
    const moment = at ? new Date(at) : new Date();
    when.dateTime = moment.toISOString();
    when.textContent = moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    who.appendChild(when);
    li.append(who, document.createTextNode(text));
    return li;
  }

  function field(dl, name, value) {
    const dt = document.createElement("dt"); dt.textContent = name;
    const dd = document.createElement("dd"); dd.textContent = value || "—";
    dl.append(dt, dd);
  }

  function show(id) {
    unread = 0; updateTitle();
    current = id;
    const conv = conversations.get(id);
    $("empty").hidden = true; $("conversation").hidden = false;
    const p = conv.packet;
    const words = view(p);
    $("title").textContent = t("conversation", { id: id.slice(0, 8) });
    $("reason").textContent = t("escalated", { reason: words.reason || p.reason });
    const transcript = $("transcript");
    transcript.replaceChildren(...conv.transcript.map((m) => {
      const row = line(m.role, m.text, m.at);
      if (m.trigger) { row.classList.add("trigger"); row.title = t("trigger"); row.dataset.note = t("led_to_transfer"); }
      if (m.photo) row.appendChild(photoFigure(m.photo));
      return row;
    }));
    transcript.scrollTop = transcript.scrollHeight;
    const dl = $("packet");
    dl.replaceChildren();
    field(dl, t("field_summary"), words.summary || p.summary);
    field(dl, t("field_customer"), words.customer);
    field(dl, t("field_done"), words.done || (p.done || []).map((d) => d.text).join("; "));
    field(dl, t("field_pending"), words.pending ?? p.pending);
    field(dl, t("field_failed"), words.failed ?? (p.failed || []).map((d) => d.text).join("; "));
    field(dl, t("field_intent"), words.intent || p.intent_words || p.intent);
    const spoken = `language_${p.language}`;  // the customer's language, named in the agent's
    field(dl, t("field_language"), spoken in STRINGS.en ? t(spoken) : p.language);
    field(dl, t("field_mood"), words.mood);
    field(dl, t("field_redline"), (p.redline_hits || []).map((h) => `${h.rule_id} (${h.severity}): ${h.excerpt}`).join("; "));
    field(dl, t("field_orders"), (p.orders || []).map((o) => `${o.order_id}: ${o.status}`).join(", "));
    field(dl, t("field_knowledge"), (p.kb_sources || []).map((s) => s.heading).join("; "));
    const given = [...(p.provided.identity || []), ...(p.provided.order_ids || []), ...(p.provided.masked_details || [])];
    field(dl, t("field_provided"), given.join(", "));
    field(dl, t("field_photos"), (p.photos || []).length ? "" : t("none"));
    for (const photo of p.photos || []) dl.append(photoFigure(photo));
    if (conv.recordings === undefined) loadRecordings(id);
    const recorded = (conv.recordings || []).length;
    if (recorded) field(dl, t("field_recordings"), recorded === 1 ? t("one_call") : t("calls", { count: recorded }));
    for (const recording of conv.recordings || []) dl.append(recordingPlayer(recording));
    renderMine();
  }

  async function loadRecordings(id) {  // the conversation's recorded calls (tenants that record calls)
    const conv = conversations.get(id);
    conv.recordings = [];
    const response = await fetch(`/api/conversations/${id}/recordings`);
    if (!response.ok) return;
    conv.recordings = await response.json();
    if (conv.recordings.length && current === id) show(id);
  }

  function recordingPlayer(recording) {
    const figure = document.createElement("figure");
    figure.className = "packet-recording";
    const audio = document.createElement("audio");
    audio.controls = true;
    audio.preload = "none";
    audio.src = recording.url;
    const caption = document.createElement("figcaption");
    const length = recording.seconds ? ` (${Math.round(recording.seconds)} s)` : "";
    caption.textContent = `${recording.name}${length} · ${t("recording")}`;
    figure.append(caption, audio);
    return figure;
  }

  function photoFigure(photo) {  // a customer's photo with what the matcher and OCR found
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = photo.url;
    img.alt = t("photo", { id: photo.photo_id });
    img.className = "packet-photo";
    const caption = document.createElement("figcaption");
    const matches = (photo.matches || []).map((m) => `${m.name} ${(m.score * 100).toFixed(0)}%`).join(", ");
    const read = (photo.ocr || []).length ? t("text_read", { text: photo.ocr.join(" · ") }) : t("no_text");
    const unsure = photo.confident ? "" : ` ${t("unsure")}`;
    caption.textContent = matches ? `${read} — ${t("looks_like", { matches })}${unsure}` : read;
    if (photo.chosen) caption.textContent += ` — ${t("picked", { product: photo.chosen })}`;
    figure.append(img, caption);
    return figure;
  }

  function handle(event) {
    switch (event.type) {
      case "hello":
        if (event.language && STRINGS[event.language] && event.language !== lang) useLanguage(event.language);
        $("link").textContent = t("online"); $("link").dataset.t = "online";
        break;
      case "queue": renderQueue(event.items); break;
      case "conversation":
        conversations.set(event.conversation_id, { packet: event.packet, transcript: [...event.packet.transcript] });
        show(event.conversation_id);
        break;
      case "recording": {  // a call in this conversation ended and was recorded
        const conv = conversations.get(event.conversation_id);
        if (!conv) break;
        conv.recordings = [...(conv.recordings || []), event];
        if (event.conversation_id === current) show(current);
        break;
      }
      case "customer_message": {
        const conv = conversations.get(event.conversation_id);
        if (!conv) break;
        const text = event.photo ? `📷 ${t("photo_sent", { id: event.photo.photo_id })}` : event.text;
        const at = new Date().toISOString();
        conv.transcript.push({ role: "customer", text, photo: event.photo, at });
        if (event.conversation_id === current) {
          const row = line("customer", text, at);
          if (event.photo) row.appendChild(photoFigure(event.photo));
          append(row);
        }
        if (document.hidden || event.conversation_id !== current) { unread += 1; updateTitle(); chime(); }
        alertAgent(t("customer_wrote", { text }));
        break;
      }
      case "agent_voice_transcript": {
        const conv = conversations.get(event.conversation_id);
        if (!conv) break;
        conv.transcript.push({ role: "agent", text: event.text });
        if (event.conversation_id === current) append(line("agent", `🎙 ${event.text}`));
        break;
      }
      case "ended":
        if (window.hotlineVoice && window.hotlineVoice.joined === event.conversation_id) window.hotlineVoice.reset();
        conversations.delete(event.conversation_id);
        if (event.conversation_id === current) {
          current = null; $("conversation").hidden = true; $("empty").hidden = false;
        }
        renderMine();
        break;
      case "error": showError(event.detail); break;
      default: break;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/agent`);
    socket.addEventListener("message", (m) => handle(JSON.parse(m.data)));
    socket.addEventListener("close", (e) => {
      $("link").textContent = t("offline"); $("link").dataset.t = "offline";
      if (e.code === 4401) { location.reload(); return; }
      setTimeout(connect, 1000);
    });
  }

  $("reply").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("reply-text").value.trim();
    if (!text || !current) return;
    send({ type: "message", conversation_id: current, text });
    conversations.get(current).transcript.push({ role: "agent", text, at: new Date().toISOString() });
    append(line("agent", text));
    $("reply-text").value = "";
  });
  // Hand back or close: a short wrap-up first (outcome, optional note), stored with the conversation.
  let ending = null;
  function wrapUp(type) {
    if (!current) return;
    ending = { type, conversation_id: current };
    $("wrap-up-title").dataset.t = type === "hand_back" ? "wrap_up_hand_back" : "wrap_up_close";
    $("wrap-up-confirm").dataset.t = type === "hand_back" ? "confirm_hand_back" : "close";
    applyLanguage();  // the dialog's words, which a change of language while it is open keeps
    $("wrap-up-note").value = "";
    $("wrap-up").showModal();
  }
  $("hand-back").addEventListener("click", () => wrapUp("hand_back"));
  $("close").addEventListener("click", () => wrapUp("close"));
  $("wrap-up-cancel").addEventListener("click", () => { ending = null; $("wrap-up").close(); });
  $("wrap-up-form").addEventListener("submit", () => {
    if (!ending) return;
    const outcome = document.querySelector("input[name=outcome]:checked").value;
    send({ ...ending, outcome, note: $("wrap-up-note").value.trim() });
    ending = null;
  });

  // The agent's language: their account's (told in "hello"), or what they pick here — kept with the account, so
  // the console opens in it in any browser.
  function useLanguage(next) {
    lang = next;
    chooser.value = lang;
    localStorage.setItem("hotline.agentLang", lang);
    applyLanguage(); showSound(); updateTitle(); renderQueue(queueItems);
    if (current) show(current); else renderMine();
    if (window.hotlineVoice) window.hotlineVoice.relabel();
  }
  chooser.addEventListener("change", () => {
    useLanguage(chooser.value);
    if (socket && socket.readyState === WebSocket.OPEN) send({ type: "language", language: lang });
  });
  applyLanguage();
  showSound();
  updateTitle();

  window.hotlineConsole = { current: () => current, error: showError, t };
  start();
})();
