// What the customer's call button and the agent's "Join call by voice" share (loaded before either).
window.hotlineWebRTC = {
  // Signalling is non-trickle: wait until the browser has gathered its ICE candidates (at most 3 s, then use
  // the candidates found so far).
  iceGathered(peer) {
    if (peer.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      peer.addEventListener("icegatheringstatechange", () => { if (peer.iceGatheringState === "complete") resolve(); });
      setTimeout(resolve, 3000);
    });
  },
};
