/** Minimal `--name value` / `--name=value` flag parsing for the reco CLI. */
import { InputError } from "./input-error";

/** Parsed flags by name (without dashes); repeated flags keep the last value. */
export type Flags = Map<string, string>;

/** Parses `argv` (after the sub-command); every flag takes a value. */
export function parseFlags(argv: readonly string[], allowed: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new InputError("arguments", 0, `unexpected argument ${arg}`);
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!allowed.includes(name)) throw new InputError("arguments", 0, `unknown flag --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new InputError("arguments", 0, `--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** A required flag's value. */
export function requireFlag(flags: Flags, name: string): string {
  const value = flags.get(name);
  if (value === undefined || value === "") throw new InputError("arguments", 0, `--${name} is required`);
  return value;
}

/** A positive integer flag, or `fallback` when absent. */
export function intFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new InputError("arguments", 0, `--${name} must be a positive integer`);
  return Number(raw);
}

/** A finite number flag, or `fallback` when absent. */
export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) throw new InputError("arguments", 0, `--${name} must be a number`);
  return value;
}

/** A comma-separated list of integers (e.g. seeds), or `fallback` when absent. */
export function intListFlag(flags: Flags, name: string, fallback: number[]): number[] {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const values = raw.split(",").map((s) => s.trim());
  if (values.length === 0 || values.some((s) => !/^\d+$/.test(s))) {
    throw new InputError("arguments", 0, `--${name} must be a comma-separated list of integers`);
  }
  return values.map(Number);
}
