// Customer chat page: speaks the /ws/chat protocol documented in hotline/gateway/protocol.py.
(() => {
  const log = document.getElementById("log");
  const input = document.getElementById("text");
  const send = document.getElementById("send");
  const statusEl = document.getElementById("status");
  const errorEl = document.getElementById("error");
  const disclosure = document.getElementById("disclosure");
  let socket = null;
  let current = null; // the bot bubble being filled
  const S = window.HotlineStrings;
  const store = window.HotlineStore;
  let conversationId = store.getItem("hotline.conversation") || null;
  let token = store.getItem("hotline.token") || null;
  let renewTimer = null;
  let retries = 0;
  let pendingConfirm = null; // the store action the next reply asks the customer to confirm
  S.apply();

  function addConfirm(li, action) {
    const row = document.createElement("div");
    row.className = "confirm";
    row.dataset.actionId = action.id;
    for (const [answer, label, text] of [["yes", S.t("yes"), S.t("yesText")], ["no", S.t("no"), S.t("noText")]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.answer = answer;
      button.addEventListener("click", () => {
        row.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        button.classList.add("chosen"); // the answer stays visible next to the question
        button.setAttribute("aria-pressed", "true");
        say(text);
      });
      row.appendChild(button);
    }
    li.appendChild(row);
  }

  // A photo the bot is not sure about: the top 3 products as buttons with the catalog's pictures.
  function addChoices(li, event) {
    li.dataset.photoId = event.photo_id;
    const row = document.createElement("div");
    row.className = "choices";
    const answers = [...event.options.map((o) => ({ label: o.name, image: o.image_url, text: S.t("itsThe", o.name) })),
      { label: S.t("noneOfThese"), image: null, text: S.t("noneOfTheseText") }];
    for (const answer of answers) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.dataset.choice = answer.label;
      if (answer.image) {
        const img = document.createElement("img");
        img.src = answer.image; img.alt = ""; img.loading = "lazy";
        button.appendChild(img);
      }
      button.appendChild(document.createTextNode(answer.label));
      button.addEventListener("click", () => {
        row.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        button.classList.add("chosen");
        say(answer.text);
      });
      row.appendChild(button);
    }
    li.appendChild(row);
  }

  // The customer's message: drawn, sent, and — while the bot answers — a typing indicator until it does.
  function say(text) {
    bubble("customer", text);
    socket.send(JSON.stringify({ type: "message", text, client_id: crypto.randomUUID() }));
    if (!withHuman) showTyping();
  }

  let withHuman = false; // waiting for or talking with an agent: no typing indicator for the bot
  let typing = null;
  function showTyping() {
    hideTyping();
    typing = document.createElement("li");
    typing.className = "typing";
    typing.setAttribute("role", "status");
    typing.setAttribute("aria-label", S.t("typing"));
    for (let i = 0; i < 3; i++) typing.appendChild(document.createElement("span"));
    log.appendChild(typing);
    typing.scrollIntoView({ block: "end" });
    const shown = typing;
    setTimeout(() => { if (typing === shown) hideTyping(); }, 20000); // no reply coming (a human may hold it)
  }
  function hideTyping() { if (typing) { typing.remove(); typing = null; } }

  function bubble(role, text) {
    if (role !== "customer") hideTyping();
    const li = document.createElement("li");
    li.className = `msg ${role}`;
    const body = document.createElement("div");
    body.className = "body";
    body.textContent = text;
    li.appendChild(body);
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    setTimeout(() => { errorEl.hidden = true; }, 6000);
  }

  // The articles the reply quotes (its sentences are theirs); when it quotes none and states no order, the
  // best-matching one.
  function cited(passages, reply) {
    const parts = reply.split(/(?<=[.!?。！？])\s*/).map((s) => s.trim()).filter((s) => s.length > 8);
    return passages.filter((p) => parts.some((s) => p.text.includes(s)));
  }

  function addSources(li, event, reply) {
    let used = cited(event.passages, reply);
    if (!used.length && !event.orders.length) used = event.passages.slice(0, 1);
    const items = [
      ...event.orders.map((o) => S.t("order", o.order_id, o.status)),
      ...[...new Set(used.map((p) => p.title))],
    ];
    if (!items.length) return;
    const details = document.createElement("details");
    details.className = "sources";
    const summary = document.createElement("summary");
    summary.textContent = S.t("sources", items.length);
    details.appendChild(summary);
    const ul = document.createElement("ul");
    for (const item of items) {
      const entry = document.createElement("li");
      entry.textContent = item;
      ul.appendChild(entry);
    }
    details.appendChild(ul);
    li.appendChild(details);
  }

  function addFeedback(li, messageId) {
    const row = document.createElement("div");
    row.className = "feedback";
    for (const [rating, label] of [["up", S.t("helpful")], ["down", S.t("notHelpful")]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.rating = rating;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => {
        socket.send(JSON.stringify({ type: "feedback", message_id: messageId, rating }));
        row.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      });
      row.appendChild(button);
    }
    li.appendChild(row);
  }

  function handle(event) {
    switch (event.type) {
      case "disclosure":
        conversationId = event.conversation_id;
        store.setItem("hotline.conversation", conversationId);
        saveToken(event.token);
        disclosure.textContent = event.text;
        input.disabled = false; send.disabled = false; input.focus();
        document.getElementById("photo").disabled = false; document.getElementById("photo-button").disabled = false;
        document.getElementById("call").disabled = false;
        statusEl.textContent = S.t("connected");
        break;
      case "history":  // the page was reloaded: the conversation so far (not again after a reconnect)
        if (!log.querySelector("li.msg")) {
          for (const m of event.messages) {
            const li = bubble(m.role, m.text);
            li.dataset.pending = "false";
            if (m.role === "bot" && m.message_id) li.dataset.messageId = m.message_id;
          }
        }
        break;
      case "sources":
        current = bubble("bot", "");
        current.dataset.pending = "true";
        current._sources = event;
        break;
      case "token":
        if (!current) current = bubble("bot", "");
        current.querySelector(".body").textContent += event.text;
        current.scrollIntoView({ block: "end" });
        break;
      case "done":
        if (event.lang) S.setLanguage(event.lang); // the conversation's language: the page follows it
        if (!current) current = bubble("bot", event.text);
        current.querySelector(".body").textContent = event.text;
        current.dataset.pending = "false";
        current.dataset.messageId = event.message_id;
        if (event.failed) current.classList.add("failed");
        if (current._sources) addSources(current, current._sources, event.text);
        if (event.message_id) addFeedback(current, event.message_id);
        if (pendingConfirm) addConfirm(current, pendingConfirm);
        pendingConfirm = null;
        current = null;
        if (event.more && !withHuman) showTyping(); // the answer itself follows (after an apology, "I'm an AI")
        break;
      case "confirm":
        pendingConfirm = event.action;
        break;
      case "cancelled":
        hideTyping();
        if (current) { current.dataset.pending = "false"; current = null; }
        break;
      case "handoff": {
        const li = bubble("system", event.text);
        li.dataset.status = event.status;
        withHuman = event.status === "waiting" || event.status === "agent_joined";
        delete statusEl.dataset.position;
        statusEl.textContent = event.status === "agent_joined" ? S.t("withAgent", event.agent) :
          event.status === "waiting" ? S.t("waitingForAgent") : S.t("connected");
        break;
      }
      case "queue_position": // while waiting for a human: the place in the queue and the expected wait
        if (withHuman) {
          const wait = event.expected_minutes ? ` · ${S.t("queueWait", event.expected_minutes)}` : "";
          statusEl.textContent = `${S.t("waitingForAgent")} · ${S.t("queuePosition", event.position)}${wait}`;
          statusEl.dataset.position = String(event.position);
        }
        break;
      case "agent_message": {
        const li = bubble("agent", event.text);
        const who = document.createElement("div");
        who.className = "who";
        who.textContent = event.agent;
        li.prepend(who);
        break;
      }
      case "photo_identified":
        bubble("bot", event.text).dataset.photoId = event.photo_id;
        break;
      case "photo_choices":
        addChoices(bubble("bot", event.text), event);
        break;
      case "error":
        hideTyping();
        showError(event.detail);
        break;
      default:
        break; // ack, sentence, feedback_ack, pong: nothing to draw
    }
  }

  // The session token (signed, short-lived) opens the socket; the one bound to our conversation resumes it.
  // It is renewed while the page is open; a refused or expired one starts a new conversation.
  // A new chat belongs to the page's tenant (the server drew the page in its name; the widget names it).
  const sessionsUrl = `/api/chat/sessions?${new URLSearchParams({ tenant: document.documentElement.dataset.tenant || "" })}`;
  async function renewToken() {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    let response = await fetch(sessionsUrl, { method: "POST", headers });
    if (response.status === 401 || response.status === 403) {
      forgetConversation();
      response = await fetch(sessionsUrl, { method: "POST" });
    }
    const result = await response.json();
    if (!response.ok) throw new Error(result.detail || S.t("chatNotOpened"));
    saveToken(result.token);
    clearTimeout(renewTimer);
    renewTimer = setTimeout(() => renewToken().catch(() => {}), (result.expires_in * 1000) / 2);
  }

  function saveToken(value) { token = value; store.setItem("hotline.token", value); }

  function forgetConversation() {
    store.removeItem("hotline.conversation"); store.removeItem("hotline.token");
    conversationId = null; token = null;
  }

  async function connect() {
    try {
      await renewToken();
    } catch (error) {
      statusEl.textContent = S.t("reconnecting");
      setTimeout(connect, Math.min(500 * 2 ** retries++, 8000));
      return;
    }
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = new URLSearchParams({ token, lang: S.lang });
    if (conversationId) query.set("conversation_id", conversationId);
    socket = new WebSocket(`${scheme}://${location.host}/ws/chat?${query}`);
    socket.addEventListener("open", () => { retries = 0; });
    socket.addEventListener("message", (m) => handle(JSON.parse(m.data)));
    socket.addEventListener("close", (e) => {
      input.disabled = true; send.disabled = true;
      if (e.code === 4404 || e.code === 4401) forgetConversation();
      statusEl.textContent = S.t("reconnecting");
      setTimeout(connect, Math.min(500 * 2 ** retries++, 8000));
    });
  }

  // Photos: the button (the phone camera on mobiles) or a file dropped on the page join the conversation.
  const photoInput = document.getElementById("photo");

  // A photo: its bubble shows the upload's progress; a failed upload keeps the photo, says why in the bubble (the
  // note stays) and offers to send it again.
  function uploadPhoto(file, li = null) {
    if (!conversationId) { showError(S.t("notConnected")); return; }
    if (!li) {
      li = bubble("customer", "");
      li.classList.add("photo");
      const img = document.createElement("img");
      img.alt = S.t("yourPhoto");
      img.src = URL.createObjectURL(file);
      li.querySelector(".body").appendChild(img);
    }
    li.classList.remove("failed");
    li.querySelectorAll(".photo-note, .upload").forEach((el) => el.remove());
    const bar = document.createElement("progress");
    bar.className = "upload"; bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", S.t("uploading"));
    li.appendChild(bar);
    const form = new FormData();
    form.append("file", file, file.name || "photo.jpg");
    const request = new XMLHttpRequest();
    request.open("POST", `/api/conversations/${encodeURIComponent(conversationId)}/photos`);
    request.setRequestHeader("authorization", `Bearer ${token}`);
    request.upload.addEventListener("progress", (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; });
    const failed = (reason) => {
      bar.remove();
      li.classList.add("failed");
      const note = document.createElement("div");
      note.className = "photo-note error-note";
      note.setAttribute("role", "alert");
      note.textContent = reason;
      const retry = document.createElement("button");
      retry.type = "button"; retry.className = "retry"; retry.textContent = S.t("retry");
      retry.addEventListener("click", () => uploadPhoto(file, li));
      note.appendChild(retry);
      li.appendChild(note);
    };
    request.addEventListener("load", () => {
      let result = {};
      try { result = JSON.parse(request.responseText); } catch (error) { result = {}; }
      if (request.status < 200 || request.status >= 300) {
        failed(typeof result.detail === "string" ? result.detail : S.t("photoFailed"));
        return;
      }
      bar.remove();
      li.dataset.photoId = result.photo_id;
      if ((result.order_ids || []).length) {
        const note = document.createElement("div");
        note.className = "photo-note";
        note.textContent = S.t("readFromPhoto", result.order_ids.join(", "));
        li.appendChild(note);
      }
    });
    request.addEventListener("error", () => failed(S.t("photoOffline")));
    request.send(form);
  }

  document.getElementById("photo-button").addEventListener("click", () => photoInput.click());
  photoInput.addEventListener("change", () => {
    for (const file of photoInput.files) uploadPhoto(file);
    photoInput.value = "";
  });
  document.addEventListener("dragover", (e) => { e.preventDefault(); });
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    for (const file of e.dataTransfer.files) if (file.type.startsWith("image/")) uploadPhoto(file);
  });

  document.getElementById("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
    say(text);
    input.value = "";
  });

  window.hotlineChat = { bubble, showError, conversationId: () => conversationId, token: () => token };
  connect();
})();
