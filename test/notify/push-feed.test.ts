// Web Push request signing/encryption (offline: the request is built, decrypted and checked as a
// browser and push service would) and the digest feeds.
import assert from "node:assert/strict";
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { test } from "node:test";
import { atomFeed, rssFeed } from "../../src/notify/feed.js";
import type { StoredNotification } from "../../src/notify/notifier.js";
import { checkPushSubscription, generateVapidKeys, pushRequest } from "../../src/notify/push.js";

const b64u = (b: Buffer) => b.toString("base64url");

function p256Jwk(raw: Buffer) {
  return createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) }, format: "jwk" });
}

test("web push: VAPID JWT verifies with the public key and the aes128gcm body decrypts to the payload", () => {
  const vapid = { ...generateVapidKeys(), subject: "mailto:ops@example.org" };
  const ua = createECDH("prime256v1");
  ua.generateKeys();
  const auth = randomBytes(16);
  const sub = checkPushSubscription({ endpoint: "https://push.example.net/send/abc", keys: { p256dh: b64u(ua.getPublicKey()), auth: b64u(auth) } });
  const req = pushRequest(sub, { title: "clash alert", itemId: "al-1" }, vapid, 600);
  assert.equal(req.method, "POST");
  assert.equal(req.endpoint, "https://push.example.net/send/abc");
  assert.equal(req.headers["Content-Encoding"], "aes128gcm");
  assert.equal(Number(req.headers.TTL), 600);
  const m = String(req.headers.Authorization).match(/^vapid t=([^,]+), k=(.+)$/);
  assert.ok(m, String(req.headers.Authorization));
  assert.equal(m[2], vapid.publicKey);
  const [h, p, s] = m[1]!.split(".");
  const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
  assert.equal(claims.aud, "https://push.example.net");
  assert.equal(claims.sub, "mailto:ops@example.org");
  const ok = verify("sha256", Buffer.from(`${h}.${p}`), { key: p256Jwk(Buffer.from(vapid.publicKey, "base64url")), dsaEncoding: "ieee-p1363" }, Buffer.from(s!, "base64url"));
  assert.equal(ok, true, "the JWT is signed by the VAPID key");

  // RFC 8291 decryption, as the browser does it.
  const body = req.body!;
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const ct = body.subarray(21 + idlen);
  const secret = ua.computeSecret(asPublic);
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), ua.getPublicKey(), asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", secret, auth, info, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const d = createDecipheriv("aes-128-gcm", cek, nonce);
  d.setAuthTag(ct.subarray(ct.length - 16));
  const plain = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
  const end = plain.lastIndexOf(2);
  assert.deepEqual(JSON.parse(plain.subarray(0, end).toString()), { title: "clash alert", itemId: "al-1" });
});

test("push subscriptions from the browser are checked", () => {
  assert.throws(() => checkPushSubscription({ endpoint: "http://insecure/x", keys: { p256dh: "a", auth: "b" } }), /https endpoint/);
  assert.throws(() => checkPushSubscription({ endpoint: "https://x/y" }), /keys/);
});

const items: StoredNotification[] = [
  {
    id: "nt_1",
    seq: 2,
    subscriptionId: "s_1",
    itemKind: "alert",
    itemId: "al-<x>",
    title: `clash alert: US-backed / Russia/Iran-backed <script>alert("x")</script>`,
    body: "SDF & government forces clashed at Deir ez-Zor.",
    payload: {},
    createdAt: "2017-09-10T08:00:00.000Z",
  },
  { id: "nt_0", seq: 1, subscriptionId: "s_1", itemKind: "event", itemId: "42", title: "Armed clash", body: "b", payload: {}, createdAt: "2017-09-09T08:00:00.000Z" },
];
const meta = { selfUrl: "https://sitrep.example/api/feed/tok.atom", siteUrl: "https://sitrep.example/", userName: "Ana <admin>", now: "2017-09-11T00:00:00Z" };

test("atom feed: entries escaped, newest first, links to the app", () => {
  const xml = atomFeed(items, meta);
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  assert.ok(!xml.includes("<script>"));
  assert.ok(xml.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  assert.ok(xml.includes("SDF &amp; government forces"));
  assert.ok(xml.includes("for Ana &lt;admin&gt;"));
  assert.ok(xml.includes('<link href="https://sitrep.example/#/alerts/al-%3Cx%3E"/>'));
  assert.ok(xml.indexOf("nt_1") < xml.indexOf("nt_0"));
  assert.match(xml, /<updated>2017-09-10T08:00:00.000Z<\/updated>/);
  assert.equal((xml.match(/<entry>/g) ?? []).length, 2);
});

test("rss feed: items escaped with RFC 822 dates", () => {
  const xml = rssFeed(items, meta);
  assert.match(xml, /<rss version="2.0">/);
  assert.ok(xml.includes("<pubDate>Sun, 10 Sep 2017 08:00:00 GMT</pubDate>"));
  assert.ok(!xml.includes("<script>"));
  assert.equal((xml.match(/<item>/g) ?? []).length, 2);
});
