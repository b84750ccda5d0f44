// Every CLI command, one file each. Add a command by adding its register function here.
import type { Command } from "commander";
import { registerDemo } from "./demo.js";
import { registerActors } from "./actors.js";
import { registerAlerts } from "./alerts.js";
import { registerEvents } from "./events.js";
import { registerExport } from "./export.js";
import { registerExtract } from "./extract.js";
import { registerGeoparse } from "./geoparse.js";
import { registerImport } from "./import.js";
import { registerIngest } from "./ingest.js";
import { registerSearch } from "./search.js";
import { registerTimeline } from "./timeline.js";
import { registerServe } from "./serve.js";
import { registerStart } from "./start.js";

export const commands: ((program: Command) => void)[] = [registerExtract, registerServe, registerStart, registerDemo,
  registerIngest, registerEvents, registerActors, registerSearch, registerTimeline, registerExport, registerImport, registerGeoparse, registerAlerts];
