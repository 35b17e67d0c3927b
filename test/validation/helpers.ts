import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { GatewayApiValidator, ValidationChannel, ValidationError, ValidationResult } from '../../src/validation';
import { findVersion } from '../../src/validation/bundle';
import { listFiles, sharedPath } from '../support/shared';

export const standard = new GatewayApiValidator();
export const experimental = new GatewayApiValidator({ channel: ValidationChannel.EXPERIMENTAL });

export const V1 = 'gateway.networking.k8s.io/v1';

/** The non-empty YAML documents of a file. */
export function documents(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS()).filter((d) => d !== null);
}

export function httpRoute(spec: any, name = 'route'): any {
  return { apiVersion: V1, kind: 'HTTPRoute', metadata: { name, namespace: 'default' }, spec };
}

export function gateway(spec: any, name = 'gateway'): any {
  return { apiVersion: V1, kind: 'Gateway', metadata: { name, namespace: 'default' }, spec: { gatewayClassName: 'example', ...spec } };
}

/** `path: message` lines of a result, for readable assertions. */
export function lines(result: ValidationResult): string[] {
  return result.errors.map((e: ValidationError) => `${e.path}: ${e.message}`);
}

/** Validates with the standard channel and returns the error lines. */
export function errorsOf(manifest: any, validator: GatewayApiValidator = standard): string[] {
  return lines(validator.validate(manifest));
}

export const RULES_NOT_CHECKED =
  ': some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** Every document of the release's examples and invalid examples, with the channel of its folder. */
export function releaseExamples(): Array<{ doc: any; channel: ValidationChannel }> {
  const out: Array<{ doc: any; channel: ValidationChannel }> = [];
  for (const dir of ['examples', 'invalid-examples']) {
    const root = sharedPath(dir);
    for (const file of listFiles(root)) {
      const channel = path.relative(root, file).startsWith('experimental/') ? ValidationChannel.EXPERIMENTAL : ValidationChannel.STANDARD;
      for (const doc of documents(file)) out.push({ doc, channel });
    }
  }
  return out;
}

/** `docs` followed by `count` copies of random ones with a few random edits of their spec (see `mutateSpec`). */
export function withMutations<T extends { doc: any }>(docs: readonly T[], count: number, random: () => number, picks: readonly unknown[]): T[] {
  const out = [...docs];
  for (let i = 0; i < count; i++) {
    const base = docs[Math.floor(random() * docs.length)];
    out.push({ ...base, doc: mutateSpec(base.doc, random, picks) });
  }
  return out;
}

/**
 * A copy of `doc` with one to three random edits of its spec: a value replaced by one of `picks`, a field deleted, a
 * list item duplicated. `deleteBelow` sets the share of deletions (a draw in [0.5, deleteBelow) deletes).
 */
export function mutateSpec(doc: any, random: () => number, picks: readonly unknown[], deleteBelow = 0.7): any {
  const copy = JSON.parse(JSON.stringify(doc));
  const spots: Array<{ parent: any; key: string | number }> = [];
  const visit = (v: any) => {
    if (Array.isArray(v)) v.forEach((x, i) => { spots.push({ parent: v, key: i }); visit(x); });
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) { spots.push({ parent: v, key: k }); visit(v[k]); }
  };
  visit(copy?.spec);
  for (let e = 0, edits = 1 + Math.floor(random() * 3); e < edits && spots.length > 0; e++) {
    const { parent, key } = spots[Math.floor(random() * spots.length)];
    const r = random();
    if (r < 0.5) parent[key] = picks[Math.floor(random() * picks.length)];
    else if (r < deleteBelow && !Array.isArray(parent)) delete parent[key];
    else if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number] ?? null)));
    else parent[key] = JSON.parse(JSON.stringify(parent));
  }
  return copy;
}

/** The schema key of a Gateway API document in `channel`, or undefined. */
export function schemaKeyOf(doc: any, channel: ValidationChannel): string | undefined {
  if (typeof doc?.apiVersion !== 'string' || typeof doc.kind !== 'string') return undefined;
  const [group, version] = doc.apiVersion.split('/');
  return findVersion(channel, group, version ?? '', doc.kind)?.schemaKey;
}
