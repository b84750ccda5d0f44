// Comment threads on events, actors and articles, and private notes. Text in, text out: bodies are
// stored as plain text (control characters dropped) and must be rendered with textContent or
// `escapeHtml`, never as HTML. Notes are private: every query is scoped to their owner.
import { AccountError, hasRole, type User } from "./users.js";
import type { Clock } from "./clock.js";
import { newId, type SqlDb } from "./sql.js";

export type TargetKind = "event" | "actor" | "article";
const KINDS: TargetKind[] = ["event", "actor", "article"];

export interface Comment {
  id: string;
  targetKind: TargetKind;
  targetId: string;
  parentId?: string;
  author: { id: string; displayName: string };
  /** Plain text. */
  body: string;
  createdAt: string;
  deleted: boolean;
}

export interface Note {
  id: string;
  targetKind: TargetKind;
  targetId: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** Checks a target and cleans a body: plain text, control characters except newlines and tabs removed. */
export function cleanText(body: unknown, max = 5000): string {
  if (typeof body !== "string") throw new AccountError(400, "body must be a string");
  const t = body.replace(/\r\n?/g, "\n").replace(/[^\P{Cc}\n\t]/gu, "").trim();
  if (t.length === 0) throw new AccountError(400, "body must not be empty");
  if (t.length > max) throw new AccountError(400, `body must be at most ${max} characters`);
  return t;
}

function checkTarget(kind: unknown, id: unknown): asserts kind is TargetKind {
  if (!KINDS.includes(kind as TargetKind)) throw new AccountError(400, "target kind must be event, actor or article");
  if (typeof id !== "string" || id.length === 0 || id.length > 500) throw new AccountError(400, "target id must be a non-empty string");
}

/** Escapes text for an HTML or XML context. @example escapeHtml("<b>") // "&lt;b&gt;" */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

interface CommentRow {
  id: string;
  target_kind: TargetKind;
  target_id: string;
  parent_id: string | null;
  user_id: string;
  display_name: string;
  body: string;
  created_at: string;
  deleted: number;
}

function toComment(r: CommentRow): Comment {
  const c: Comment = {
    id: r.id,
    targetKind: r.target_kind,
    targetId: r.target_id,
    author: { id: r.user_id, displayName: r.display_name },
    body: Number(r.deleted) ? "" : r.body,
    createdAt: r.created_at,
    deleted: Boolean(Number(r.deleted)),
  };
  if (r.parent_id) c.parentId = r.parent_id;
  return c;
}

export class Discussion {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  async addComment(user: User, targetKind: TargetKind, targetId: string, body: string, parentId?: string): Promise<Comment> {
    checkTarget(targetKind, targetId);
    const text = cleanText(body);
    if (parentId !== undefined) {
      const p = await this.db.get<{ target_kind: string; target_id: string }>("SELECT target_kind, target_id FROM comments WHERE id = ?", [parentId]);
      if (!p || p.target_kind !== targetKind || p.target_id !== targetId) throw new AccountError(400, "the parent comment is not in this thread");
    }
    const id = newId("c");
    const now = this.clock().toISOString();
    await this.db.run("INSERT INTO comments (id, target_kind, target_id, user_id, parent_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [
      id,
      targetKind,
      targetId,
      user.id,
      parentId ?? null,
      text,
      now,
    ]);
    return { id, targetKind, targetId, ...(parentId ? { parentId } : {}), author: { id: user.id, displayName: user.displayName }, body: text, createdAt: now, deleted: false };
  }

  /** The thread on one target, oldest first (replies carry `parentId`). */
  async thread(targetKind: TargetKind, targetId: string): Promise<Comment[]> {
    checkTarget(targetKind, targetId);
    const rows = await this.db.all<CommentRow>(
      "SELECT c.*, u.display_name FROM comments c JOIN users u ON u.id = c.user_id WHERE c.target_kind = ? AND c.target_id = ? ORDER BY c.created_at, c.id",
      [targetKind, targetId],
    );
    return rows.map(toComment);
  }

  /** Deletes a comment: its author or an admin may; the thread keeps a "deleted" placeholder. */
  async deleteComment(user: User, id: string): Promise<void> {
    const r = await this.db.get<{ user_id: string }>("SELECT user_id FROM comments WHERE id = ?", [id]);
    if (!r) throw new AccountError(404, "no such comment");
    if (r.user_id !== user.id && !hasRole(user.role, "admin")) throw new AccountError(403, "only the author or an admin can delete a comment");
    await this.db.run("UPDATE comments SET deleted = 1, body = '' WHERE id = ?", [id]);
  }

  async addNote(user: User, targetKind: TargetKind, targetId: string, body: string): Promise<Note> {
    checkTarget(targetKind, targetId);
    const text = cleanText(body, 20000);
    const id = newId("n");
    const now = this.clock().toISOString();
    await this.db.run("INSERT INTO notes (id, user_id, target_kind, target_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [
      id,
      user.id,
      targetKind,
      targetId,
      text,
      now,
      now,
    ]);
    return { id, targetKind, targetId, body: text, createdAt: now, updatedAt: now };
  }

  /** The user's own notes, optionally on one target. Never anyone else's. */
  async notes(user: User, targetKind?: TargetKind, targetId?: string): Promise<Note[]> {
    const where = ["user_id = ?"];
    const params: string[] = [user.id];
    if (targetKind !== undefined) {
      checkTarget(targetKind, targetId ?? "-");
      where.push("target_kind = ?");
      params.push(targetKind);
      if (targetId !== undefined) {
        where.push("target_id = ?");
        params.push(targetId);
      }
    }
    const rows = await this.db.all<{ id: string; target_kind: TargetKind; target_id: string; body: string; created_at: string; updated_at: string }>(
      `SELECT * FROM notes WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
      params,
    );
    return rows.map((r) => ({ id: r.id, targetKind: r.target_kind, targetId: r.target_id, body: r.body, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  /** Edits one of the user's notes; another user's note answers 404, as if it did not exist. */
  async updateNote(user: User, id: string, body: string): Promise<void> {
    const n = await this.db.run("UPDATE notes SET body = ?, updated_at = ? WHERE id = ? AND user_id = ?", [cleanText(body, 20000), this.clock().toISOString(), id, user.id]);
    if (n === 0) throw new AccountError(404, "no such note");
  }

  async deleteNote(user: User, id: string): Promise<void> {
    const n = await this.db.run("DELETE FROM notes WHERE id = ? AND user_id = ?", [id, user.id]);
    if (n === 0) throw new AccountError(404, "no such note");
  }
}
