/**
 * Values: prepared JSON (pruned and defaulted) seen by CEL through the schema, as `self` in the API server: integers
 * are CEL `int`, numbers `double`; undeclared fields are invisible; property names are escaped (`namespace` →
 * `__namespace__`, `-` → `__dash__`, ...), map keys are not. Values are converted on first access.
 */
import type { CelValue } from '@bufbuild/cel';
import { celRuntime } from './runtime';
import { isPlainObject } from '../prepare';
import { SchemaNode } from '../schema-node';

/**
 * A JSON object seen by CEL through its schema: only declared properties (by their escaped CEL names), values
 * converted on first access. Rules usually read a few fields of a large subject, so most of it is never
 * converted.
 */
class SchemaObjectMap implements ReadonlyMap<string, CelValue> {
  private readonly converted = new Map<string, CelValue>();
  private names?: string[];

  public constructor(
    private readonly obj: Record<string, unknown>,
    private readonly node: SchemaNode | undefined,
    private readonly converter: CelValues,
    private readonly isRoot: boolean,
  ) {}

  public get size(): number {
    return this.keyList().length;
  }

  public get(name: string): CelValue | undefined {
    const done = this.converted.get(name);
    if (done !== undefined) return done;
    let value: CelValue | undefined;
    const node = this.node;
    if (node?.properties) {
      const entry = node.celByName.get(name);
      if (!entry || !Object.prototype.hasOwnProperty.call(this.obj, entry[0])) return undefined;
      value = this.isRoot && entry[0] === 'metadata'
        ? this.converter.rootMetadata(this.obj.metadata)
        : this.converter.of(this.obj[entry[0]], entry[1]);
    } else if (Object.prototype.hasOwnProperty.call(this.obj, name) && this.keyList().includes(name)) {
      value = this.converter.of(this.obj[name], node?.additional);
    }
    if (value !== undefined) this.converted.set(name, value);
    return value;
  }

  public has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  public keys(): MapIterator<string> {
    return this.keyList().values();
  }

  public *entries(): MapIterator<[string, CelValue]> {
    for (const k of this.keyList()) yield [k, this.get(k)!];
  }

  public *values(): MapIterator<CelValue> {
    for (const k of this.keyList()) yield this.get(k)!;
  }

  public forEach(callback: (value: CelValue, key: string, map: ReadonlyMap<string, CelValue>) => void, thisArg?: unknown): void {
    for (const k of this.keyList()) callback.call(thisArg, this.get(k)!, k, this);
  }

  public [Symbol.iterator](): MapIterator<[string, CelValue]> {
    return this.entries();
  }

  private keyList(): string[] {
    if (!this.names) {
      const node = this.node;
      if (node?.properties) {
        this.names = node.celProperties.filter(([json]) => Object.prototype.hasOwnProperty.call(this.obj, json)).map(([, cel]) => cel);
      } else if (node?.additional || !node || node.preserveUnknown) {
        this.names = Object.keys(this.obj);
      } else {
        // an object schema without properties: every field is pruned
        this.names = [];
      }
    }
    return this.names;
  }
}

/** Converts prepared JSON to CEL values typed by the schema; objects and arrays are converted once (by identity). */
export class CelValues {
  private readonly memo = new Map<object, CelValue>();

  public of(value: unknown, node: SchemaNode | undefined, isRoot = false): CelValue {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!node || node.type === 'integer' || node.intOrString || (node.type === undefined && Number.isInteger(value))) {
          return Number.isSafeInteger(value) ? BigInt(value) : value;
        }
        return value;
      case 'object':
        break;
      default:
        return null;
    }
    if (value === null) return null;
    const cached = this.memo.get(value);
    if (cached !== undefined) return cached;
    let result: CelValue;
    if (Array.isArray(value)) {
      const items = node?.items;
      result = celRuntime().celList(value.map((x) => this.of(x, items)));
    } else {
      result = celRuntime().celMap(new SchemaObjectMap(value as Record<string, unknown>, node, this, isRoot));
    }
    this.memo.set(value, result);
    return result;
  }

  /** Rules at the root see only `metadata.name` and `metadata.generateName`, as in the API server. */
  public rootMetadata(metadata: unknown): CelValue {
    const entries = new Map<string, CelValue>();
    if (isPlainObject(metadata)) {
      for (const k of ['name', 'generateName']) {
        if (typeof metadata[k] === 'string') entries.set(k, metadata[k] as string);
      }
    }
    return celRuntime().celMap(entries);
  }
}
