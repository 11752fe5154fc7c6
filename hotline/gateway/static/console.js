// Agent console: speaks /ws/agent (see hotline/gateway/agent_ws.py).
(() => {
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let current = null; // conversation id shown in the detail pane
  const conversations = new Map(); // id -> {packet, transcript: []}

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
    $("login-error").textContent = "Wrong username or password.";
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
    document.title = count ? `(${count}) Agent console` : "Agent console";
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
    button.textContent = soundOn ? "Sound on" : "Sound off";
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
    return minutes < 1 ? "waiting <1 min" : `waiting ${minutes} min`;
  }

  function append(row) {  // a new transcript line, scrolled into view
    const list = $("transcript");
    list.appendChild(row);
    list.scrollTop = list.scrollHeight;
  }

  function renderQueue(items) {
    const known = new Set([...$("queue").children].map((li) => li.dataset.handoffId));
    if (items.some((item) => !known.has(String(item.handoff_id)))) {
      alertAgent("A customer is waiting.");
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
      const why = document.createElement("div"); why.className = "why"; why.textContent = item.reason;
      const sum = document.createElement("div"); sum.className = "sum"; sum.textContent = item.summary;
      const meta = document.createElement("div"); meta.className = "meta";
      meta.textContent = [waited(item.since), (item.language || "").toUpperCase()].filter(Boolean).join(" · ");
      const accept = document.createElement("button");
      accept.type = "button"; accept.textContent = "Accept"; accept.className = "accept";
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
      li.textContent = conv.packet.summary;
      li.dataset.conversationId = id;
      if (id === current) li.classList.add("active");
      li.addEventListener("click", () => show(id));
      list.appendChild(li);
    }
  }

  function line(role, text, at) {
    const li = document.createElement("li");
    li.className = role;
    const who = document.createElement("span"); who.className = "who"; who.textContent = role;
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
    $("title").textContent = `Conversation ${id.slice(0, 8)}`;
    $("reason").textContent = `Escalated: ${conv.packet.reason}`;
    const transcript = $("transcript");
    transcript.replaceChildren(...conv.transcript.map((m) => {
      const row = line(m.role, m.text, m.at);
      if (m.trigger) { row.classList.add("trigger"); row.title = "This turn led to the transfer"; }
      if (m.photo) row.appendChild(photoFigure(m.photo));
      return row;
    }));
    transcript.scrollTop = transcript.scrollHeight;
    const p = conv.packet;
    const dl = $("packet");
    dl.replaceChildren();
    field(dl, "Summary", p.summary);
    const c = p.customer;
    field(dl, "Customer", c ? `${c.name} (zip ${c.zip}, ${c.email}) — identified by the bot` : "not identified");
    field(dl, "Done", (p.done || []).map((d) => d.text).join("; ") || "nothing");
    field(dl, "Waiting for their yes", p.pending || "");
    field(dl, "Failed", (p.failed || []).map((d) => d.text).join("; "));
    field(dl, "Intent", p.intent_words || p.intent);
    field(dl, "Language", p.language);
    const mood = p.sentiment ? `${p.sentiment.word} (${p.sentiment.trend})` : "";
    field(dl, "Mood", mood);
    field(dl, "Red-line hits", (p.redline_hits || []).map((h) => `${h.rule_id} (${h.severity}): ${h.excerpt}`).join("; "));
    field(dl, "Orders looked up", (p.orders || []).map((o) => `${o.order_id}: ${o.status}`).join(", "));
    field(dl, "Knowledge used", (p.kb_sources || []).map((s) => s.heading).join("; "));
    const given = [...(p.provided.identity || []), ...(p.provided.order_ids || []), ...(p.provided.masked_details || [])];
    field(dl, "Already provided", given.join(", "));
    field(dl, "Photos", (p.photos || []).length ? "" : "none");
    for (const photo of p.photos || []) dl.append(photoFigure(photo));
    if (conv.recordings === undefined) loadRecordings(id);
    const recorded = (conv.recordings || []).length;
    if (recorded) field(dl, "Call recordings", recorded === 1 ? "1 call" : `${recorded} calls`);
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
    caption.textContent = `${recording.name}${length} · customer left, bot and agent right`;
    figure.append(caption, audio);
    return figure;
  }

  function photoFigure(photo) {  // a customer's photo with what the matcher and OCR found
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = photo.url;
    img.alt = `customer photo ${photo.photo_id}`;
    img.className = "packet-photo";
    const caption = document.createElement("figcaption");
    const matches = (photo.matches || []).map((m) => `${m.name} ${(m.score * 100).toFixed(0)}%`).join(", ");
    const read = (photo.ocr || []).length ? `Text read: ${photo.ocr.join(" · ")}` : "no text found";
    caption.textContent = matches ? `${read} — looks like: ${matches}${photo.confident ? "" : " (unsure)"}` : read;
    if (photo.chosen) caption.textContent += ` — the customer picked: ${photo.chosen}`;
    figure.append(img, caption);
    return figure;
  }

  function handle(event) {
    switch (event.type) {
      case "hello": $("link").textContent = "online"; break;
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
        const text = event.photo ? `📷 photo ${event.photo.photo_id}` : event.text;
        const at = new Date().toISOString();
        conv.transcript.push({ role: "customer", text, photo: event.photo, at });
        if (event.conversation_id === current) {
          const row = line("customer", text, at);
          if (event.photo) row.appendChild(photoFigure(event.photo));
          append(row);
        }
        if (document.hidden || event.conversation_id !== current) { unread += 1; updateTitle(); chime(); }
        alertAgent(`Customer: ${text}`);
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
      $("link").textContent = "offline";
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
    $("wrap-up-title").textContent = type === "hand_back" ? "Hand back to the bot" : "Close the conversation";
    $("wrap-up-confirm").textContent = type === "hand_back" ? "Hand back" : "Close";
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

  window.hotlineConsole = { current: () => current, error: showError };
  start();
})();
