// Safe URL fetching: http/https only, a timeout, a size cap, a redirect cap, and no
// requests to loopback, private or link-local addresses unless allowed. Addresses are
// checked after DNS resolution (the connection uses the checked address) and again on
// every redirect, so a public name that resolves to 127.0.0.1 is refused too.
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { InputError } from "../types/index.js";

export interface FetchOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface Fetched {
  url: string;
  status: number;
  contentType?: string;
  body: Buffer;
}

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) PRIVATE.addSubnet(net, bits, "ipv6");

/** True for loopback, private, link-local, multicast and unspecified addresses (IPv4-mapped too). */
export function isPrivateAddress(addr: string): boolean {
  const mapped = addr.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const fam = isIP(addr);
  if (fam === 0) return true;
  return PRIVATE.check(addr, fam === 6 ? "ipv6" : "ipv4");
}

/** A DNS lookup that refuses names resolving only to private addresses (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, cb) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addrs) => {
      if (err) return cb(err, "", 0);
      const list = addrs as { address: string; family: number }[];
      const ok = allowPrivate ? list : list.filter((a) => !isPrivateAddress(a.address));
      if (ok.length === 0) {
        const e = Object.assign(new Error(`${hostname} resolves to a private address (${list[0]?.address})`), { code: "SITREP_PRIVATE" });
        return cb(e, "", 0);
      }
      if ((options as { all?: boolean }).all) return (cb as unknown as (e: null, a: typeof ok) => void)(null, ok);
      cb(null, ok[0]!.address, ok[0]!.family);
    });
  };
}

/** Fetches one URL within the limits; throws InputError (URL_REFUSED, URL_FAILED, TOO_LARGE). */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const deadline = Date.now() + (opts.timeoutMs ?? 15000);
  let current = url;
  for (let hop = 0; ; hop++) {
    const r = await fetchOnce(current, opts, deadline);
    if (r.redirect) {
      if (hop >= maxRedirects) throw new InputError("URL_FAILED", `more than ${maxRedirects} redirects`, url);
      current = new URL(r.redirect, current).toString();
      continue;
    }
    return { url: current, status: r.status, contentType: r.contentType, body: r.body! };
  }
}

function fetchOnce(
  url: string,
  opts: FetchOptions,
  deadline: number,
): Promise<{ status: number; redirect?: string; contentType?: string; body?: Buffer }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.reject(new InputError("URL_FAILED", "not a valid URL", url));
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return Promise.reject(new InputError("URL_REFUSED", `only http and https are fetched, not ${u.protocol}`, url));
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivate && (isIP(host) ? isPrivateAddress(host) : host === "localhost" || host.endsWith(".localhost")))
    return Promise.reject(new InputError("URL_REFUSED", `${host} is a loopback, private or link-local address (use --allow-private for local testing)`, url));
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const lib = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new InputError("URL_FAILED", "timed out", url));
    let settled = false;
    const fail = (e: InputError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const req = lib.get(
      u,
      {
        lookup: guardedLookup(!!opts.allowPrivate),
        headers: { "user-agent": "sitrep/0.1 (+https://github.com/sitrep)", accept: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5", "accept-encoding": "identity" },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          settled = true;
          clearTimeout(timer);
          return resolve({ status, redirect: res.headers.location });
        }
        if (status >= 400) {
          res.resume();
          return fail(new InputError("URL_FAILED", `HTTP ${status}`, url));
        }
        const len = Number(res.headers["content-length"] ?? 0);
        if (len > maxBytes) return fail(new InputError("TOO_LARGE", `${len} bytes, limit ${maxBytes}`, url));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return fail(new InputError("TOO_LARGE", `more than ${maxBytes} bytes`, url));
          chunks.push(c);
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, contentType: res.headers["content-type"], body: Buffer.concat(chunks) });
        });
        res.on("error", (e) => fail(new InputError("URL_FAILED", e.message, url)));
      },
    );
    const timer = setTimeout(() => fail(new InputError("URL_FAILED", `timed out after ${opts.timeoutMs ?? 15000} ms`, url)), remaining);
    req.on("error", (e: Error & { code?: string }) => {
      if (e.code === "SITREP_PRIVATE") return fail(new InputError("URL_REFUSED", `${e.message} (use --allow-private for local testing)`, url));
      fail(new InputError("URL_FAILED", describeNetError(e, host), url));
    });
  });
}

const NET_ERRORS: Record<string, string> = {
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed (no network?)",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
};

function describeNetError(e: Error & { code?: string }, host: string): string {
  const what = e.code ? NET_ERRORS[e.code] : undefined;
  return what ? `${what}: ${host} (${e.code})` : e.message.split("\n")[0]!;
}
