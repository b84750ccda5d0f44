// Preloaded by bench/ingest-threads.ts (`node -r`): when the process exits, writes each of its threads'
// CPU time (user + system, from /proc/self/task/*/stat) to stderr as one line
// `SITREP_THREAD_CPU {"main":ms,"others":[ms,…]}`. The first task listed is the main thread. Linux only;
// elsewhere it writes nothing.
const fs = require("node:fs");

const ticksPerSecond = Number(process.env.SITREP_CLK_TCK) || 100;
process.on("exit", () => {
  let tasks;
  try {
    tasks = fs.readdirSync("/proc/self/task").sort((a, b) => a - b);
  } catch {
    return;
  }
  const ms = [];
  for (const t of tasks) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ms.push(((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond);
    } catch {
      // a thread that ended while being read
    }
  }
  if (ms.length) fs.writeSync(2, `SITREP_THREAD_CPU ${JSON.stringify({ main: ms[0], others: ms.slice(1) })}\n`);
});
