// Every CLI command, one file each. Add a command by adding its register function here.
import type { Command } from "commander";
import { registerDemo } from "./demo.js";
import { registerExtract } from "./extract.js";
import { registerServe } from "./serve.js";
import { registerStart } from "./start.js";

export const commands: ((program: Command) => void)[] = [registerExtract, registerServe, registerStart, registerDemo];
