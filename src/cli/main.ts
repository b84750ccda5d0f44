// The `sitrep` command line: builds the program from src/cli/commands.ts and runs it.
import "./v8-tiering.js";
import { Command, CommanderError } from "commander";
import { commands } from "./commands.js";
import { UserError } from "./errors.js";

let pipeWatched = false;

/**
 * A reader that stops reading early (`sitrep extract … | head`) closes standard output; the next
 * write fails with EPIPE, which Node reports as an unhandled error with a stack trace. The reader has
 * all it wanted: the command ends quietly (status 0, as a finished command would have).
 */
function endQuietlyWhenOutputCloses(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    process.stderr.write(`sitrep: cannot write the output: ${err.message}\n`);
    process.exit(74);
  });
}

/** Runs the CLI with `argv` (as in process.argv) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  const program = new Command("sitrep")
    .description("Turns news reporting on armed conflicts into a source-attributed situation picture.")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError) {
      process.stderr.write(`sitrep: ${err.message}\n`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sitrep: internal error: ${msg}\n`);
    if (process.env.SITREP_DEBUG) console.error(err);
    return 70;
  }
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}
