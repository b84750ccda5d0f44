// The browser-test harness: the real server on a temp SQLite store on a free port, and Debian's
// Chromium driven by playwright-core (no browser download). Tests skip with a reason when
// Chromium is absent or the web app has not been built.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/api/app.js";
import { startServer } from "../../src/api/server.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

export const CHROMIUM = process.env.SITREP_TEST_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "screenshots");

/** false, or why the browser tests cannot run here. */
export const browserSkip: false | string = !existsSync(CHROMIUM)
  ? `needs Chromium at ${CHROMIUM} (set SITREP_TEST_CHROMIUM; .ci/run installs Debian's chromium)`
  : !existsSync(join(DEFAULT_WEB_ROOT, "index.html"))
    ? "needs the built web app (dist/web): run `npm install` or `node --import tsx scripts/install/20-web.ts`"
    : false;

export interface Session {
  store: Store;
  app: FastifyInstance;
  url: string;
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Errors thrown in the page and console errors. */
  pageErrors: string[];
  /** Dialogs (alert/confirm/prompt) the page opened: a script ran if any did. */
  dialogs: string[];
  /** CPU time (user + system, ms) used so far by this session's Chromium processes; NaN without /proc. */
  chromiumCpuMs(): number;
  close(): Promise<void>;
}

/** Starts a server on a fresh temp database (optionally filled by `seed`) and opens a page on it. */
export async function openSession(seed?: (store: Store) => Promise<void>, viewport = { width: 1400, height: 880 }): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-web-"));
  const store = await openStore(join(dir, "sitrep.db"));
  if (seed) await seed(store);
  // SITREP_TEST_LOG=1 prints the server log (failed requests with their stack) while debugging.
  const { app, url } = await startServer(store, { port: 0, host: "127.0.0.1", logger: process.env.SITREP_TEST_LOG === "1" });
  const profile = join(dir, "profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return {
    store,
    app,
    url,
    context,
    page,
    requests,
    pageErrors,
    dialogs,
    chromiumCpuMs: () => processTreeCpuMs(profile),
    close: async () => {
      await context.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Requests that left the server's origin (data: and blob: URLs stay in the page). */
export function foreignRequests(s: Session): string[] {
  const origin = new URL(s.url).origin;
  return s.requests.filter((u) => !u.startsWith(`${origin}/`) && u !== origin && !/^(data|blob):/.test(u));
}

/**
 * CPU time (ms) of the processes whose command line names `marker` (the browser, by its profile
 * directory) and all their descendants (renderer, GPU, utility processes), from /proc (Linux).
 * Wall-clock times are noisy on a shared machine; this is what the page cost the machine.
 */
export function processTreeCpuMs(marker: string): number {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const procs = new Map<number, { ppid: number; ms: number; mine: boolean }>();
  const tick = 10; // USER_HZ is 100 on Linux
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(d), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * tick, mine: readFileSync(`/proc/${d}/cmdline`, "utf8").includes(marker) });
    } catch {
      // the process ended while we read
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let total = 0;
  const seen = new Set<number>();
  const stack = [...procs].filter(([, p]) => p.mine).map(([pid]) => pid);
  while (stack.length) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += procs.get(pid)?.ms ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
