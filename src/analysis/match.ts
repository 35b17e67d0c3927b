/**
 * Label selectors in the analysis' messages. The spec rules (hostname intersection, selector matching) live in
 * `core/spec`; the `_`-names below are kept for existing callers and tests.
 */
import { intersectHostname, intersectHostnames } from '../core/spec/hostnames';
import { LabelSelector, labelsMatch } from '../core/spec/labels';

/** @internal */
export const _intersectHostnames = intersectHostnames;
/** @internal */
export const _intersectHostname = intersectHostname;
/** A Kubernetes LabelSelector (matchLabels + matchExpressions). @internal */
export type _LabelSelector = LabelSelector;
/** Whether `labels` match `selector` (an empty selector matches everything). @internal */
export const _selectorMatches = labelsMatch;

/** A human rendering of a selector, for messages. @internal */
export function _describeSelector(selector: _LabelSelector | undefined): string {
  if (!selector) return '{}';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return `{${parts.join(', ')}}`;
}
