// Every CLI command, one file each. Add a command by adding its register function here.
import type { Command } from "commander";
import { registerExtract } from "./extract.js";

export const commands: ((program: Command) => void)[] = [registerExtract];
