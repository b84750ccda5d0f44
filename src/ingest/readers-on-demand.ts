// The readers most inputs never need, loaded on first use: HTML (linkedom with its CSS parser and
// Readability: ~40 ms of module start-up), feeds (which parse their items' HTML) and URLs (node:http
// and node:https). A `sitrep ingest` of JSON Lines or text files loads none of them. The imports are
// dynamic so that the CLI bundle (scripts/build-cli.mjs) runs these modules' top-level code only
// when they are first asked for.
import type { extractHtml } from "./html/extract.js";

type ExtractHtml = typeof extractHtml;
let html: ExtractHtml | undefined;

/** The HTML reader when it has been loaded already, or undefined. */
export const loadedHtmlReader = (): ExtractHtml | undefined => html;

/** The HTML reader, loaded on the first call. */
export async function htmlReader(): Promise<ExtractHtml> {
  html ??= (await import("./html/extract.js")).extractHtml;
  return html;
}

/** The feed reader, loaded on the first call. */
export async function feedReader() {
  return (await import("./feed.js")).readFeed;
}

/** The URL fetcher, loaded on the first call. */
export async function urlFetcher() {
  return (await import("./fetch.js")).fetchUrl;
}
