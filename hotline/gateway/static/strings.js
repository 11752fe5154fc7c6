// The customer pages' own words, one table per language (the replies themselves come from the server in the
// conversation's language). Adding a language: one more table here, plus the server's language pack.
window.HotlineStrings = (() => {
  const STRINGS = {
    en: {
      title: "Customer support", connecting: "connecting…", connected: "connected", reconnecting: "reconnecting…",
      placeholder: "Ask about an order, a return, a product…", message: "Your message", send: "Send",
      photo: "Send a photo", call: "📞 Call", hangUp: "Hang up", yes: "Yes", no: "No", yesText: "yes", noText: "no",
      itsThe: (name) => `It's the ${name}.`, noneOfThese: "None of these", noneOfTheseText: "None of these.",
      order: (id, status) => `Order ${id}: ${status}`, sources: (n) => `Sources (${n})`,
      helpful: "Helpful", notHelpful: "Not helpful", readFromPhoto: (ids) => `Read from the photo: ${ids}`,
      notConnected: "Not connected yet: try again in a moment.", chatNotOpened: "The chat could not be opened.",
      photoFailed: "The photo could not be sent.", photoOffline: "The photo could not be sent: check your connection.",
      callUnavailable: "Voice calls are not available right now.", callDropped: "The call was disconnected.",
      callFailed: "The call could not be placed.", onCall: "on call — speak any time",
      agentOnLine: "an agent is on the line", calling: "calling…",
    },
    ru: {
      title: "Служба поддержки", connecting: "подключение…", connected: "на связи", reconnecting: "переподключение…",
      placeholder: "Спросите о заказе, возврате, товаре…", message: "Ваше сообщение", send: "Отправить",
      photo: "Отправить фото", call: "📞 Позвонить", hangUp: "Завершить", yes: "Да", no: "Нет", yesText: "да",
      noText: "нет", itsThe: (name) => `Это ${name}.`, noneOfThese: "Ничего из этого", noneOfTheseText: "Ничего из этого.",
      order: (id, status) => `Заказ ${id}: ${status}`, sources: (n) => `Источники (${n})`,
      helpful: "Полезно", notHelpful: "Не помогло", readFromPhoto: (ids) => `Прочитано на фото: ${ids}`,
      notConnected: "Ещё нет связи: попробуйте через минуту.", chatNotOpened: "Не удалось открыть чат.",
      photoFailed: "Не удалось отправить фото.", photoOffline: "Не удалось отправить фото: проверьте подключение.",
      callUnavailable: "Голосовые звонки сейчас недоступны.", callDropped: "Звонок прервался.",
      callFailed: "Не удалось позвонить.", onCall: "идёт звонок — говорите в любой момент",
      agentOnLine: "на линии оператор", calling: "звоним…",
    },
    zh: {
      title: "客户服务", connecting: "正在连接…", connected: "已连接", reconnecting: "正在重新连接…",
      placeholder: "询问订单、退货或商品…", message: "您的消息", send: "发送", photo: "发送照片", call: "📞 通话",
      hangUp: "挂断", yes: "是", no: "否", yesText: "是", noText: "不", itsThe: (name) => `是${name}。`,
      noneOfThese: "都不是", noneOfTheseText: "都不是。", order: (id, status) => `订单 ${id}：${status}`,
      sources: (n) => `来源（${n}）`, helpful: "有帮助", notHelpful: "没有帮助",
      readFromPhoto: (ids) => `从照片中读取：${ids}`, notConnected: "尚未连接：请稍后再试。",
      chatNotOpened: "无法打开聊天。", photoFailed: "照片发送失败。", photoOffline: "照片发送失败：请检查网络连接。",
      callUnavailable: "语音通话暂不可用。", callDropped: "通话已断开。", callFailed: "无法发起通话。",
      onCall: "通话中——随时可以说话", agentOnLine: "人工客服已接入", calling: "正在呼叫…",
    },
  };
  const browser = (navigator.language || "en").slice(0, 2).toLowerCase();
  let lang = sessionStorage.getItem("hotline.lang") || (STRINGS[browser] ? browser : "en");

  // The page's fixed labels, in the current language.
  function apply() {
    const s = STRINGS[lang];
    document.documentElement.lang = lang;
    document.title = s.title;
    const set = (selector, apply) => { const el = document.querySelector(selector); if (el) apply(el); };
    set("header h1", (el) => { el.textContent = s.title; });
    set("#text", (el) => { el.placeholder = s.placeholder; });
    set("label[for=text]", (el) => { el.textContent = s.message; });
    set("#send", (el) => { el.textContent = s.send; });
    set(".photo-button", (el) => { el.title = s.photo; });
    set(".photo-button .visually-hidden", (el) => { el.textContent = s.photo; });
    set("#call[data-state=idle]", (el) => { el.textContent = s.call; });
  }

  return {
    get lang() { return lang; },
    t(key, ...args) { const v = STRINGS[lang][key] ?? STRINGS.en[key]; return typeof v === "function" ? v(...args) : v; },
    setLanguage(next) {
      if (!STRINGS[next] || next === lang) return;
      lang = next; sessionStorage.setItem("hotline.lang", lang); apply();
    },
    apply,
  };
})();
