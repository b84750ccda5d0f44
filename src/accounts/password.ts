// Password hashing with scrypt (memory-hard; node:crypto). The stored string names its own
// parameters, so they can be raised later without breaking existing hashes:
//   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. 15 → N = 32768, 32 MiB with r = 8. */
  logN: number;
  r: number;
  p: number;
}

/** Strong defaults (OWASP: N=2^17 r=8 p=1 or N=2^15 with more p; we use 2^15, 8, 2). */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 2 };
const KEYLEN = 32;

function derive(password: string, salt: Buffer, prm: ScryptParams): Promise<Buffer> {
  const N = 2 ** prm.logN;
  const opts: ScryptOptions = { N, r: prm.r, p: prm.p, maxmem: 256 * N * prm.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a password. @example await hashPassword("correct horse battery staple") // "scrypt$15$8$2$…" */
export async function hashPassword(password: string, prm: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, prm);
  return `scrypt$${prm.logN}$${prm.r}$${prm.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!(logN >= 10 && logN <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const want = Buffer.from(parts[5]!, "base64url");
  const got = await derive(password, salt, { logN, r, p });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== "string") return "the password must be a string";
  if ([...password].length < 10) return "the password must have at least 10 characters";
  if (password.length > 1024) return "the password is too long (at most 1024 characters)";
  return undefined;
}
