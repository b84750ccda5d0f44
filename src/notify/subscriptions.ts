// Subscriptions: what each user watches and how they want to hear of it. Every read and write is
// scoped to the owner: another user's subscription answers 404, as if it did not exist. A webhook
// subscription gets a signing secret, shown to its owner only.
import { randomBytes } from "node:crypto";
import type { Clock } from "../accounts/clock.js";
import { newId, parseJson, type SqlDb } from "../accounts/sql.js";
import { AccountError, type User } from "../accounts/users.js";
import { checkSpec, type SubscriptionSpec } from "./match.js";
import { type UrlPolicy, webhookUrlProblem } from "./webhook.js";

export type Channel = "browser" | "webhook" | "feed" | "push";
const CHANNELS: Channel[] = ["browser", "webhook", "feed", "push"];

export interface Subscription {
  id: string;
  userId: string;
  name: string;
  spec: SubscriptionSpec;
  channels: Channel[];
  webhookUrl?: string;
  /** Only for the owner. */
  webhookSecret?: string;
  active: boolean;
  createdAt: string;
}

export interface SubscriptionInput {
  name?: string;
  /** Required when creating; kept as is when updating without it. */
  spec?: unknown;
  channels?: unknown;
  webhookUrl?: string;
  active?: boolean;
}

interface Row {
  id: string;
  user_id: string;
  name: string;
  kind: string;
  spec: string;
  channels: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  active: number;
  created_at: string;
}

function toSub(r: Row): Subscription {
  const s: Subscription = {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    spec: parseJson(r.spec, { kind: "actor", actorId: "" } as SubscriptionSpec),
    channels: parseJson(r.channels, []),
    active: Boolean(Number(r.active)),
    createdAt: r.created_at,
  };
  if (r.webhook_url) s.webhookUrl = r.webhook_url;
  if (r.webhook_secret) s.webhookSecret = r.webhook_secret;
  return s;
}

function describe(spec: SubscriptionSpec): string {
  switch (spec.kind) {
    case "actor":
      return `actor ${spec.actorId}`;
    case "coalition-pair":
      return `${spec.a} vs ${spec.b}`;
    case "region":
      return spec.polygon ? "a drawn region" : `${spec.radiusKm} km around ${spec.center?.name ?? `${spec.center?.lat},${spec.center?.lon}`}`;
    case "event-type":
      return [spec.eventType, spec.subEventType, ...(spec.alertKinds ?? []).map((k) => `${k} alerts`)].filter(Boolean).join(", ");
  }
}

export class Subscriptions {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
    private readonly urlPolicy: UrlPolicy = {},
  ) {}

  private async check(input: SubscriptionInput): Promise<{ spec: SubscriptionSpec; channels: Channel[]; name: string; url: string | null }> {
    let spec: SubscriptionSpec;
    try {
      spec = checkSpec(input?.spec);
    } catch (err) {
      throw new AccountError(400, (err as Error).message);
    }
    const channels = (input.channels ?? ["browser", "feed"]) as Channel[];
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => CHANNELS.includes(c)))
      throw new AccountError(400, `channels must list some of ${CHANNELS.join(", ")}`);
    let url: string | null = null;
    if (channels.includes("webhook")) {
      if (typeof input.webhookUrl !== "string") throw new AccountError(400, "a webhook subscription needs webhookUrl");
      const problem = await webhookUrlProblem(input.webhookUrl, this.urlPolicy);
      if (problem) throw new AccountError(400, problem);
      url = input.webhookUrl;
    }
    const name = typeof input.name === "string" && input.name.trim() ? input.name.replace(/\p{Cc}/gu, "").trim().slice(0, 120) : describe(spec);
    return { spec, channels: [...new Set(channels)], name, url };
  }

  async create(user: User, input: SubscriptionInput): Promise<Subscription> {
    const { spec, channels, name, url } = await this.check(input);
    const count = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = ?", [user.id]);
    if (Number(count?.n ?? 0) >= 200) throw new AccountError(400, "at most 200 subscriptions per user");
    const id = newId("s");
    const secret = url ? randomBytes(32).toString("base64url") : null;
    const now = this.clock().toISOString();
    await this.db.run(
      "INSERT INTO subscriptions (id, user_id, name, kind, spec, channels, webhook_url, webhook_secret, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [id, user.id, name, spec.kind, JSON.stringify(spec), JSON.stringify(channels), url, secret, input.active === false ? 0 : 1, now],
    );
    return (await this.get(user, id))!;
  }

  /** The user's own subscriptions. */
  async list(user: User): Promise<Subscription[]> {
    return (await this.db.all<Row>("SELECT * FROM subscriptions WHERE user_id = ? ORDER BY created_at, id", [user.id])).map(toSub);
  }

  /** One of the user's subscriptions, or null (also for another user's). */
  async get(user: User, id: string): Promise<Subscription | null> {
    const r = await this.db.get<Row>("SELECT * FROM subscriptions WHERE id = ? AND user_id = ?", [id, user.id]);
    return r ? toSub(r) : null;
  }

  async update(user: User, id: string, input: SubscriptionInput): Promise<Subscription> {
    const cur = await this.get(user, id);
    if (!cur) throw new AccountError(404, "no such subscription");
    const merged: SubscriptionInput = {
      name: input.name ?? cur.name,
      spec: input.spec ?? cur.spec,
      channels: input.channels ?? cur.channels,
      webhookUrl: input.webhookUrl ?? cur.webhookUrl,
    };
    const { spec, channels, name, url } = await this.check(merged);
    const secret = url ? (cur.webhookSecret ?? randomBytes(32).toString("base64url")) : null;
    const active = input.active === undefined ? cur.active : Boolean(input.active);
    await this.db.run(
      "UPDATE subscriptions SET name = ?, kind = ?, spec = ?, channels = ?, webhook_url = ?, webhook_secret = ?, active = ? WHERE id = ? AND user_id = ?",
      [name, spec.kind, JSON.stringify(spec), JSON.stringify(channels), url, secret, active ? 1 : 0, id, user.id],
    );
    return (await this.get(user, id))!;
  }

  async remove(user: User, id: string): Promise<void> {
    const n = await this.db.run("DELETE FROM subscriptions WHERE id = ? AND user_id = ?", [id, user.id]);
    if (n === 0) throw new AccountError(404, "no such subscription");
  }

  /** Every active subscription of every user (for matching; never sent to a client). */
  async allActive(): Promise<Subscription[]> {
    return (await this.db.all<Row>("SELECT * FROM subscriptions WHERE active = 1 ORDER BY created_at, id")).map(toSub);
  }

  /** The signing secret of a subscription (for the webhook queue), or null when it is gone. */
  async secretOf(id: string): Promise<string | null> {
    const r = await this.db.get<{ webhook_secret: string | null }>("SELECT webhook_secret FROM subscriptions WHERE id = ?", [id]);
    return r?.webhook_secret ?? null;
  }
}
