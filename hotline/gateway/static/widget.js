// Hotline's embeddable chat: one tag on any allow-listed site adds a launcher that opens the chat in a panel.
//   <script src="https://support.example/widget.js" data-tenant="demo" data-lang="en" async></script>
// The gateway names the tenant's looks (GET /api/widget/config, refused for sites not on its Origin allow-list);
// the chat itself is the gateway's own page in an iframe, opened on first use. Styles live in a shadow root, so
// neither the site's CSS nor ours leaks into the other.
(() => {
  const script = document.currentScript;
  if (!script || window.__hotlineWidget) return;
  window.__hotlineWidget = true;
  const base = new URL(script.src, location.href).origin;
  const tenant = script.dataset.tenant || "";
  const lang = (script.dataset.lang || document.documentElement.lang || navigator.language || "en").slice(0, 2);

  const CSS = `
    :host { all: initial; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: inline-flex; align-items: center;
      gap: 8px; min-height: 56px; padding: 0 20px 0 16px; border: 0; border-radius: 28px; cursor: pointer;
      font: 600 16px/1 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0, 0, 0, .25); }
    .launcher svg { width: 24px; height: 24px; fill: currentColor; }
    .launcher:focus-visible, .close:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
    .panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483001; width: 380px; height: min(640px, calc(100vh - 120px));
      display: flex; flex-direction: column; border-radius: 12px; overflow: hidden; background: #fff;
      box-shadow: 0 8px 32px rgba(0, 0, 0, .3); }
    .panel[hidden] { display: none; }
    .bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 0 4px 0 16px;
      min-height: 48px; font: 600 16px/1.2 system-ui, sans-serif; }
    .close { min-width: 44px; min-height: 44px; border: 0; background: transparent; color: inherit; font-size: 24px;
      cursor: pointer; }
    iframe { flex: 1; width: 100%; border: 0; }
    @media (max-width: 480px) {
      .panel { inset: 0; width: auto; height: auto; border-radius: 0; }
    }`;
  const CHAT_ICON = '<svg aria-hidden="true" viewBox="0 0 24 24"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 '
    + '2 0 0 1 1-2zm3 6v2h10V9zm0 4v2h7v-2z"/></svg>';

  function build(config) {
    const host = document.createElement("div");
    host.id = "hotline-widget";
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = CSS;
    const launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "launcher";
    launcher.innerHTML = CHAT_ICON;
    const label = document.createElement("span");
    label.textContent = config.open;
    launcher.append(label);
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "hotline-panel");
    const panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "hotline-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", config.name);
    const bar = document.createElement("div");
    bar.className = "bar";
    const name = document.createElement("span");
    name.textContent = config.name;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.setAttribute("aria-label", config.close);
    close.textContent = "×";
    bar.append(name, close);
    panel.append(bar);
    for (const el of [launcher, bar]) { el.style.background = config.colour; el.style.color = config.on_colour; }
    let frame = null;

    function open() {
      if (!frame) { // the chat (and its session) starts when the customer first opens it
        frame = document.createElement("iframe");
        frame.title = `${config.name}: ${config.frame_title}`;
        frame.src = config.chat_url;
        frame.allow = "microphone; autoplay";
        panel.append(frame);
      }
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      label.textContent = config.close;
      frame.focus();
    }
    function shut() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      label.textContent = config.open;
      launcher.focus();
    }
    launcher.addEventListener("click", () => (panel.hidden ? open() : shut()));
    close.addEventListener("click", shut);
    root.addEventListener("keydown", (event) => { if (event.key === "Escape" && !panel.hidden) shut(); });
    root.append(style, panel, launcher);
    document.body.append(host);
  }

  const query = new URLSearchParams({ lang });
  if (tenant) query.set("tenant", tenant);
  fetch(`${base}/api/widget/config?${query}`, { credentials: "omit" })
    .then(async (response) => {
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.detail || `HTTP ${response.status}`);
      return body;
    })
    .then((config) => (document.body ? build(config) : addEventListener("DOMContentLoaded", () => build(config))))
    .catch((error) => console.warn(`Hotline widget not shown: ${error.message}`));
})();
