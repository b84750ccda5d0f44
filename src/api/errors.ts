// The API's one error catalogue and its one error handler: every failure reaches the client as
// `{ "error": { "code": "NOT_FOUND", "message": "no event with id 42" } }` with the right HTTP
// status, and never with a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Error codes the API answers with, and their HTTP status. */
export const API_ERRORS = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** A failure the client should see as it is: `throw new ApiError("NOT_FOUND", "no event with id 42")`. */
export class ApiError extends Error {
  constructor(
    public code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status(): number {
    return API_ERRORS[this.code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "unknown query parameter \"colour\"", "query parameter limit must be <= 1000" … */
function validationMessage(fe: { validation?: unknown; validationContext?: string; message?: string }): string {
  const issue = (fe.validation as AjvIssue[])[0];
  const where = fe.validationContext === "querystring" ? "query parameter" : fe.validationContext === "body" ? "body field" : "parameter";
  if (!issue) return fe.message ?? "invalid request";
  if (issue.keyword === "additionalProperties") return `unknown ${where} "${String(issue.params.additionalProperty)}"`;
  const name = issue.instancePath.replace(/^\//, "") || String(issue.params.missingProperty ?? "");
  return name ? `${where} ${name} ${issue.message}` : (fe.message ?? "invalid request");
}

/** Maps any thrown value to a status and a JSON body a client can rely on. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  const fe = err as Partial<FastifyError> & { validation?: unknown; validationContext?: string };
  if (fe && typeof fe === "object") {
    if (fe.validation) return { status: 400, body: { error: { code: "BAD_REQUEST", message: validationMessage(fe) } } };
    const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
    if (status === 413) {
      return { status, body: { error: { code: "PAYLOAD_TOO_LARGE", message: "the request body exceeds the size limit" } } };
    }
    if (status === 415) {
      return { status, body: { error: { code: "UNSUPPORTED_MEDIA_TYPE", message: fe.message ?? "unsupported content type" } } };
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, empty body …) carry safe messages.
      return { status, body: { error: { code: status === 404 ? "NOT_FOUND" : "BAD_REQUEST", message: fe.message ?? "bad request" } } };
    }
  }
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error; the server log has the details" } } };
}

/** Installs the one error handler and the JSON 404 on `app`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err }, "request failed");
    reply.code(status).type("application/json; charset=utf-8").send(body);
  });
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split("?")[0];
    reply
      .code(404)
      .type("application/json; charset=utf-8")
      .send({ error: { code: "NOT_FOUND", message: `no such resource: ${req.method} ${path}` } } satisfies ErrorBody);
  });
}
