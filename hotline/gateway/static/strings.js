// The customer pages' own words in the page's language, from the server's language packs
// (hotline/languages/packs/<code>.yaml, section `ui`, served as /ui-strings.js). The replies themselves come
// from the server in the conversation's language. Adding a language: one pack on the server; nothing here.
// The tab's storage, or memory where the browser denies it (a chat framed by another site in a private window,
// Safari's tracking prevention): the chat still works, it is only not restored on reload there.
window.HotlineStore = (() => {
  try {
    const storage = window.sessionStorage;
    storage.getItem("hotline.probe");
    return storage;
  } catch (denied) {
    const memory = new Map();
    return {
      getItem: (key) => (memory.has(key) ? memory.get(key) : null),
      setItem: (key, value) => { memory.set(key, String(value)); },
      removeItem: (key) => { memory.delete(key); },
    };
  }
})();

window.HotlineStrings = (() => {
  const STRINGS = window.HotlineStringTable || { en: {} };
  // "{name}" placeholders take t()'s arguments in the order the English text names them.
  const placeholders = (text) => [...new Set([...(text || "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
  const format = (key, text, args) => {
    const names = placeholders(STRINGS.en[key]);
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
      const at = names.indexOf(name);
      return at >= 0 && at < args.length ? String(args[at]) : whole;
    });
  };
  const browser = (navigator.language || "en").slice(0, 2).toLowerCase();
  const asked = new URLSearchParams(location.search).get("lang"); // the widget passes its site's language
  let lang = window.HotlineStore.getItem("hotline.lang") || (STRINGS[asked] ? asked : STRINGS[browser] ? browser : "en");
  const brand = document.documentElement.dataset.brand; // the tenant's name, set by the server on the chat page

  // The page's fixed labels, in the current language.
  function apply() {
    const s = STRINGS[lang];
    document.documentElement.lang = lang;
    document.title = brand ? `${brand} · ${s.title}` : s.title;
    const set = (selector, apply) => { const el = document.querySelector(selector); if (el) apply(el); };
    set("header h1", (el) => { el.textContent = brand || s.title; });
    set("#text", (el) => { el.placeholder = s.placeholder; });
    set("label[for=text]", (el) => { el.textContent = s.message; });
    set("#send", (el) => { el.textContent = s.send; });
    set(".photo-button", (el) => { el.title = s.photo; el.setAttribute("aria-label", s.photo); });
    set("#call[data-state=idle] .label", (el) => { el.textContent = s.call; });
    set("#mute[aria-pressed=false]", (el) => { el.textContent = s.mute; });
    set("#call-timer", (el) => { el.setAttribute("aria-label", s.callTime); });
    set("#keypad-toggle", (el) => { el.textContent = s.keypad; });
    set("#keypad", (el) => { el.setAttribute("aria-label", s.keypad); });
  }

  return {
    get lang() { return lang; },
    t(key, ...args) { const v = STRINGS[lang][key] ?? STRINGS.en[key] ?? key; return format(key, v, args); },
    setLanguage(next) {
      if (!STRINGS[next] || next === lang) return;
      lang = next; window.HotlineStore.setItem("hotline.lang", lang); apply();
    },
    apply,
  };
})();
