// The account page: register / sign in, subscribe (region, actor, coalition pair, event type),
// list subscriptions and notifications, allow browser notifications. Talks to the JSON API with
// the session cookie and the CSRF token; renders every user-supplied string with textContent.
(() => {
  const $ = (id) => document.getElementById(id);
  let csrf = "";

  async function api(method, url, body) {
    const res = await fetch(url, {
      method,
      headers: { ...(body ? { "content-type": "application/json" } : {}), ...(csrf ? { "x-csrf-token": csrf } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
    const data = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
    if (!res.ok) throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
    return data;
  }

  const say = (text) => {
    $("message").textContent = text;
  };

  function item(text, sub) {
    const li = document.createElement("li");
    li.textContent = text;
    if (sub) {
      const s = document.createElement("small");
      s.textContent = ` ${sub}`;
      li.append(s);
    }
    return li;
  }

  async function refresh() {
    const subs = await api("GET", "/api/subscriptions");
    $("subscriptions").replaceChildren(...subs.items.map((s) => item(s.name, `(${s.channels.join(", ")})`)));
    const notes = await api("GET", "/api/notifications");
    $("notifications").replaceChildren(...notes.items.map((n) => item(n.title, n.body)));
  }

  async function signedIn(me) {
    csrf = me.csrfToken;
    $("who").textContent = `${me.user.displayName} (${me.user.role})`;
    $("logout").hidden = false;
    $("auth").hidden = true;
    $("signed-in").hidden = false;
    const feed = me.feedToken ?? (await api("GET", "/api/auth/me")).feedToken;
    $("feed-atom").href = `/api/feed/${feed}.atom`;
    $("feed-rss").href = `/api/feed/${feed}.rss`;
    $("permission").textContent = "Notification" in window ? Notification.permission : "unsupported";
    window.sitrepNotify.start();
    await refresh();
  }

  document.addEventListener("sitrep:notification", (e) => {
    $("notifications").prepend(item(e.detail.title, e.detail.body));
  });

  const fields = (form) => Object.fromEntries(new FormData(form).entries());

  $("register").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", "/api/auth/register", fields(e.target));
      await signedIn(await api("GET", "/api/auth/me"));
      say("");
    } catch (err) {
      say(err.message);
    }
  });
  $("login").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", "/api/auth/login", fields(e.target));
      await signedIn(await api("GET", "/api/auth/me"));
      say("");
    } catch (err) {
      say(err.message);
    }
  });
  $("logout").addEventListener("click", async () => {
    await api("POST", "/api/auth/logout").catch(() => {});
    location.reload();
  });

  const kindSelect = $("subscribe").elements.kind;
  kindSelect.addEventListener("change", () => {
    for (const fs of document.querySelectorAll("fieldset[data-kind]")) fs.hidden = fs.dataset.kind !== kindSelect.value;
  });

  $("subscribe").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = fields(e.target);
    let spec;
    if (f.kind === "region") spec = { kind: "region", center: { lat: Number(f.lat), lon: Number(f.lon), name: f.placeName || undefined }, radiusKm: Number(f.radiusKm) };
    else if (f.kind === "actor") spec = { kind: "actor", actorId: f.actorId };
    else if (f.kind === "coalition-pair") spec = { kind: "coalition-pair", a: f.a, b: f.b };
    else spec = { kind: "event-type", eventType: f.eventType };
    const channels = ["browser", "feed", "webhook"].filter((c) => f[`ch-${c}`]);
    try {
      await api("POST", "/api/subscriptions", { spec, channels, webhookUrl: f.webhookUrl || undefined });
      say("");
      await refresh();
    } catch (err) {
      say(err.message);
    }
  });

  $("enable-notifications").addEventListener("click", async () => {
    $("permission").textContent = await window.sitrepNotify.enable();
  });

  api("GET", "/api/auth/me").then(signedIn, () => {});
})();
