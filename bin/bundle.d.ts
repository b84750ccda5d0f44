// Types of bin/bundle.js (plain JavaScript: it runs before tsx is loaded, or without it).
export type Manifest = Record<string, [mtimeMs: number, size: number]>;
export function bundlePath(root: string): string;
export const BUILD_INPUTS: string[];
export const HEADER_MARK: string;
export function sourceManifest(root: string): Manifest;
export function staleReason(root: string, recorded: Manifest): string | null;
export function loadBundle(
  root: string,
): { main: (argv: string[]) => Promise<number>; cache: "used" | "none yet, written" | "refused, written again" } | { main?: undefined; reason: string };
