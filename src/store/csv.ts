// A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes, CRLF, newlines inside
// quotes, a leading BOM. The reader reports the line each record starts on.

/** Quotes a field when it needs it. */
export function csvField(v: string | number | undefined | null): string {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: (string | number | undefined | null)[]): string {
  return fields.map(csvField).join(",");
}

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record is malformed (an unterminated quote, text after a closing quote). */
  error?: string;
}

/** Splits CSV text into records. Never throws: a broken record carries `error`. */
export function* parseCsv(text: string): Generator<CsvRecord> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let error: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (!closed) error = "unterminated quoted field";
        // anything between the closing quote and the next separator is an error; skip it
        let junk = "";
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") junk += text[i++];
        if (junk.trim() && !error) error = `unexpected text after a closing quote: ${junk.trim().slice(0, 20)}`;
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      }
      fields.push(field);
      field = "";
      if (i >= n) endOfRecord = true;
      else if (text[i] === ",") i++;
      else {
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        endOfRecord = true;
      }
    }
    if (fields.length === 1 && fields[0] === "" && !error) continue; // blank line
    yield error ? { line: start, fields, error } : { line: start, fields };
  }
}
