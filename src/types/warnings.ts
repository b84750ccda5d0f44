// The one catalogue of warning and error codes. Bad article text never throws: a pass
// adds a coded warning to the document and the pipeline goes on. Input failures
// (unreadable file, refused URL) are reported with the same codes on the CLI.

export const WARNING_CODES = {
  // ingest
  EMPTY_INPUT: "the input is empty",
  BINARY_INPUT: "the input looks binary, not text or HTML",
  TOO_LARGE: "the input exceeds the size limit",
  DECODE_FALLBACK: "the character encoding could not be determined; decoded as UTF-8",
  DECODE_GUESSED: "no character encoding was declared and the bytes are not UTF-8; decoded as windows-1252",
  NO_BODY: "no article text could be found",
  MALFORMED_HTML: "the HTML is malformed; the text was recovered as far as possible",
  FEED_ITEM_SKIPPED: "a feed item had no usable text and was skipped",
  FEED_INVALID: "the feed could not be parsed",
  JSONL_LINE_INVALID: "a JSON Lines record could not be parsed",
  URL_REFUSED: "the URL was refused",
  URL_FAILED: "the URL could not be fetched",
  NOT_FOUND: "the path does not exist",
  UNREADABLE: "the file could not be read",
  DATE_UNPARSED: "the publication date could not be parsed",
  // nlp
  NOT_ENGLISH: "the text does not look like English; extraction was skipped",
  TEXT_TRUNCATED: "the text is very long; extraction covered only its beginning",
  NO_SENTENCES: "the text has no sentences",
  PASS_FAILED: "an extraction pass failed on this text; its annotations are missing",
  // geo
  SPAN_OUT_OF_RANGE: "a mention span lies outside the text",
  SPAN_OVERLAP: "mention spans overlap",
  PLACE_UNRESOLVED: "a place name could not be resolved",
  GAZETTEER_MISSING: "the gazetteer has not been built; run `npm run build:gazetteer`",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

/** A coded, human-readable problem attached to a document (or reported by the CLI). */
export interface Warning {
  code: WarningCode;
  message: string;
  /** Optional pointer into the input: a line number, a path, a span. */
  where?: string;
}

/** Builds a warning with the catalogue's message, optionally made more specific. */
export function warning(code: WarningCode, detail?: string, where?: string): Warning {
  const base = WARNING_CODES[code];
  const w: Warning = { code, message: detail ? `${base}: ${detail}` : base };
  if (where !== undefined) w.where = where;
  return w;
}

/** An input-level failure: the CLI prints it as one line and exits non-zero at the end. */
export class InputError extends Error {
  constructor(
    public code: WarningCode,
    message: string,
    public input?: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}
