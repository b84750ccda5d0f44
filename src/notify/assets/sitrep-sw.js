// sitrep's service worker: shows notifications sent by Web Push (when the server has VAPID keys)
// and opens the app when one is clicked. The open page shows its own through registration.showNotification.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("push", (e) => {
  let d = {};
  try {
    d = e.data ? e.data.json() : {};
  } catch {
    d = { title: "sitrep", body: e.data ? e.data.text() : "" };
  }
  e.waitUntil(self.registration.showNotification(d.title || "sitrep", { body: d.body || "", tag: d.id, data: d }));
});

self.addEventListener("notificationclick", (e) => {
  e.notification.close();
  e.waitUntil(self.clients.openWindow("/account"));
});
