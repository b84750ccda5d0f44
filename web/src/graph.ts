// The actor graph: sigma@3 over graphology. Nodes are actors coloured by kind and sized by
// activity; edges are backed-by, part-of, allied-with, opposes and fought, weighted by evidence.
// Clicking a node filters the map to that actor.
import { MultiDirectedGraph } from "graphology";
import Sigma from "sigma";
import { api } from "./api.js";
import { EDGE_COLORS, KIND_COLORS } from "./colors.js";
import { $, fill, h } from "./dom.js";

export interface GraphView {
  load(): Promise<void>;
  /** The node positions on screen (for tests and keyboard users). */
  sigma(): Sigma | null;
}

/** A small deterministic force layout (repulsion + springs), enough for a few hundred actors. */
function layout(g: MultiDirectedGraph, iterations = 300): void {
  const ids = g.nodes();
  const n = ids.length;
  const pos = new Map<string, { x: number; y: number; dx: number; dy: number }>();
  ids.forEach((id, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    const r = 10 + (i % 7);
    pos.set(id, { x: r * Math.cos(a), y: r * Math.sin(a), dx: 0, dy: 0 });
  });
  const k = 6;
  for (let it = 0; it < iterations; it++) {
    const t = 1 - it / iterations;
    for (const p of pos.values()) {
      p.dx = 0;
      p.dy = 0;
    }
    for (let i = 0; i < n; i++) {
      const a = pos.get(ids[i])!;
      for (let j = i + 1; j < n; j++) {
        const b = pos.get(ids[j])!;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const d2 = Math.max(0.01, dx * dx + dy * dy);
        const f = (k * k) / d2;
        a.dx += dx * f;
        a.dy += dy * f;
        b.dx -= dx * f;
        b.dy -= dy * f;
      }
    }
    g.forEachEdge((_e, attr, s, tt) => {
      if (s === tt) return;
      const a = pos.get(s)!;
      const b = pos.get(tt)!;
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d / k) * (0.3 + Math.min(1, Math.log1p(attr.weight ?? 1) / 3));
      a.dx -= (dx / d) * f;
      a.dy -= (dy / d) * f;
      b.dx += (dx / d) * f;
      b.dy += (dy / d) * f;
    });
    for (const p of pos.values()) {
      // gravity keeps disconnected actors near the centre
      p.dx -= p.x * 0.08;
      p.dy -= p.y * 0.08;
      const d = Math.sqrt(p.dx * p.dx + p.dy * p.dy) || 1;
      const step = Math.min(d, 3 * t + 0.05);
      p.x += (p.dx / d) * step;
      p.y += (p.dy / d) * step;
    }
  }
  for (const [id, p] of pos) g.mergeNodeAttributes(id, { x: p.x, y: p.y });
}

export function createGraph(onNode: (id: string) => void): GraphView {
  const container = $("graph");
  let renderer: Sigma | null = null;

  const legend = $("graph-legend");
  const drawLegend = (kinds: Set<string>, relations: Set<string>) =>
    fill(
      legend,
      h("strong", {}, "Actors"),
      ...Object.entries(KIND_COLORS)
        .filter(([k]) => kinds.has(k))
        .map(([k, c]) => {
          const s = h("span", { class: "swatch round" });
          s.style.background = c;
          return h("div", { class: "legend-row", "data-kind": k }, s, k);
        }),
      h("strong", {}, "Relations"),
      ...Object.entries(EDGE_COLORS)
        .filter(([k]) => relations.has(k))
        .map(([k, c]) => {
          const s = h("span", { class: "line" });
          s.style.background = c;
          return h("div", { class: "legend-row" }, s, k === "fought" ? "fought (shared events)" : k);
        }),
      h("p", { class: "muted" }, "Line width: evidence. Click an actor to see its events on the map."),
    );

  const load = async () => {
    const data = await api.graph();
    const g = new MultiDirectedGraph();
    const maxEvents = Math.max(1, ...data.nodes.map((n) => n.eventCount + n.articleCount));
    for (const n of data.nodes) {
      g.addNode(n.id, {
        label: n.name,
        kind: n.kind,
        color: KIND_COLORS[n.kind] ?? "#999",
        size: 5 + 14 * Math.sqrt((n.eventCount + n.articleCount) / maxEvents),
      });
    }
    for (const e of data.edges) {
      if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      const directed = e.type === "backed-by" || e.type === "part-of" || e.type === "led-by" || e.type === "dominated-by";
      g.addEdge(e.source, e.target, {
        relation: e.type,
        weight: e.weight,
        label: `${e.type} (${e.weight})`,
        color: EDGE_COLORS[e.type] ?? "#999",
        size: 1 + Math.min(6, Math.log2(1 + e.weight) * 1.5),
        type: directed ? "arrow" : "line",
      });
    }
    layout(g);
    drawLegend(new Set(data.nodes.map((n) => n.kind)), new Set(data.edges.map((e) => e.type)));
    renderer?.kill();
    renderer = null;
    container.replaceChildren();
    if (!data.nodes.length) {
      container.append(h("p", { class: "empty-inline" }, "No actors yet: add articles and the actors they name appear here."));
      return;
    }
    renderer = new Sigma(g, container, {
      renderEdgeLabels: false,
      labelFont: "Noto Sans, sans-serif",
      labelSize: 13,
      labelWeight: "600",
      labelDensity: 1,
      labelRenderedSizeThreshold: 0,
      defaultEdgeType: "line",
      minCameraRatio: 0.1,
      maxCameraRatio: 4,
    });
    renderer.on("clickNode", ({ node }) => onNode(node));
    renderer.on("enterNode", () => {
      container.style.cursor = "pointer";
    });
    renderer.on("leaveNode", () => {
      container.style.cursor = "";
    });
  };
  return { load, sigma: () => renderer };
}
