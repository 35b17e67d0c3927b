import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KnownLabels, matchLabelSelector, namespaceLabels, selectedNamespaceNames } from '../../core/spec/labels';
import { NAMESPACE_NAME_LABEL } from '../../core/spec/names';
import { LabelSelectorOperator, NamespaceSelector } from '../namespace-selector';
import { checkLabelKey, checkLabels, checkNamespace, formatLabels, quoteList } from './validation';


/** Validates a selector (eagerly, in the static factory that receives it) and returns a defensive copy. */
export function copySelector(where: string, selector: NamespaceSelector): NamespaceSelector {
  const matchLabels = selector.matchLabels ? { ...selector.matchLabels } : undefined;
  if (matchLabels) checkLabels(where, 'selector.matchLabels', matchLabels);
  const matchExpressions = selector.matchExpressions?.map((e, i) => {
    checkLabelKey(where, `selector.matchExpressions[${i}]`, e.key);
    const values = e.values ?? [];
    const needsValues = e.operator === LabelSelectorOperator.IN || e.operator === LabelSelectorOperator.NOT_IN;
    if (needsValues && values.length === 0) {
      throw new Error(`${where}: selector.matchExpressions[${i}] (key "${e.key}", operator ${e.operator}) has no values: give at least one value.`);
    }
    if (!needsValues && values.length > 0) {
      throw new Error(`${where}: selector.matchExpressions[${i}] (key "${e.key}", operator ${e.operator}) must not have values: remove them.`);
    }
    return { key: e.key, operator: e.operator, ...(needsValues ? { values: [...values] } : {}) };
  });
  if ((!matchLabels || Object.keys(matchLabels).length === 0) && (!matchExpressions || matchExpressions.length === 0)) {
    throw new Error(`${where}: the namespace selector is empty (it would select every namespace): use all() instead, or give matchLabels or matchExpressions.`);
  }
  return {
    ...(matchLabels && Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions && matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

/** Renders a selector to the L1 shape. */
export function renderSelector(selector: NamespaceSelector): any {
  return {
    ...(selector.matchLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
    ...(selector.matchExpressions
      ? {
        matchExpressions: selector.matchExpressions.map((e) => ({
          key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}),
        })),
      }
      : {}),
  };
}

/** A readable description, e.g. `namespaces with labels {team: "a"}` or `namespaces "a", "b"`. */
export function describeSelector(selector: NamespaceSelector): string {
  const names = selectedNamespaceNames(selector);
  if (names) return names.length === 1 ? `namespace "${names[0]}"` : `namespaces ${quoteList(names)}`;
  const parts: string[] = [];
  if (selector.matchLabels && Object.keys(selector.matchLabels).length > 0) parts.push(`labels ${formatLabels(selector.matchLabels)}`);
  for (const e of selector.matchExpressions ?? []) {
    switch (e.operator) {
      case LabelSelectorOperator.IN: parts.push(`${e.key} in (${e.values!.join(', ')})`); break;
      case LabelSelectorOperator.NOT_IN: parts.push(`${e.key} not in (${e.values!.join(', ')})`); break;
      case LabelSelectorOperator.EXISTS: parts.push(`label ${e.key}`); break;
      default: parts.push(`no label ${e.key}`); break;
    }
  }
  return `namespaces with ${parts.join(' and ')}`;
}


/** The Namespace objects of each app by name, found by the last scan of its tree (labels are read live). */
const NAMESPACE_OBJECTS = new WeakMap<IConstruct, Map<string, ApiObject>>();

function findNamespaceObject(scope: IConstruct, name: string): ApiObject | undefined {
  const root = scope.node.root;
  const cached = NAMESPACE_OBJECTS.get(root)?.get(name);
  if (cached) return cached;
  // not seen yet: scan the tree again (namespaces may have been added since the last scan)
  const found = new Map<string, ApiObject>();
  for (const c of root.node.findAll()) {
    if (c instanceof ApiObject && c.kind === 'Namespace' && c.apiVersion === 'v1' && !found.has(c.name)) found.set(c.name, c);
  }
  NAMESPACE_OBJECTS.set(root, found);
  return found.get(name);
}

/**
 * The labels of namespace `name` as far as the app knows them: always `kubernetes.io/metadata.name`, plus every
 * label of a `Namespace` object named `name` defined anywhere in the app (e.g. a cdk8s-plus `Namespace`).
 */
export function knownNamespaceLabels(scope: IConstruct, name: string): KnownLabels {
  const ns = findNamespaceObject(scope, name);
  if (ns) {
    return { labels: namespaceLabels(name, ns.metadata.toJson().labels), complete: true };
  }
  return { labels: namespaceLabels(name), complete: false };
}

/**
 * Whether namespace `name` matches `selector`: decided from its name label alone when possible (no lookup), else
 * from the labels of its Namespace object in the app. Returns the verdict (undefined: unknowable) and the labels used.
 */
export function namespaceMatches(scope: IConstruct, selector: NamespaceSelector, name: string): { matches: boolean | undefined; known: KnownLabels } {
  const partial: KnownLabels = { labels: namespaceLabels(name), complete: false };
  const quick = matchLabelSelector(selector, partial);
  if (quick !== undefined) return { matches: quick, known: partial };
  const known = knownNamespaceLabels(scope, name);
  return { matches: known.complete ? matchLabelSelector(selector, known) : undefined, known };
}

/** A selector for the named namespaces: `matchLabels` on `kubernetes.io/metadata.name` for one, `In` for several. */
export function namedSelector(where: string, names: string[]): NamespaceSelector {
  if (names.length === 0) throw new Error(`${where}: no namespace names given: give at least one.`);
  for (const n of names) checkNamespace(where, 'namespace', n);
  const unique = [...new Set(names)];
  return unique.length === 1
    ? { matchLabels: { [NAMESPACE_NAME_LABEL]: unique[0] } }
    : { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: LabelSelectorOperator.IN, values: unique }] };
}
