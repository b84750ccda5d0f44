// The string pass before parsing: what it drops, what it keeps, and JSON-LD taken on the way.
import assert from "node:assert/strict";
import { test } from "node:test";
import { prestrip } from "../../src/ingest/html/prestrip.js";

test("prestrip: scripts (any case), styles, comments and chrome elements go; JSON-LD is kept aside", () => {
  const html = `<html><head><SCRIPT type="application/ld+json">{"headline":"H"}</SCRIPT><Style>p{}</STYLE><!-- note --></head>
<body><nav><nav>inner</nav>menu</nav><p>Text <b>kept</b></p><Script>var x = "</p>";</sCrIpT><aside>side</aside><footer>foot</footer></body></html>`;
  const { html: out, jsonld } = prestrip(html);
  assert.deepEqual(jsonld, ['{"headline":"H"}'], "the JSON-LD text is returned");
  for (const gone of ["p{}", "note", "menu", "inner", "var x", "side", "foot"]) assert.ok(!out.includes(gone), `"${gone}" dropped: ${out}`);
  assert.ok(out.includes("<p>Text <b>kept</b></p>"), `text and inline tags kept: ${out}`);
});

test("prestrip: only the attributes and <meta>/<link> tags some reader looks at are kept", () => {
  const html = `<html><head><meta name="viewport" content="width=device-width"><meta property="og:title" content="Title"><meta charset="utf-8">
<link rel="stylesheet" href="/a.css"><link rel="canonical" href="https://example.org/a"></head>
<body><div class="story" data-track="x" onclick="go()" data-testid="standfirst">A</div><a href="/elsewhere" title="t">link</a><a href="#note">note</a></body></html>`;
  const { html: out } = prestrip(html);
  assert.ok(!out.includes("viewport") && !out.includes("stylesheet"), `unread meta/link dropped: ${out}`);
  assert.ok(out.includes('property="og:title"') && out.includes('rel="canonical"') && out.includes("charset"), `read ones kept: ${out}`);
  assert.ok(out.includes('<div class="story" data-testid="standfirst">'), `class and data-testid kept, the rest dropped: ${out}`);
  assert.ok(out.includes("<a>link</a>") && out.includes('<a href="#note">'), `only in-page link targets kept: ${out}`);
});
