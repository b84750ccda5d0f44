// Runs the store contract against a real PostgreSQL + PostGIS server named by SITREP_TEST_PG
// (.ci/run starts one). Every store gets its own freshly created schema, dropped at the end,
// so parallel runs never collide.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";

const url = process.env.SITREP_TEST_PG;
const run = randomBytes(4).toString("hex");
const schemas: string[] = [];

contractSuite({
  name: "postgres",
  skip: url ? false : "SITREP_TEST_PG is not set (e.g. postgres://sitrep:sitrep@127.0.0.1:5432/sitrep_test); .ci/run sets it",
  open: () => {
    const schema = `sitrep_t_${run}_${schemas.length + 1}`;
    schemas.push(schema);
    return openStore(url!, { schema });
  },
  reopen: () => openStore(url!, { schema: schemas[schemas.length - 1] }),
  cleanup: async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  },
});
