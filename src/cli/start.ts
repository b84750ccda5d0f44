// `sitrep start` (what `npm start` runs): the embedded default database, the example reports on
// the first run when it is empty, then the web app; prints the URL.
import type { Command } from "commander";
import { loadDemo } from "./demo.js";
import { addServeOptions, openStoreForCli, type ServeCliOptions, serveUntilStopped } from "./serve.js";

export function registerStart(program: Command): void {
  addServeOptions(program.command("start").description("open the situation picture (loads the example reports into an empty database first)"))
    .option("--no-demo", "do not load the example reports into an empty database")
    .action(async (o: ServeCliOptions & { demo: boolean }) => {
      const store = await openStoreForCli(o.db);
      const stats = await store.stats();
      if (stats.articles === 0 && o.demo) {
        const r = await loadDemo(store);
        process.stdout.write(`sitrep: first run: loaded ${r.articles} example reports (${r.events} events from ${r.reports} event reports; fictional, marked as examples)\n`);
      }
      await serveUntilStopped(store, o);
    });
}
