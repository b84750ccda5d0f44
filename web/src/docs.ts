// The readable API page: renders /api/openapi.json as a list of endpoints and their parameters.
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/600.css";
import "./style.css";
import { fill, h } from "./dom.js";

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: string[]; default?: unknown; pattern?: string };
}
interface Op {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { type?: string }> } }> };
  responses?: Record<string, { description: string }>;
}

async function main() {
  const root = document.getElementById("docs")!;
  const doc = (await (await fetch("/api/openapi.json")).json()) as { info: { title: string; description: string; version: string }; paths: Record<string, Record<string, Op>> };
  const byTag = new Map<string, HTMLElement[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "other";
      const params = op.parameters ?? [];
      const body = op.requestBody?.content["application/json"]?.schema.properties;
      const el = h("section", { class: "endpoint" },
        h("h3", {}, h("span", { class: `method ${method}` }, method.toUpperCase()), " ", h("code", {}, path)),
        h("p", {}, op.summary ?? ""),
        op.description ? h("p", { class: "muted" }, op.description) : null,
        params.length
          ? h("table", {},
              h("tr", {}, h("th", {}, "parameter"), h("th", {}, "in"), h("th", {}, "type"), h("th", {}, "description")),
              ...params.map((p) =>
                h("tr", {},
                  h("td", {}, h("code", {}, p.name)),
                  h("td", {}, p.in),
                  h("td", {}, p.schema?.enum ? p.schema.enum.join(" | ") : (p.schema?.type ?? "")),
                  h("td", {}, p.description ?? "", p.schema?.default !== undefined ? ` (default ${String(p.schema.default)})` : ""),
                ),
              ),
            )
          : null,
        body ? h("p", {}, "JSON body: ", ...Object.entries(body).map(([k, v]) => h("code", {}, `${k}: ${v.type ?? ""} `))) : null,
        h("p", { class: "muted" }, "Responses: ", Object.entries(op.responses ?? {}).map(([s, r]) => `${s} ${r.description}`).join(" · ")),
      );
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(el);
    }
  }
  fill(
    root,
    h("h1", {}, `${doc.info.title} ${doc.info.version}`),
    h("p", {}, doc.info.description),
    h("p", {}, "Machine-readable: ", h("a", { href: "/api/openapi.json" }, "/api/openapi.json"), " (OpenAPI 3.1). The web app: ", h("a", { href: "/" }, "/"), "."),
    ...[...byTag.entries()].flatMap(([tag, els]) => [h("h2", {}, tag), ...els]),
  );
}
void main();
