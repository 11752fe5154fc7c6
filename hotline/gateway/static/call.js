// Browser voice for the chat page: a WebRTC call into the same conversation (see hotline/gateway/webrtc.py).
// The page offers (non-trickle: it waits for its ICE candidates), the gateway answers over HTTP; events come
// back on the "events" data channel. Photos sent during the call join the same conversation.
(() => {
  const button = document.getElementById("call");
  const audio = document.getElementById("call-audio");
  const callState = document.getElementById("call-state");
  let pc = null;
  let channel = null;
  let callId = null;
  let mic = null;

  function chat() { return window.hotlineChat; }

  const bar = document.getElementById("call-bar");
  const timer = document.getElementById("call-timer");
  const mute = document.getElementById("mute");
  let muted = false;
  let startedAt = null;
  let ticking = null;

  // The call's line: what is happening, for how long, and the microphone's mute switch.
  function tick() {
    const seconds = startedAt ? Math.floor((Date.now() - startedAt) / 1000) : 0;
    timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  function setMuted(value) {
    muted = value;
    if (mic) mic.getAudioTracks().forEach((track) => { track.enabled = !muted; });
    mute.setAttribute("aria-pressed", String(muted));
    mute.textContent = window.HotlineStrings.t(muted ? "unmute" : "mute");
  }
  mute.addEventListener("click", () => setMuted(!muted));

  // The phone's keypad: each key goes to the call as a phone's key would (an order number, then "#"): as a
  // telephone-event on the audio (RFC 4733) where the call negotiated it, else on the data channel.
  function tones() {
    return pc ? pc.getSenders().map((sender) => sender.dtmf).find((d) => d && d.canInsertDTMF) || null : null;
  }
  function pressKey(key) {
    const dtmf = tones();
    if (dtmf) dtmf.insertDTMF(dtmf.toneBuffer + key, 100, 70); // keys pressed quickly queue after each other
    else if (channel && channel.readyState === "open") channel.send(JSON.stringify({ type: "dtmf", digit: key }));
  }
  const keypad = document.getElementById("keypad");
  const keypadToggle = document.getElementById("keypad-toggle");
  for (const key of "123456789*0#") {
    const keyButton = document.createElement("button");
    keyButton.type = "button";
    keyButton.textContent = key;
    keyButton.dataset.key = key;
    keyButton.addEventListener("click", () => pressKey(key));
    keypad.appendChild(keyButton);
  }
  function showKeypad(open) {
    keypad.hidden = !open;
    keypadToggle.setAttribute("aria-expanded", String(open));
  }
  keypadToggle.addEventListener("click", () => showKeypad(keypad.hidden));

  function setState(text, active) {
    callState.textContent = text;
    bar.hidden = !text;
    if (active && startedAt === null && text === window.HotlineStrings.t("onCall")) {
      startedAt = Date.now();
      ticking = setInterval(tick, 1000);
    }
    if (!active) { clearInterval(ticking); ticking = null; startedAt = null; tick(); setMuted(false); showKeypad(false); }
    button.dataset.state = active ? "active" : "idle";
    button.querySelector(".label").textContent = active ? window.HotlineStrings.t("hangUp") : window.HotlineStrings.t("call");
  }

  function onEvent(event) {
    switch (event.type) {
      case "disclosure":
        setState(window.HotlineStrings.t("onCall"), true);
        break;
      case "transcript": {
        // A turn taken back (the caller went on before or over its reply): these words include that turn's, shown
        // once, and the reply it had begun (the bubbles after it) is gone.
        const earlier = event.replaces == null ? null : document.querySelector(`li.customer[data-message-id="${event.replaces}"]`);
        while (earlier && earlier.nextElementSibling && earlier.nextElementSibling.matches("li.bot.spoken")) {
          earlier.nextElementSibling.remove();
        }
        if (earlier) earlier.remove();
        const li = chat().bubble("customer", event.text);
        li.classList.add("spoken");
        li.dataset.messageId = event.message_id;
        break;
      }
      case "reply": {
        if (!event.text) break;
        const li = chat().bubble("bot", event.text);
        li.classList.add("spoken");
        break;
      }
      case "agent_voice":
        setState(window.HotlineStrings.t(event.status === "joined" ? "agentOnLine" : "onCall"), true);
        break;
      default:
        break; // handoff and agent messages arrive on the chat socket too; clear/barge_in need nothing here
    }
  }

  async function start() {
    button.disabled = true;
    setState(window.HotlineStrings.t("calling"), true);
    try {
      const config = await (await fetch("/api/webrtc/config",
        { headers: { authorization: `Bearer ${chat().token()}` } })).json();
      if (!config.enabled) throw new Error(window.HotlineStrings.t("callUnavailable"));
      mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      pc = new RTCPeerConnection({ iceServers: config.ice_servers });
      mic.getTracks().forEach((track) => pc.addTrack(track, mic));
      channel = pc.createDataChannel("events");
      channel.onmessage = (m) => onEvent(JSON.parse(m.data));
      pc.ontrack = (e) => {
        audio.srcObject = e.streams[0] || new MediaStream([e.track]);
        audio.play().catch(() => {});
      };
      pc.onconnectionstatechange = () => {
        if (!pc) return;
        if (pc.connectionState === "failed" || pc.connectionState === "closed") {
          chat().showError(window.HotlineStrings.t("callDropped"));
          hangUp(false);
        }
      };
      await pc.setLocalDescription(await pc.createOffer());
      await window.hotlineWebRTC.iceGathered(pc);
      const response = await fetch("/api/webrtc/calls", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${chat().token()}` },
        body: JSON.stringify({
          type: "offer", sdp: pc.localDescription.sdp, conversation_id: chat().conversationId(),
          lang: window.HotlineStrings ? window.HotlineStrings.lang : undefined,
        }),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(typeof answer.detail === "string" ? answer.detail : window.HotlineStrings.t("callFailed"));
      callId = answer.call_id;
      await pc.setRemoteDescription({ type: answer.type, sdp: answer.sdp });
      setState(window.HotlineStrings.t("connecting"), true);
    } catch (error) {
      chat().showError(error.message || window.HotlineStrings.t("callFailed"));
      hangUp(false);
    } finally {
      button.disabled = false;
    }
  }

  function hangUp(notify) {
    if (notify && callId) {
      if (channel && channel.readyState === "open") channel.send(JSON.stringify({ type: "hangup" }));
      fetch(`/api/webrtc/calls/${encodeURIComponent(callId)}`,
        { method: "DELETE", keepalive: true, headers: { authorization: `Bearer ${chat().token()}` } }).catch(() => {});
    }
    if (pc) pc.close();
    if (mic) mic.getTracks().forEach((track) => track.stop());
    pc = null; channel = null; callId = null; mic = null;
    audio.srcObject = null;
    setState("", false);
  }

  async function stats() {
    const result = { packetsReceived: 0, totalSamplesReceived: 0, bytesSent: 0, connectionState: pc && pc.connectionState };
    if (!pc) return result;
    (await pc.getStats()).forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "audio") {
        result.packetsReceived = report.packetsReceived || 0;
        result.totalSamplesReceived = report.totalSamplesReceived || 0;
      }
      if (report.type === "outbound-rtp" && report.kind === "audio") result.bytesSent = report.bytesSent || 0;
    });
    return result;
  }

  window.hotlineCall = { stats, get active() { return pc !== null; }, get muted() { return muted; },
    get keysAsTones() { return tones() !== null; },
    get micEnabled() { return mic ? mic.getAudioTracks().every((t) => t.enabled) : null; } };
  button.addEventListener("click", () => (pc ? hangUp(true) : start()));
  window.addEventListener("pagehide", () => hangUp(true));
})();
