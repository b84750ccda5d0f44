// The time bar: a per-day histogram of events stacked by type (canvas) with the selected window
// shaded, and two range inputs that set the window the map shows.
import { EVENT_TYPES, TYPE_COLORS } from "./colors.js";
import { $ } from "./dom.js";
import { state } from "./state.js";

export function createTimebar(): void {
  const canvas = $("hist") as HTMLCanvasElement;
  const from = $("t-from") as HTMLInputElement;
  const to = $("t-to") as HTMLInputElement;
  const label = $("t-label");
  let counts: Float64Array[] = [];
  let maxDay = 1;

  const recount = () => {
    const n = state.days.length;
    counts = EVENT_TYPES.map(() => new Float64Array(n));
    if (n) {
      const index = new Map(state.days.map((d, i) => [d, i]));
      const { date, type } = state.points;
      for (let k = 0; k < state.points.length; k++) {
        const i = index.get(date[k]);
        if (i !== undefined && type[k] >= 0) counts[type[k]][i]++;
      }
    }
    maxDay = 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const c of counts) s += c[i];
      if (s > maxDay) maxDay = s;
    }
    for (const r of [from, to]) {
      r.min = "0";
      r.max = String(Math.max(0, n - 1));
    }
    from.value = String(state.from);
    to.value = String(state.to);
    draw();
  };

  const draw = () => {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const ht = canvas.clientHeight;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(ht * dpr);
    const g = canvas.getContext("2d")!;
    g.scale(dpr, dpr);
    g.clearRect(0, 0, w, ht);
    const n = state.days.length;
    label.textContent = n ? `${state.days[state.from]} – ${state.days[state.to]} · ${state.visible().length.toLocaleString("en")} events` : "no events yet";
    if (!n) return;
    const bw = w / n;
    // Selected window.
    g.fillStyle = "rgba(79,157,222,0.12)";
    g.fillRect(state.from * bw, 0, (state.to - state.from + 1) * bw, ht);
    const scale = (ht - 4) / Math.sqrt(maxDay);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (const c of counts) total += c[i];
      if (!total) continue;
      // sqrt scale keeps quiet days visible next to busy ones; stacks keep type shares.
      const hTotal = Math.sqrt(total) * scale;
      let y = ht;
      const inWindow = i >= state.from && i <= state.to;
      g.globalAlpha = inWindow ? 1 : 0.3;
      EVENT_TYPES.forEach((t, k) => {
        const v = counts[k][i];
        if (!v) return;
        const hh = (v / total) * hTotal;
        g.fillStyle = TYPE_COLORS[t];
        g.fillRect(i * bw, y - hh, Math.max(2, bw - (bw > 3 ? 1 : 0)), hh);
        y -= hh;
      });
    }
    g.globalAlpha = 1;
  };

  const onInput = () => state.setWindow(Number(from.value), Number(to.value));
  from.addEventListener("input", onInput);
  to.addEventListener("input", onInput);
  // Click or drag on the histogram to pick a window.
  let dragFrom = -1;
  const dayAt = (ev: PointerEvent) => Math.max(0, Math.min(state.days.length - 1, Math.floor((ev.offsetX / canvas.clientWidth) * state.days.length)));
  canvas.addEventListener("pointerdown", (ev) => {
    if (!state.days.length) return;
    dragFrom = dayAt(ev);
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (dragFrom >= 0) state.setWindow(dragFrom, dayAt(ev));
  });
  canvas.addEventListener("pointerup", (ev) => {
    if (dragFrom < 0) return;
    const d = dayAt(ev);
    // A plain click resets to everything.
    if (d === dragFrom) state.setWindow(0, state.days.length - 1);
    else state.setWindow(dragFrom, d);
    dragFrom = -1;
  });
  state.on("points", recount);
  state.on("window", () => {
    from.value = String(state.from);
    to.value = String(state.to);
    draw();
  });
  // Redraw whenever the bar changes size, including when it is shown again after another view.
  new ResizeObserver(() => draw()).observe(canvas);
  recount();
}

/** Sets the window to one day (a date clicked in the reader). */
export function focusDay(date: string): void {
  const i = state.days.indexOf(date);
  if (i >= 0) state.setWindow(i, i);
}
