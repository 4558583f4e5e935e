/**
 * Checked reading of hand-edited JSON data files. Every problem names the file (and the category or other context)
 * and the field path, e.g. `data/demo/categories/data_retention.json (category data_retention), field
 * clauses.high[1] must be text, got 3`, so that a typo in data/demo/ says where it is instead of surfacing as an
 * `undefined` deep inside the generator. Readers record problems and return a harmless stand-in, so one pass lists
 * every problem of every file.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ProblemList } from '../problem-list';
import { SLOT_PATTERN } from './template';

/** For wording shown as written: any slot in it is a mistake. */
export const NO_SLOTS: ReadonlySet<string> = new Set();

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `path.key`, or `path["key with spaces"]` for keys that are not plain words. */
export function fieldPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** A short description of a value for messages: `"0.8"`, `3`, `a list`, `an object`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…"` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Strictly greater than this. */
  above?: number;
  integer?: boolean;
}

export class FieldReader {
  /** Paths whose value is unusable: what is inside them is not reported (a wrong `clauses` has no missing tiers). */
  private readonly failed: string[] = [];

  /** `where` is how messages name the place: the file, and the category or other context in brackets. */
  constructor(
    private readonly problems: ProblemList,
    readonly where: string
  ) {}

  problem(path: string, message: string): void {
    if (this.failed.some((f) => f === '' || path.startsWith(`${f}.`) || path.startsWith(`${f}[`))) return;
    this.problems.add(path ? `${this.where}, field ${path} ${message}` : `${this.where}: ${message}`);
  }

  /** False once the whole file was found unusable (missing, not JSON, not the right kind of value). */
  get usable(): boolean {
    return !this.failed.includes('');
  }

  /** Reports that the value at `path` ('' = the whole file) is unusable: nothing inside it is reported after this. */
  unusable(path: string, message: string): void {
    this.problem(path, message);
    this.failed.push(path);
  }

  /** "is missing", or "must be <expected>, got <value>". */
  private wrongType(path: string, value: unknown, expected: string): void {
    this.unusable(path, value === undefined ? 'is missing' : `must be ${expected}, got ${shown(value)}`);
  }

  /**
   * The fields of an object, which may have no field outside `known` (when given); null when `value` is not an
   * object (the problem is recorded). Missing fields are reported by the readers of each field.
   */
  object(value: unknown, path: string, known?: readonly string[]): Record<string, unknown> | null {
    if (!isObject(value)) {
      this.wrongType(path, value, 'an object');
      return null;
    }
    if (known) {
      for (const key of Object.keys(value)) {
        if (!known.includes(key)) this.problem(fieldPath(path, key), `is not a known field (known: ${known.join(', ')})`);
      }
    }
    return value;
  }

  /**
   * An object used as a table, in the file's order: each key (checked by `keyProblem`, which returns what is wrong
   * or null) maps to a value read by `read`.
   */
  entries<T>(
    value: unknown,
    path: string,
    read: (item: unknown, itemPath: string, key: string) => T,
    options: { keyProblem?: (key: string) => string | null; nonEmpty?: boolean } = {}
  ): [string, T][] {
    if (!isObject(value)) {
      this.wrongType(path, value, 'an object');
      return [];
    }
    const keys = Object.keys(value);
    if (options.nonEmpty && keys.length === 0) this.problem(path, 'must not be empty');
    return keys.map((key) => {
      const wrong = options.keyProblem?.(key);
      if (wrong) this.problem(fieldPath(path, key), wrong);
      return [key, read(value[key], fieldPath(path, key), key)];
    });
  }

  /** `entries` as a record; an absent optional table is empty. */
  record<T>(
    value: unknown,
    path: string,
    read: (item: unknown, itemPath: string) => T,
    options: { keyProblem?: (key: string) => string | null; optional?: boolean } = {}
  ): Record<string, T> {
    return options.optional && value === undefined ? {} : Object.fromEntries(this.entries(value, path, read, options));
  }

  /** Text: a string, not empty unless `allowEmpty`. */
  text(value: unknown, path: string, allowEmpty = false): string {
    if (typeof value !== 'string') {
      this.wrongType(path, value, 'text');
      return '';
    }
    if (!allowEmpty && value.trim() === '') this.problem(path, 'must not be empty');
    return value;
  }

  /**
   * Wording that may use the slots in `known` (none: the text is shown as written, so a slot there is a mistake;
   * null: not known, as the file that defines them is unusable). Every `{slot}` must be known and written in lower
   * case or all capitals; a brace outside a slot is refused.
   */
  template(value: unknown, path: string, known: ReadonlySet<string> | null): string {
    const text = this.text(value, path);
    const rest = text.replace(SLOT_PATTERN, (whole, key: string) => {
      const lower = key.toLowerCase();
      if (key !== lower && key !== key.toUpperCase()) {
        const upper = key.toUpperCase();
        this.problem(path, `writes the slot ${whole} in mixed case: write {${lower}}, or {${upper}} for its value in capitals`);
      } else if (known && !known.has(lower)) {
        const list = [...known].map((k) => `{${k}}`).join(', ');
        const hint = known.size > 0 ? `known here: ${list}` : 'no slots are filled in this field';
        this.problem(path, `uses the slot ${whole}, which is not a known slot (${hint})`);
      }
      return '';
    });
    if (/[{}]/.test(rest)) this.problem(path, 'has a brace that is not part of a slot (a slot is {name}: letters only)');
    return text;
  }

  /** A list of wording (see `template`); at least `min` items. */
  templates(value: unknown, path: string, known: ReadonlySet<string> | null, min = 1): string[] {
    return this.list(value, path, min).map((item, i) => this.template(item, fieldPath(path, i), known));
  }

  /** A list of texts (empty texts only when `allowEmpty`); at least `min` items. */
  texts(value: unknown, path: string, options: { min?: number; allowEmpty?: boolean } = {}): string[] {
    const items = this.list(value, path, options.min ?? 1);
    return items.map((item, i) => this.text(item, fieldPath(path, i), options.allowEmpty));
  }

  list(value: unknown, path: string, min = 1): unknown[] {
    if (!Array.isArray(value)) {
      this.wrongType(path, value, 'a list');
      return [];
    }
    if (value.length < min) {
      this.problem(path, min === 1 ? 'must not be empty' : `must have at least ${min} items, has ${value.length}`);
    }
    return value;
  }

  number(value: unknown, path: string, rule: NumberRule = {}): number {
    if (typeof value !== 'number') {
      this.wrongType(path, value, 'a number');
      return 0;
    }
    const { min, max, above, integer } = rule;
    if (integer && !Number.isInteger(value)) this.problem(path, `must be a whole number, got ${value}`);
    if (min !== undefined && value < min) this.problem(path, `must be at least ${min}, got ${value}`);
    if (max !== undefined && value > max) this.problem(path, `must be at most ${max}, got ${value}`);
    if (above !== undefined && value <= above) this.problem(path, `must be more than ${above}, got ${value}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.wrongType(path, value, 'true or false');
    return value === true;
  }

  /** One of `options`; the first option stands in when it is not. */
  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
    if (!options.includes(value as T)) {
      const got = value === undefined ? 'is missing' : `is ${shown(value)}`;
      this.problem(path, `${got}: must be one of ${options.join(', ')}`);
      return options[0]!;
    }
    return value as T;
  }
}

/**
 * A key check for `entries`/`record`: the key must be in `keys`, described as `what` in the message; no check when
 * `keys` is null (not known, as the file that defines them is unusable).
 */
export function oneOfKeys(keys: ReadonlySet<string> | null, what: string): (key: string) => string | null {
  return (key) => (!keys || keys.has(key) ? null : `is not ${what} (${[...keys].join(', ')})`);
}

/** A folder of JSON data files whose problems are collected in one list, named relative to `root` when inside it. */
export class DataFiles {
  readonly problems = new ProblemList(50);
  private readonly readers = new Map<string, FieldReader>();

  constructor(
    readonly dir: string,
    private readonly root: string
  ) {}

  /**
   * `known` when `file` (in this folder) was opened and found usable, else null: what other files are checked
   * against is then not known, and checking them against an empty stand-in would only repeat the file's problem.
   */
  knownFrom<T>(file: string, known: ReadonlySet<T>): ReadonlySet<T> | null {
    return this.readers.get(join(this.dir, file))?.usable && known.size > 0 ? known : null;
  }

  display(file: string): string {
    const rel = relative(this.root, file);
    return rel.startsWith('..') ? file : rel;
  }

  /**
   * Reads and parses `file`; `r` reports its problems (naming `context`, e.g. the category, in brackets). When the
   * file is missing or not JSON, `value` is undefined and `r` reports nothing more about it.
   */
  open(file: string, context?: string): { r: FieldReader; value: unknown } {
    const r = new FieldReader(this.problems, context ? `${this.display(file)} (${context})` : this.display(file));
    this.readers.set(file, r);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      r.unusable('', code === 'ENOENT' ? 'is missing' : `cannot be read (${code})`);
      return { r, value: undefined };
    }
    try {
      return { r, value: JSON.parse(text) };
    } catch (error) {
      r.unusable('', `is not valid JSON (${(error as Error).message})`);
      return { r, value: undefined };
    }
  }
}
