// Bytes → text: gzip, binary detection, and the character encoding, in the order a browser
// trusts them: byte-order mark, the HTTP Content-Type header, <meta charset> / http-equiv
// (or the XML declaration), then strict UTF-8, then windows-1252 as the legacy guess.
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { InputError, type Warning, warning } from "../types/index.js";

type Iconv = typeof import("iconv-lite");
let iconvLib: Iconv | undefined;
/**
 * iconv-lite (0.5 MB of code and tables), required on the first input that names a charset or is
 * not UTF-8, not imported: JSON Lines and UTF-8 text never need it, and the CLI bundle leaves it out.
 */
const iconv = (): Iconv => (iconvLib ??= createRequire(import.meta.url)("iconv-lite") as Iconv);

/** Labels browsers treat as windows-1252 (WHATWG Encoding Standard). */
const AS_1252 = new Set(["iso-8859-1", "latin1", "l1", "ascii", "us-ascii", "iso8859-1", "iso_8859-1", "cp1252", "x-cp1252"]);
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i;

export interface Decoded {
  text: string;
  encoding: string;
  warnings: Warning[];
}

/** Unzips gzip data (by magic bytes), refusing output over `maxBytes`. */
export function gunzipIfNeeded(buf: Buffer, maxBytes: number): Buffer {
  if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return buf;
  try {
    return gunzipSync(buf, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || /larger than|maxOutputLength/i.test(String(e)))
      throw new InputError("TOO_LARGE", `unzipped size exceeds ${maxBytes} bytes`);
    throw new InputError("UNREADABLE", "the gzip data is corrupt");
  }
}

/** True when the bytes look like a binary file (NUL bytes or many control characters). */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  // UTF-16 with a BOM has NULs but is text
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return ctrl / n > 0.05;
}

function normalizeLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (AS_1252.has(l)) return "windows-1252";
  if (l === "utf8") return "utf-8";
  return iconv().encodingExists(l) ? l : undefined;
}

/** The charset parameter of a Content-Type header value. */
export function charsetOfContentType(ct: string | undefined | null): string | undefined {
  return ct?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
}

/**
 * Decodes bytes to text, choosing the encoding as a browser would.
 * @example decodeBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]), { contentType: "text/plain; charset=windows-1252" }).text // "café"
 */
export function decodeBytes(buf: Buffer, opts: { contentType?: string } = {}): Decoded {
  const warnings: Warning[] = [];
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8", warnings };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv().decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le", warnings };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv().decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be", warnings };
  const head = buf.subarray(0, 4096).toString("latin1");
  // a page cannot declare UTF-16 in its own ASCII-readable markup: browsers read that as UTF-8
  const inPage = normalizeLabel(XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1]);
  const declared = normalizeLabel(charsetOfContentType(opts.contentType)) ?? (inPage?.startsWith("utf-16") ? "utf-8" : inPage);
  if (declared && declared !== "utf-8") return { text: iconv().decode(buf, declared), encoding: declared, warnings };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8", warnings };
  } catch {
    if (declared === "utf-8") {
      warnings.push(warning("DECODE_FALLBACK", "declared UTF-8 but has invalid bytes; replaced"));
      return { text: buf.toString("utf8"), encoding: "utf-8", warnings };
    }
    warnings.push(warning("DECODE_GUESSED"));
    return { text: iconv().decode(buf, "windows-1252"), encoding: "windows-1252", warnings };
  }
}
