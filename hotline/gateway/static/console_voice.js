// The agent joins a customer's WebRTC call with their microphone (warm transfer by voice). While the agent is
// on the line the bot is muted; "Leave call" (or handing back) gives the line back to the bot.
(() => {
  const button = document.getElementById("voice");
  const audio = document.getElementById("voice-audio");
  let pc = null;
  let mic = null;
  let joined = null; // conversation id
  const t = (key) => (window.hotlineConsole ? window.hotlineConsole.t(key) : key);

  function relabel() {  // the button's words in the agent's language (the console's t())
    button.dataset.t = joined ? "leave_voice" : "join_voice";
    button.textContent = t(button.dataset.t);
  }

  function reset() {
    if (pc) pc.close();
    if (mic) mic.getTracks().forEach((track) => track.stop());
    pc = null; mic = null; joined = null;
    audio.srcObject = null;
    button.dataset.state = "idle";
    relabel();
  }

  async function join(conversationId) {
    button.disabled = true;
    try {
      const config = await (await fetch("/api/webrtc/config")).json();
      mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      pc = new RTCPeerConnection({ iceServers: config.ice_servers || [] });
      mic.getTracks().forEach((track) => pc.addTrack(track, mic));
      pc.ontrack = (e) => { audio.srcObject = e.streams[0] || new MediaStream([e.track]); audio.play().catch(() => {}); };
      pc.onconnectionstatechange = () => { if (pc && ["failed", "closed"].includes(pc.connectionState)) reset(); };
      await pc.setLocalDescription(await pc.createOffer());
      await window.hotlineWebRTC.iceGathered(pc);
      const response = await fetch(`/api/webrtc/conversations/${encodeURIComponent(conversationId)}/agent`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "offer", sdp: pc.localDescription.sdp }),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(typeof answer.detail === "string" ? answer.detail : t("voice_failed"));
      await pc.setRemoteDescription({ type: answer.type, sdp: answer.sdp });
      joined = conversationId;
      button.dataset.state = "active";
      relabel();
    } catch (error) {
      reset();
      window.hotlineConsole.error(error.message || t("voice_failed"));
    } finally {
      button.disabled = false;
    }
  }

  async function leave() {
    const id = joined;
    reset();
    if (id) await fetch(`/api/webrtc/conversations/${encodeURIComponent(id)}/agent`, { method: "DELETE" }).catch(() => {});
  }

  async function stats() {
    const result = { packetsReceived: 0, connectionState: pc && pc.connectionState };
    if (!pc) return result;
    (await pc.getStats()).forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === "audio") result.packetsReceived = r.packetsReceived || 0;
    });
    return result;
  }

  window.hotlineVoice = { stats, reset, relabel, get joined() { return joined; } };
  button.addEventListener("click", () => {
    const current = window.hotlineConsole && window.hotlineConsole.current();
    if (joined) leave(); else if (current) join(current);
  });
})();
