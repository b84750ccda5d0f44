// Test helpers for the extraction passes: an Article from a string.
import type { Article } from "../../src/types/index.js";

export function article(body: string, publishedAt = "2017-09-09T17:49:00-04:00", outlet = "Test Outlet"): Article {
  return { id: "t", source: "test", format: "text", body, publishedAt, outlet, captions: [], credits: [], warnings: [] };
}
