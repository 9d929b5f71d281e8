/** A problem in an input file, reported as `file:line: message` and exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
    this.name = "InputError";
  }
}
