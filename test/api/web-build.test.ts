// The server says when dist/web was built by an older install step (the page would miss files it needs).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { staleWebBuild, WEB_BUILD_FORMAT, WEB_BUILD_STAMP } from "../../src/api/static.js";

test("a web build without the current format stamp is reported; a current or absent one is not", () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-web-build-"));
  try {
    assert.equal(staleWebBuild(dir), undefined, "no index.html: nothing built, nothing to call stale");
    writeFileSync(join(dir, "index.html"), "<!doctype html>");
    const none = staleWebBuild(dir);
    assert.ok(none?.includes("build format none") && none.includes("npm install"), `unstamped build reported with the fix: ${none}`);
    writeFileSync(join(dir, WEB_BUILD_STAMP), `${WEB_BUILD_FORMAT - 1}\n`);
    assert.ok(staleWebBuild(dir)?.includes(`build format ${WEB_BUILD_FORMAT - 1}`), "an older format is reported");
    writeFileSync(join(dir, WEB_BUILD_STAMP), `${WEB_BUILD_FORMAT}\n`);
    assert.equal(staleWebBuild(dir), undefined, "the current format is not reported");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
