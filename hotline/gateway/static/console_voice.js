// The agent joins a customer's WebRTC call with their microphone (warm transfer by voice). While the agent is
// on the line the bot is muted; "Leave call" (or handing back) gives the line back to the bot.
(() => {
  const button = document.getElementById("voice");
  const audio = document.getElementById("voice-audio");
  let pc = null;
  let mic = null;
  let joined = null; // conversation id

  function reset() {
    if (pc) pc.close();
    if (mic) mic.getTracks().forEach((track) => track.stop());
    pc = null; mic = null; joined = null;
    audio.srcObject = null;
    button.textContent = "Join call by voice";
    button.dataset.state = "idle";
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
      if (!response.ok) throw new Error(typeof answer.detail === "string" ? answer.detail : "Could not join the call.");
      await pc.setRemoteDescription({ type: answer.type, sdp: answer.sdp });
      joined = conversationId;
      button.textContent = "Leave call";
      button.dataset.state = "active";
    } catch (error) {
      reset();
      window.hotlineConsole.error(error.message || "Could not join the call.");
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

  window.hotlineVoice = { stats, reset, get joined() { return joined; } };
  button.addEventListener("click", () => {
    const current = window.hotlineConsole && window.hotlineConsole.current();
    if (joined) leave(); else if (current) join(current);
  });
})();
