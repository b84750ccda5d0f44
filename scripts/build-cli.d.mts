// Types of scripts/build-cli.mjs (plain JavaScript so that it runs without tsx).
/** Builds dist/cli/sitrep.cjs for the clone at `root`. */
export function buildCli(root: string): Promise<{ file: string; bytes: number; inputs: number; ms: number }>;
