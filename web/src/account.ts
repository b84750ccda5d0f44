// The account corner of the header: who is signed in (a link to the /account page, where people
// register, sign in and manage subscriptions), and, once signed in, the notification client
// (/sitrep-notify.js) started so new matching events and alerts arrive as browser notifications.
// Also `watch()`: subscribe the signed-in user to a region, an alert's place or a coalition pair.
import { alertsApi, type Me, type SubscriptionSpec } from "./alerts-api.js";
import { $, fill, h } from "./dom.js";

type Notify = { start(): void; stop(): void; enable(): Promise<string> };
const win = window as unknown as { sitrepNotify?: Notify };

let notifyLoaded: Promise<Notify | undefined> | undefined;

/** Loads /sitrep-notify.js once (a same-origin script, allowed by the page's CSP). */
function loadNotify(): Promise<Notify | undefined> {
  notifyLoaded ??= new Promise((resolve) => {
    if (win.sitrepNotify) return resolve(win.sitrepNotify);
    const s = document.createElement("script");
    s.src = "/sitrep-notify.js";
    s.onload = () => resolve(win.sitrepNotify);
    s.onerror = () => resolve(undefined);
    document.head.append(s);
  });
  return notifyLoaded;
}

function slot(): HTMLElement {
  let el = document.getElementById("account");
  if (!el) {
    el = h("span", { id: "account", class: "account" });
    $("top").insertBefore(el, document.getElementById("stats"));
  }
  return el;
}

function render(me: Me | null): void {
  if (!me) {
    fill(slot(), h("a", { href: "/account", id: "account-link", title: "register or sign in to watch areas and get notifications" }, "Sign in"));
    return;
  }
  const allow =
    "Notification" in window && Notification.permission === "default"
      ? h(
          "button",
          {
            type: "button",
            class: "link",
            id: "allow-notifications",
            onclick: async () => {
              await (await loadNotify())?.enable();
              render(me);
            },
          },
          "allow notifications",
        )
      : null;
  fill(slot(), h("a", { href: "/account", id: "account-link", title: "your subscriptions and notifications" }, me.user.displayName), allow);
}

/** Checks the session, shows it in the header, starts notifications when signed in. */
export async function startAccount(): Promise<Me | null> {
  let me: Me | null = null;
  try {
    me = await alertsApi.me();
  } catch {
    me = null;
  }
  render(me);
  if (me) (await loadNotify())?.start();
  return me;
}

// sitrep-notify.js shows each notification as a toast, then fires `sitrep:notification`: give the
// newest toast a link to what it is about (the event panel or the alert) and a way to dismiss it.
document.addEventListener("sitrep:notification", (e) => {
  const n = (e as CustomEvent<{ itemKind?: string; itemId?: string }>).detail;
  const toast = document.querySelector("#sitrep-toasts .sitrep-toast");
  if (!toast || toast.querySelector(".toast-actions") || !n?.itemId) return;
  const href = n.itemKind === "alert" ? `#/alerts/${encodeURIComponent(n.itemId)}` : `#/event/${encodeURIComponent(n.itemId)}`;
  toast.append(
    h(
      "div",
      { class: "toast-actions" },
      h("a", { href, class: "toast-open", onclick: () => toast.remove() }, n.itemKind === "alert" ? "open the alert" : "open the event"),
      h("button", { type: "button", class: "link", onclick: () => toast.remove() }, "dismiss"),
    ),
  );
  // Toasts pile up while ingesting; the notifications stay listed on the account page.
  setTimeout(() => toast.remove(), 60_000);
});

/** Subscribes the signed-in user; resolves to a sentence for the page to show. */
export async function watch(name: string, spec: SubscriptionSpec): Promise<{ ok: boolean; message: string }> {
  if (!alertsApi.current()) await startAccount();
  if (!alertsApi.current()) return { ok: false, message: "Sign in on the account page first (link at the top right)." };
  try {
    const s = await alertsApi.subscribe(name, spec);
    return { ok: true, message: `Watching: ${s.name}. New events and alerts there will be notified.` };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}
