// `--one-core` for the benchmarks that spawn processes: the command prefix pinning a child to core 0
// with taskset, when taskset works here, and a line for the header saying how it went.
import { spawnSync } from "node:child_process";

export function oneCorePrefix(): { prefix: string[]; note: string } {
  const r = spawnSync("taskset", ["-c", "0", process.execPath, "-e", ""], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    return { prefix: [], note: `--one-core: taskset is not usable here (${r.error?.message ?? r.stderr.trim()}): the runs are NOT pinned` };
  return {
    prefix: ["taskset", "-c", "0"],
    note: "one core: every spawned command runs under `taskset -c 0` (its wall time is the one-core speed when that core is otherwise idle)",
  };
}
