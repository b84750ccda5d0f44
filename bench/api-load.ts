// The load generator of bench:api, run as its own process (so it shares neither the server's
// event loop nor its CPU count): `clients` keep-alive connections, each sending its next GET as soon
// as the last answer has fully arrived (a closed loop). It is kept as cheap as it can be, because
// on a small machine its CPU is taken from the server's: requests are bytes made once before the
// clock starts, written on raw sockets, and an answer is read as bytes (status line, Content-Length
// or chunked framing, nothing decoded). It asks for gzip as a browser would. It reports the
// latencies, errors, cache hits, answer bytes and its own CPU time per request.
//   spawned by bench/api.ts: child.send({ url, paths, clients, seconds }) → { lat, errors, hits, bytes, cpuMs }
import { connect, type Socket } from "node:net";

interface Job {
  url: string;
  paths: string[];
  clients: number;
  seconds: number;
}

export interface LoadResult {
  lat: number[];
  errors: number;
  hits: number;
  /** Body bytes received, summed over the answers. */
  bytes: number;
  /** This process's CPU time (user + system) over the run, ms. */
  cpuMs: number;
}

const CRLF2 = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding: *chunked/i;
const CACHE_HIT = /\r\nx-cache: *hit/i;

/** One keep-alive connection's reader: feeds bytes, calls `done` once per complete answer. */
class Conn {
  private buf: Buffer | null = null;
  /** Body bytes still expected (-1: reading the head; -2: chunked, between chunks). */
  private want = -1;
  private status = 0;
  private hit = false;
  private bodyBytes = 0;

  constructor(
    readonly socket: Socket,
    private done: (status: number, hit: boolean, bytes: number) => void,
  ) {
    socket.on("data", (d: Buffer) => this.feed(d));
  }

  private feed(d: Buffer): void {
    let b = this.buf ? Buffer.concat([this.buf, d]) : d;
    this.buf = null;
    for (;;) {
      if (this.want === -1) {
        const end = b.indexOf(CRLF2);
        if (end < 0) {
          this.buf = b;
          return;
        }
        // Only the head becomes text (a few hundred bytes).
        const head = b.toString("latin1", 0, end + 2);
        this.status = Number(head.slice(9, 12));
        this.hit = CACHE_HIT.test(head);
        this.bodyBytes = 0;
        b = b.subarray(end + 4);
        const cl = CONTENT_LENGTH.exec(head);
        if (cl) this.want = Number(cl[1]);
        else if (CHUNKED.test(head)) this.want = -2;
        else this.want = 0;
        if (this.want >= 0) this.bodyBytes = this.want;
      }
      if (this.want === -2) {
        // A chunk's size line; size 0 ends the body (no trailers are sent by the server).
        const eol = b.indexOf("\r\n");
        if (eol < 0) {
          this.buf = b;
          return;
        }
        const size = Number.parseInt(b.toString("latin1", 0, eol), 16);
        if (size === 0) {
          if (b.length < eol + 4) {
            this.buf = b;
            return;
          }
          b = b.subarray(eol + 4);
          this.want = -1;
          this.done(this.status, this.hit, this.bodyBytes);
          continue;
        }
        if (b.length < eol + 2 + size + 2) {
          this.buf = b;
          return;
        }
        this.bodyBytes += size;
        b = b.subarray(eol + 2 + size + 2);
        continue;
      }
      if (b.length < this.want) {
        this.want -= b.length;
        return;
      }
      b = b.subarray(this.want);
      this.want = -1;
      this.done(this.status, this.hit, this.bodyBytes);
      if (!b.length) return;
    }
  }
}

function run(job: Job): Promise<LoadResult> {
  const u = new URL(job.url);
  const requests = job.paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\nHost: ${u.host}\r\nAccept-Encoding: gzip\r\n\r\n`, "latin1"));
  const lat: number[] = [];
  let errors = 0;
  let hits = 0;
  let bytes = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const end = performance.now() + job.seconds * 1000;
  return new Promise((resolve) => {
    let open = 0;
    const finish = () => {
      if (--open > 0) return;
      const c = process.cpuUsage(cpu0);
      resolve({ lat, errors, hits, bytes, cpuMs: (c.user + c.system) / 1000 });
    };
    for (let k = 0; k < job.clients; k++) {
      open++;
      let t0 = 0;
      const socket = connect({ host: u.hostname, port: Number(u.port), noDelay: true });
      const send = () => {
        if (performance.now() >= end) {
          socket.end();
          return;
        }
        t0 = performance.now();
        socket.write(requests[next++ % requests.length]);
      };
      new Conn(socket, (status, hit, n) => {
        lat.push(performance.now() - t0);
        if (status !== 200) errors++;
        if (hit) hits++;
        bytes += n;
        send();
      });
      socket.once("connect", send);
      socket.once("error", () => {
        errors++;
        socket.destroy();
      });
      socket.once("close", finish);
    }
  });
}

process.once("message", async (job: Job) => {
  const result = await run(job);
  process.send?.(result, () => process.exit(0));
});
