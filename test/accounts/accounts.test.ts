// Accounts: scrypt hashes, registration, login, sessions, rate-limited wrong passwords, roles.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, verifyPassword } from "../../src/accounts/password.js";
import { type AccountError, Accounts } from "../../src/accounts/users.js";
import { BACKENDS, fakeClock, tempDb } from "./helpers.js";

/** Cheaper scrypt for the tests that are not about hashing (the hash test uses the defaults). */
const FAST = { logN: 12, r: 8, p: 1 };

test("scrypt hashes name their parameters, are salted and verify only the right password", async () => {
  const a = await hashPassword("correct horse battery staple");
  const b = await hashPassword("correct horse battery staple");
  assert.match(a, /^scrypt\$15\$8\$2\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword("correct horse battery staple", a), true);
  assert.equal(await verifyPassword("correct horse battery stapl", a), false);
  assert.equal(await verifyPassword("x", "not-a-hash"), false);
});

for (const { backend, skip } of BACKENDS) {
test(`register, login, session, logout; first user is admin, the next a reader (${backend})`, { skip }, async () => {
  const t = await tempDb(backend);
  const { clock } = fakeClock();
  const acc = new Accounts(t.db, { clock, scrypt: FAST });
  const admin = await acc.register("Ana@Example.org", "Ana", "a long enough passphrase");
  const reader = await acc.register("bo@example.org", "Bo", "another long passphrase");
  assert.equal(admin.role, "admin");
  assert.equal(admin.email, "ana@example.org");
  assert.equal(reader.role, "reader");
  await assert.rejects(acc.register("ana@example.org", "Ana 2", "a long enough passphrase"), (e: AccountError) => e.status === 409);
  await assert.rejects(acc.register("not-an-email", "X", "a long enough passphrase"), /email must look like/);
  await assert.rejects(acc.register("c@example.org", "C", "short"), /at least 10 characters/);
  const { token, session } = await acc.login("ana@example.org", "a long enough passphrase", "127.0.0.1");
  assert.equal(session.user.id, admin.id);
  const s = await acc.session(token);
  assert.equal(s?.user.email, "ana@example.org");
  assert.equal(s?.csrfToken, session.csrfToken);
  const raw = await t.db.all<{ token_hash: string }>("SELECT token_hash FROM sessions");
  assert.ok(raw.every((r) => r.token_hash !== token), "only a hash of the session token is stored");
  await acc.logout(token);
  assert.equal(await acc.session(token), null);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`sessions expire (${backend})`, { skip }, async () => {
  const t = await tempDb(backend);
  const c = fakeClock();
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: FAST, sessionDays: 1 });
  await acc.register("ana@example.org", "Ana", "a long enough passphrase");
  const { token } = await acc.login("ana@example.org", "a long enough passphrase");
  c.advance(86_401);
  assert.equal(await acc.session(token), null);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`wrong passwords are rate-limited, even the right one is refused while locked, and the lock expires (${backend})`, { skip }, async () => {
  const t = await tempDb(backend);
  const c = fakeClock();
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: FAST, limits: { maxFailures: 3, lockSec: 60 } });
  await acc.register("ana@example.org", "Ana", "a long enough passphrase");
  for (let i = 0; i < 3; i++) await assert.rejects(acc.login("ana@example.org", `wrong guess ${i}`, "10.0.0.9"), (e: AccountError) => e.status === 401);
  await assert.rejects(acc.login("ana@example.org", "a long enough passphrase", "10.0.0.7"), (e: AccountError) => e.status === 429 && e.retryAfterSec! > 0);
  c.advance(61);
  const ok = await acc.login("ana@example.org", "a long enough passphrase", "10.0.0.7");
  assert.ok(ok.token);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`an unknown email fails like a wrong password and counts against the address (${backend})`, { skip }, async () => {
  const t = await tempDb(backend);
  const c = fakeClock();
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: FAST, limits: { maxFailures: 2 } });
  await assert.rejects(acc.login("nobody@example.org", "whatever it is"), /wrong email or password/);
  await assert.rejects(acc.login("nobody2@example.org", "whatever it is", "unknown"), /wrong email or password/);
  await assert.rejects(acc.login("nobody3@example.org", "whatever it is", "unknown"), (e: AccountError) => e.status === 429);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`roles: admin changes a role; unknown roles are refused (${backend})`, { skip }, async () => {
  const t = await tempDb(backend);
  const acc = new Accounts(t.db, { clock: fakeClock().clock, scrypt: FAST });
  await acc.register("ana@example.org", "Ana", "a long enough passphrase");
  const bo = await acc.register("bo@example.org", "Bo", "another long passphrase");
  assert.equal((await acc.setRole(bo.id, "analyst")).role, "analyst");
  await assert.rejects(acc.setRole(bo.id, "king" as never), /role must be/);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
  test(`with adminEmails, only those become admin, first or not (${backend})`, { skip }, async () => {
    const t = await tempDb(backend);
    const acc = new Accounts(t.db, { clock: fakeClock().clock, scrypt: FAST, adminEmails: ["Boss@Example.org"] });
    assert.equal((await acc.register("first@example.org", "First", "a long enough passphrase")).role, "reader");
    assert.equal((await acc.register("boss@example.org", "Boss", "a long enough passphrase")).role, "admin");
    await t.done();
  });
}
