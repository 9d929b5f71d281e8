/**
 * RFC 4180-style CSV: comma separated, fields optionally in double quotes, "" inside quotes is a
 * quote, quoted fields may contain commas and line breaks; LF or CRLF line ends; a UTF-8 BOM is
 * ignored; blank lines are skipped. Records are streamed to a callback with their first line
 * number, so large order exports never exist as one array of row objects.
 */
import { InputError } from "./input-error";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Calls `onRecord(fields, line)` for every record of `text`; throws InputError on bad quoting. */
export function parseCsv(text: string, file: string, onRecord: (fields: string[], line: number) => void): void {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const field = readField(text, pos, file, line);
      fields.push(field.value);
      pos = field.end;
      line += field.newlines;
      const code = text.charCodeAt(pos);
      if (code === COMMA) {
        pos++;
        continue;
      }
      if (code === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
      else if (code === LF || code === CR) pos++;
      else if (pos < text.length) throw new InputError(file, line, "unexpected character after a quoted field");
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === "")) onRecord(fields, start);
  }
}

function readField(
  text: string,
  pos: number,
  file: string,
  line: number,
): { value: string; end: number; newlines: number } {
  if (text.charCodeAt(pos) !== QUOTE) {
    let end = pos;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code === COMMA || code === LF || code === CR) break;
      if (code === QUOTE) throw new InputError(file, line, "quote inside an unquoted field");
    }
    return { value: text.slice(pos, end), end, newlines: 0 };
  }
  let value = "";
  let newlines = 0;
  let from = pos + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close < 0) throw new InputError(file, line, "unterminated quoted field");
    const chunk = text.slice(from, close);
    newlines += countNewlines(chunk);
    if (text.charCodeAt(close + 1) === QUOTE) {
      value += chunk + '"';
      from = close + 2;
      continue;
    }
    return { value: value + chunk, end: close + 1, newlines };
  }
}

function countNewlines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) n++;
  return n;
}

/** A CSV with a header: column positions by lower-cased, trimmed name. */
export interface CsvTable {
  columns: Map<string, number>;
  width: number;
}

/** Parses a CSV with a header line; `onRow(get, line)` reads cells by column name. */
export function parseCsvTable(
  text: string,
  file: string,
  required: readonly string[],
  onRow: (get: (column: string) => string | undefined, line: number) => void,
): CsvTable {
  let table: CsvTable | undefined;
  parseCsv(text, file, (fields, line) => {
    if (!table) {
      table = { columns: headerColumns(fields, file, line, required), width: fields.length };
      return;
    }
    const columns = table.columns;
    if (fields.length !== table.width) {
      throw new InputError(file, line, `expected ${table.width} fields, found ${fields.length}`);
    }
    onRow((column) => {
      const at = columns.get(column);
      return at === undefined ? undefined : fields[at].trim();
    }, line);
  });
  if (!table) throw new InputError(file, 1, `empty file: expected a header with ${required.join(",")}`);
  return table;
}

function headerColumns(fields: string[], file: string, line: number, required: readonly string[]): Map<string, number> {
  const columns = new Map<string, number>();
  fields.forEach((name, at) => {
    const key = name.trim().toLowerCase();
    if (key !== "" && !columns.has(key)) columns.set(key, at);
  });
  for (const name of required) {
    if (!columns.has(name)) throw new InputError(file, line, `missing column ${name} in the header`);
  }
  return columns;
}
