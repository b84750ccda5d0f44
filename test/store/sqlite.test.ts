// Runs the store contract against SQLite in a temporary file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-store-"));
let n = 0;
let last = "";

contractSuite({
  name: "sqlite",
  open: () => openStore((last = join(dir, `t${++n}.db`))),
  reopen: () => openStore(last),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
