// Pass 07: direct quotations with their speaker and the speaker's role:
//   “…,” Ahmed Abu Kholeh, head of the Deir Ezzor Military Council, told Reuters
//   “…,” he said    ·    X said: “…”
import type { Quote } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";

const PASS = "07-quotes";
const QUOTE = /“([^“”]{12,}?)[”"]|"([^"\n]{12,}?)"/g;
// the speech verbs; "told" takes its addressee ("told Reuters", "told the agency")
const SPEECH = ["said", "says", "added", "adds", "told", "wrote", "stated", "explained", "warned", "insisted", "declared", "claimed", "announced"];
const VERB = `(?:${SPEECH.map((w) => (w === "told" ? String.raw`told [\p{L}]+(?: [\p{L}]+)?` : w)).join("|")})`;
const AFTER = new RegExp(
  String.raw`^[\s,]*(?:(he|she|they|it|the (?:spokesman|official|commander|statement|group|ministry|army|military)) ${VERB}|${VERB} (he|she|they|it)|([\p{Lu}][^,“”".]{1,60}?)(?:,\s+((?:the |a |an )?[^,“”"]{3,120}?),)?\s+${VERB})`,
  "u",
);
const BEFORE = new RegExp(String.raw`([\p{Lu}][^.“”"]{1,80}?)\s+${VERB}(?: that)?[:,]?\s*$`, "u");
// the verbs of VERB as plain words: a text without one cannot end with "X said:" (BEFORE is tried on it only then)
const SAYS_WORD = new RegExp(SPEECH.map((w) => (w === "told" ? "told " : w)).join("|"));

export const quotesPass: Pass = {
  name: PASS,
  requires: ["sentences", "mentions", "actors"],
  assigns: ["quotes"],
  run(doc: NlpDoc) {
    const text = doc.text;
    const kind = new Map(doc.actors.map((a) => [a.id, a]));
    QUOTE.lastIndex = 0;
    for (let m = QUOTE.exec(text); m; m = QUOTE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const q: Quote = {
        start,
        end,
        text: (m[1] ?? m[2]).trim(),
        evidence: [{ start, end, text: m[0], pass: PASS, rule: "quotation-marks", confidence: 0.9 }],
      };
      const after = AFTER.exec(text.slice(end, end + 240));
      const lead = after ? "" : text.slice(Math.max(0, start - 160), start);
      const before = after || !SAYS_WORD.test(lead) ? null : BEFORE.exec(lead);
      let who: { start: number; end: number; pron?: string } | undefined;
      let role: string | undefined;
      if (after) {
        const pron = after[1] ?? after[2];
        if (pron) who = { start: end, end: end + after[0].length, pron: pron.toLowerCase() };
        else {
          const off = end + after[0].indexOf(after[3]);
          who = { start: off, end: off + after[3].length };
          role = after[4]?.replace(/^(?:the|a|an) /, "").trim();
        }
      } else if (before) {
        const off = Math.max(0, start - 160) + before.index;
        const p = /^(?:He|She|They|It)$/.test(before[1]) ? before[1].toLowerCase() : undefined;
        who = { start: off, end: off + before[1].length, pron: p };
      }
      if (who) {
        let actorId: string | undefined;
        if (who.pron) {
          const wantPerson = who.pron === "he" || who.pron === "she";
          for (let i = doc.mentions.length - 1; i >= 0; i--) {
            const mm = doc.mentions[i];
            if (mm.end > start) continue;
            const a = kind.get(mm.actor);
            if (!a || a.kind === "media") continue;
            if (wantPerson ? a.kind === "person" : a.kind !== "person") {
              actorId = mm.actor;
              break;
            }
          }
        } else {
          // (a mention of a country as a place has no actor: it is never the speaker)
          const inSpan = doc.mentions.find((mm) => mm.start >= who!.start && mm.end <= who!.end && kind.has(mm.actor) && kind.get(mm.actor)?.kind !== "media");
          actorId = inSpan?.actor;
          if (!actorId) q.speakerName = text.slice(who.start, who.end).trim();
        }
        if (actorId) {
          const a = kind.get(actorId)!;
          q.speaker = actorId;
          q.speakerName = a.name;
          role ??= a.role;
        }
        if (role) q.role = role;
        q.evidence.push({ start: who.start, end: who.end, text: text.slice(who.start, who.end), pass: PASS, rule: who.pron ? "pronoun-speaker" : "named-speaker", confidence: who.pron ? 0.6 : 0.8 });
      }
      if (doc.explain) q.evidence[0].explain = `text between quotation marks; speaker from ${who ? "the words around it" : "nowhere (none found)"}`;
      doc.quotes.push(q);
    }
  },
};
