/**
 * ObjectMeta checks the API server applies to every custom resource on create (apimachinery
 * ValidateObjectMetaAccessor with NameIsDNSSubdomain), and the fields ObjectMeta declares.
 */
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from './k8s-formats';
import { PathSegment } from './paths';
import { isPlainObject } from './prepare';
import { renderValue, suggestProperty } from './structural';

export interface MetadataIssue {
  readonly segs: PathSegment[];
  readonly message: string;
}

/** The fields of ObjectMeta (k8s.io/apimachinery/pkg/apis/meta/v1). */
const OBJECT_META_FIELDS = new Map<string, string>([
  ['name', 'string'], ['generateName', 'string'], ['namespace', 'string'], ['selfLink', 'string'], ['uid', 'string'],
  ['resourceVersion', 'string'], ['generation', 'integer'], ['creationTimestamp', 'any'], ['deletionTimestamp', 'any'],
  ['deletionGracePeriodSeconds', 'integer'], ['labels', 'map'], ['annotations', 'map'], ['ownerReferences', 'array'],
  ['finalizers', 'array'], ['managedFields', 'array'],
]);

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Checks `metadata` of a custom resource. */
export function validateMetadata(metadata: unknown): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const at = (...segs: PathSegment[]): PathSegment[] => ['metadata', ...segs];
  if (metadata === undefined || metadata === null) {
    return [{ segs: at('name'), message: 'Required value: name or generateName is required' }];
  }
  if (!isPlainObject(metadata)) {
    return [{ segs: at(), message: `Invalid value: ${renderValue(metadata)}: metadata in body must be of type object: "${Array.isArray(metadata) ? 'array' : typeof metadata}"` }];
  }
  for (const key of Object.keys(metadata)) {
    const kind = OBJECT_META_FIELDS.get(key);
    const value = metadata[key];
    if (kind === undefined) {
      const suggestion = suggestProperty(key, OBJECT_META_FIELDS.keys());
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      issues.push({ segs: at(key), message: `unknown field "metadata.${key}"${hint}: it is not a field of ObjectMeta, and the API server would drop it silently` });
      continue;
    }
    if (value === null) continue;
    const wrongType = (expected: string) =>
      issues.push({ segs: at(key), message: `Invalid value: ${renderValue(value)}: metadata.${key} in body must be of type ${expected}: "${Array.isArray(value) ? 'array' : typeof value}"` });
    if (kind === 'string' && typeof value !== 'string') wrongType('string');
    else if (kind === 'integer' && !Number.isInteger(value)) wrongType('integer');
    else if (kind === 'array' && !Array.isArray(value)) wrongType('array');
    else if (kind === 'map' && !isPlainObject(value)) wrongType('object');
  }

  const name = metadata.name;
  const generateName = metadata.generateName;
  if (typeof name === 'string' && name.length > 0) {
    for (const msg of isDns1123Subdomain(name)) issues.push({ segs: at('name'), message: `Invalid value: ${renderValue(name)}: ${msg}` });
  } else if (typeof generateName === 'string' && generateName.length > 0) {
    // generateName is a prefix: the API server appends 5 random characters
    const candidate = generateName.replace(/-+$/, '') || 'a';
    for (const msg of isDns1123Subdomain(candidate)) issues.push({ segs: at('generateName'), message: `Invalid value: ${renderValue(generateName)}: ${msg}` });
  } else if (name === undefined || name === null || name === '') {
    issues.push({ segs: at('name'), message: 'Required value: name or generateName is required' });
  }

  const namespace = metadata.namespace;
  if (typeof namespace === 'string' && namespace.length > 0) {
    for (const msg of isDns1123Label(namespace)) issues.push({ segs: at('namespace'), message: `Invalid value: ${renderValue(namespace)}: ${msg}` });
  }

  const labels = metadata.labels;
  if (isPlainObject(labels)) {
    for (const key of Object.keys(labels).sort()) {
      for (const msg of isQualifiedName(key)) issues.push({ segs: at('labels'), message: `Invalid value: ${renderValue(key)}: ${msg}` });
      const value = labels[key];
      if (typeof value !== 'string') {
        issues.push({ segs: at('labels', { key }), message: `Invalid value: ${renderValue(value)}: label values must be strings: "${typeof value}"` });
        continue;
      }
      for (const msg of isValidLabelValue(value)) issues.push({ segs: at('labels'), message: `Invalid value: ${renderValue(value)}: ${msg}` });
    }
  }

  const annotations = metadata.annotations;
  if (isPlainObject(annotations)) {
    let total = 0;
    for (const key of Object.keys(annotations).sort()) {
      for (const msg of isQualifiedName(key.toLowerCase())) issues.push({ segs: at('annotations'), message: `Invalid value: ${renderValue(key)}: ${msg}` });
      const value = annotations[key];
      if (typeof value !== 'string') {
        issues.push({ segs: at('annotations', { key }), message: `Invalid value: ${renderValue(value)}: annotation values must be strings: "${typeof value}"` });
        continue;
      }
      total += key.length + value.length;
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      issues.push({ segs: at('annotations'), message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
    }
  }
  return issues;
}
