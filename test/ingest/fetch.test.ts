// URLs against a real local HTTP server on 127.0.0.1: allowed with allowPrivate, refused
// without it; redirect cap, size cap, timeout, HTTP errors, charset from the header.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { guardedLookup, isPrivateAddress } from "../../src/ingest/fetch.js";
import { type ReadOptions, type ReadResult, readInputs } from "../../src/ingest/index.js";

let server: Server;
let base = "";
const PAGE = `<html><head><title>Local page</title></head><body><article><h1>Local page</h1>${"<p>Shelling was reported in the northern districts overnight, residents told reporters by telephone on Sunday.</p>".repeat(3)}</article></body></html>`;

before(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    if (u.pathname === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(PAGE);
    }
    if (u.pathname === "/latin") {
      res.writeHead(200, { "content-type": "text/html; charset=windows-1252" });
      return res.end(Buffer.concat([Buffer.from("<html><body><article><p>Caf"), Buffer.from([0xe9]), Buffer.from(" on the corner was hit by a shell on Sunday, witnesses said in interviews.</p></article></body></html>")]));
    }
    if (u.pathname.startsWith("/hop/")) {
      const n = Number(u.pathname.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : "/page" });
      return res.end();
    }
    if (u.pathname === "/big") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200) res.once("drain", pump);
        else res.end();
      };
      res.on("close", () => (sent = 200));
      return pump();
    }
    if (u.pathname === "/slow") {
      setTimeout(() => res.end(PAGE), 2000).unref();
      return;
    }
    if (u.pathname === "/feed") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Local feed</title><item><title>One</title><link>http://example.org/1</link><description>Item text.</description></item></channel></rss>`);
    }
    res.writeHead(404);
    res.end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

async function read(inputs: string[], opts: ReadOptions): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(inputs, opts)) out.push(r);
  return out;
}

test("a page over HTTP with allowPrivate", async () => {
  const [r] = await read([`${base}/page`], { allowPrivate: true });
  assert.ok(r?.ok, r && !r.ok ? r.message : "");
  assert.equal(r.article.format, "url");
  assert.equal(r.article.url, `${base}/page`);
  assert.equal(r.article.title, "Local page");
  assert.equal(r.article.body.split("\n\n").length, 3);
});

test("loopback, private and link-local addresses are refused by default", async () => {
  const rs = await read([`${base}/page`, "http://localhost:1/", "http://10.1.2.3/", "http://[::1]:1/", "http://169.254.169.254/latest"], {});
  for (const r of rs) assert.ok(!r.ok && r.code === "URL_REFUSED", JSON.stringify(r));
  assert.equal(isPrivateAddress("192.168.1.1"), true);
  assert.equal(isPrivateAddress("::ffff:127.0.0.1"), true);
  assert.equal(isPrivateAddress("fe80::1"), true);
  assert.equal(isPrivateAddress("93.184.216.34"), false);
  assert.equal(isPrivateAddress("2606:4700::1111"), false);
});

test("other schemes are refused", async () => {
  const [r] = await read(["ftp://example.org/file.html"], { allowPrivate: true });
  assert.ok(r && !r.ok && r.code === "URL_REFUSED");
});

test("redirects are followed up to the cap", async () => {
  const [ok] = await read([`${base}/hop/2`], { allowPrivate: true, maxRedirects: 5 });
  assert.ok(ok?.ok);
  assert.equal(ok.article.url, `${base}/page`);
  const [tooMany] = await read([`${base}/hop/10`], { allowPrivate: true, maxRedirects: 3 });
  assert.ok(tooMany && !tooMany.ok && tooMany.code === "URL_FAILED" && /redirects/.test(tooMany.message));
});

test("size cap, timeout and HTTP errors give one-line failures", async () => {
  const rs = await read([`${base}/big`, `${base}/slow`, `${base}/missing`, `${base}/page`], {
    allowPrivate: true,
    maxBytes: 1024 * 1024,
    timeoutMs: 300,
  });
  assert.deepEqual(
    rs.map((r) => (r.ok ? "ok" : r.code)),
    ["TOO_LARGE", "URL_FAILED", "URL_FAILED", "ok"],
  );
  assert.match((rs[1] as { message: string }).message, /timed out/);
  assert.match((rs[2] as { message: string }).message, /HTTP 404/);
});

test("charset from the Content-Type header; feeds by URL", async () => {
  const [r] = await read([`${base}/latin`], { allowPrivate: true });
  assert.ok(r?.ok);
  assert.ok(r.article.body.startsWith("Café on the corner"), r.article.body);
  const [f] = await read([`${base}/feed`], { allowPrivate: true });
  assert.ok(f?.ok);
  assert.equal(f.article.format, "feed");
  assert.equal(f.article.title, "One");
});

test("an unreachable host is a failure, not a crash", async () => {
  // a closed port on loopback: connection refused
  const [r] = await read(["http://127.0.0.1:1/"], { allowPrivate: true, timeoutMs: 2000 });
  assert.ok(r && !r.ok && r.code === "URL_FAILED", JSON.stringify(r));
});

test("the address check runs after DNS resolution: a name resolving to loopback is refused", async () => {
  const lookup = (allow: boolean) =>
    new Promise<{ err: (Error & { code?: string }) | null; addr: string }>((resolve) =>
      guardedLookup(allow)("localhost", { family: 4 }, (err, addr) => resolve({ err, addr: String(addr) })),
    );
  const refused = await lookup(false);
  assert.equal(refused.err?.code, "SITREP_PRIVATE");
  const allowed = await lookup(true);
  assert.equal(allowed.err, null);
  assert.equal(allowed.addr, "127.0.0.1");
});
