// Browser notifications for the signed-in user: listens to /api/notifications/stream (SSE) and,
// for each notification, shows a system notification through the service worker (when the user
// allowed it) and an in-page toast, and fires a `sitrep:notification` DOM event. All text is set
// with textContent, never as HTML.
(() => {
  let source = null;

  async function registerWorker() {
    if (!("serviceWorker" in navigator)) return null;
    try {
      return await navigator.serviceWorker.register("/sitrep-sw.js", { scope: "/" });
    } catch {
      return null;
    }
  }

  function toast(n) {
    let box = document.getElementById("sitrep-toasts");
    if (!box) {
      box = document.createElement("div");
      box.id = "sitrep-toasts";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.append(box);
    }
    const el = document.createElement("div");
    el.className = "sitrep-toast";
    const t = document.createElement("strong");
    t.textContent = n.title;
    const b = document.createElement("p");
    b.textContent = n.body;
    el.append(t, b);
    box.prepend(el);
  }

  async function show(n) {
    toast(n);
    document.dispatchEvent(new CustomEvent("sitrep:notification", { detail: n }));
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const reg = await navigator.serviceWorker?.getRegistration("/");
    if (reg) await reg.showNotification(n.title, { body: n.body, tag: n.id, data: { itemKind: n.itemKind, itemId: n.itemId } });
    else new Notification(n.title, { body: n.body, tag: n.id });
  }

  /** Asks for permission (call from a click) and registers the service worker. */
  async function enable() {
    await registerWorker();
    if (!("Notification" in window)) return "unsupported";
    return Notification.permission === "default" ? Notification.requestPermission() : Notification.permission;
  }

  /** Opens the stream (needs a session cookie); idempotent. */
  function start() {
    if (source) return;
    registerWorker();
    source = new EventSource("/api/notifications/stream");
    source.addEventListener("notification", (e) => {
      try {
        show(JSON.parse(e.data));
      } catch {}
    });
    source.addEventListener("hello", () => document.documentElement.setAttribute("data-sitrep-stream", "open"));
  }

  function stop() {
    source?.close();
    source = null;
    document.documentElement.removeAttribute("data-sitrep-stream");
  }

  window.sitrepNotify = { start, stop, enable };
})();
