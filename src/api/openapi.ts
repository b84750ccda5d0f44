// Registers routes and writes the OpenAPI 3.1 document from the same JSON schemas that
// validate the requests, so the docs at /api/openapi.json cannot drift from the code.
import type { FastifyInstance, RouteHandlerMethod } from "fastify";

export interface RouteSpec {
  method: "GET" | "POST";
  url: string;
  tag: string;
  summary: string;
  description?: string;
  querystring?: Record<string, unknown>;
  params?: Record<string, unknown>;
  body?: Record<string, unknown>;
  /** Documented responses: status → description (the bodies are described in `description`). */
  responses?: Record<string, string>;
  bodyLimit?: number;
  /** Listed in the OpenAPI document (default true). */
  documented?: boolean;
  handler: RouteHandlerMethod;
}

const errorSchema = {
  type: "object",
  properties: {
    error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] },
  },
  required: ["error"],
};

/** Collects the routes of the API and answers the OpenAPI document. */
export class ApiRoutes {
  readonly specs: RouteSpec[] = [];

  /** API routes other plugins add (alerts, accounts …), documented from their own schemas. */
  private others: { method: string; url: string; schema?: Record<string, unknown> }[] = [];

  constructor(private app: FastifyInstance) {
    app.addHook("onRoute", (r) => {
      if (!r.url.startsWith("/api/") || r.url === "/api/docs" || this.specs.some((s) => s.url === r.url)) return;
      for (const m of [r.method].flat()) {
        if (m === "HEAD") continue;
        this.others.push({ method: m, url: r.url, schema: r.schema as Record<string, unknown> | undefined });
      }
    });
  }

  add(spec: RouteSpec): void {
    this.specs.push(spec);
    const schema: Record<string, unknown> = {};
    if (spec.querystring) schema.querystring = { type: "object", properties: spec.querystring, additionalProperties: false };
    if (spec.params) schema.params = { type: "object", properties: spec.params };
    if (spec.body) schema.body = spec.body;
    this.app.route({ method: spec.method, url: spec.url, schema, bodyLimit: spec.bodyLimit, handler: spec.handler });
  }

  /** The OpenAPI 3.1 document. */
  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const s of this.specs) {
      if (s.documented === false) continue;
      const path = s.url.replace(/:(\w+)/g, "{$1}");
      const parameters = [
        ...Object.entries(s.params ?? {}).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
        ...Object.entries(s.querystring ?? {}).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          description: (schema as { description?: string }).description,
          schema,
        })),
      ];
      const responses: Record<string, unknown> = {};
      for (const [status, description] of Object.entries(s.responses ?? { 200: "OK" })) {
        responses[status] = { description, ...(status === "200" ? {} : { content: { "application/json": { schema: errorSchema } } }) };
      }
      responses["400"] ??= { description: "invalid parameters", content: { "application/json": { schema: errorSchema } } };
      paths[path] ??= {};
      paths[path][s.method.toLowerCase()] = {
        tags: [s.tag],
        summary: s.summary,
        description: s.description,
        parameters,
        ...(s.body ? { requestBody: { required: true, content: { "application/json": { schema: s.body } } } } : {}),
        responses,
      };
    }
    for (const o of this.others) {
      const path = o.url.replace(/:(\w+)/g, "{$1}");
      const props = (k: string) => ((o.schema?.[k] as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
      paths[path] ??= {};
      paths[path][o.method.toLowerCase()] ??= {
        tags: [path.split("/")[2] ?? "other"],
        summary: (o.schema?.summary as string | undefined) ?? (o.schema?.description as string | undefined) ?? `${o.method} ${o.url}`,
        parameters: [
          ...Object.entries(props("params")).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
          ...Object.entries(props("querystring")).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
        ],
        ...(o.schema?.body ? { requestBody: { content: { "application/json": { schema: o.schema.body } } } } : {}),
        responses: { 200: { description: "OK" } },
      };
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "sitrep API",
        version: "0.1.0",
        description:
          "Source-attributed situation picture of armed conflicts: articles, events (ACLED categories) merged across reports, actors and who backs whom, places, full-text search, a timeline and a live stream. Errors are JSON: `{error:{code,message}}`.",
      },
      paths,
      components: { schemas: { Error: errorSchema } },
    };
  }
}
