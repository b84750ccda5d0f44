// A user's digest feed: their latest notifications as Atom or RSS 2.0, at a URL holding their
// secret feed token (feed readers cannot log in). All text is escaped; nothing is passed as HTML.
import { escapeHtml } from "../accounts/discussion.js";
import type { StoredNotification } from "./notifier.js";

export interface FeedMeta {
  /** Absolute URL of this feed. */
  selfUrl: string;
  /** Absolute URL of the web app. */
  siteUrl: string;
  userName: string;
  /** Used when there are no notifications yet (ISO). */
  now: string;
}

const x = escapeHtml;

function itemLink(n: StoredNotification, site: string): string {
  const base = site.replace(/\/$/, "");
  return n.itemKind === "event" ? `${base}/#/events/${encodeURIComponent(n.itemId)}` : `${base}/#/alerts/${encodeURIComponent(n.itemId)}`;
}

/** Atom 1.0. @example atomFeed(await notifier.recent(user.id), meta) */
export function atomFeed(items: StoredNotification[], m: FeedMeta): string {
  const updated = items[0]?.createdAt ?? m.now;
  const entries = items
    .map(
      (n) => `  <entry>
    <id>urn:sitrep:notification:${x(n.id)}</id>
    <title>${x(n.title)}</title>
    <updated>${x(n.createdAt)}</updated>
    <link href="${x(itemLink(n, m.siteUrl))}"/>
    <category term="${x(n.itemKind)}"/>
    <summary type="text">${x(n.body)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(m.selfUrl)}</id>
  <title>sitrep: alerts and events for ${x(m.userName)}</title>
  <updated>${x(updated)}</updated>
  <link rel="self" href="${x(m.selfUrl)}"/>
  <link href="${x(m.siteUrl)}"/>
  <generator>sitrep</generator>
${entries}
</feed>
`;
}

/** RSS 2.0. */
export function rssFeed(items: StoredNotification[], m: FeedMeta): string {
  const rfc822 = (iso: string) => new Date(iso).toUTCString();
  const entries = items
    .map(
      (n) => `    <item>
      <guid isPermaLink="false">urn:sitrep:notification:${x(n.id)}</guid>
      <title>${x(n.title)}</title>
      <link>${x(itemLink(n, m.siteUrl))}</link>
      <pubDate>${rfc822(n.createdAt)}</pubDate>
      <description>${x(n.body)}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>sitrep: alerts and events for ${x(m.userName)}</title>
    <link>${x(m.siteUrl)}</link>
    <description>Matches of your sitrep subscriptions</description>
    <lastBuildDate>${rfc822(items[0]?.createdAt ?? m.now)}</lastBuildDate>
${entries}
  </channel>
</rss>
`;
}
