import { labelsMatch, LabelSelector, matchLabelSelector, namespaceLabels, selectedNamespaceNames } from '../../../src/core/spec';

const team = { team: 'a', env: 'prod' };

describe('label selectors', () => {
  test.each<[string, LabelSelector | undefined, { [k: string]: string }, boolean]>([
    ['no selector matches everything', undefined, {}, true],
    ['an empty selector matches everything', {}, {}, true],
    ['matchLabels: all present', { matchLabels: { team: 'a' } }, team, true],
    ['matchLabels: other value', { matchLabels: { team: 'b' } }, team, false],
    ['matchLabels: absent', { matchLabels: { owner: 'x' } }, team, false],
    ['In', { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] }, team, true],
    ['In, absent key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, team, false],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, team, false],
    ['NotIn, absent key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, team, true],
    ['Exists', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, team, true],
    ['Exists, absent', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, team, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, team, false],
    ['DoesNotExist, absent', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, team, true],
    ['unknown operator selects nothing', { matchExpressions: [{ key: 'team', operator: 'Gt', values: ['1'] }] }, team, false],
    ['every requirement must hold', { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }, team, false],
  ])('%s', (_, selector, labels, ok) => expect(labelsMatch(selector, labels)).toBe(ok));

  test.each<[string, LabelSelector, boolean | undefined]>([
    ['decided by the known label', { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, true],
    ['decided false by the known label', { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, false],
    ['undecidable: label not known', { matchLabels: { team: 'a' } }, undefined],
    ['a known false beats an unknown', { matchLabels: { 'team': 'a', 'kubernetes.io/metadata.name': 'b' } }, false],
    ['NotIn on an unknown label is undecidable', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] }, undefined],
  ])('with incomplete labels: %s', (_, selector, out) => {
    expect(matchLabelSelector(selector, { labels: namespaceLabels('a'), complete: false })).toBe(out);
  });

  test('namespaceLabels adds the name label, which wins over a stale one', () => {
    expect(namespaceLabels('a', { 'team': 'x', 'kubernetes.io/metadata.name': 'old' })).toEqual({ 'team': 'x', 'kubernetes.io/metadata.name': 'a' });
  });

  test.each<[LabelSelector, string[] | undefined]>([
    [{ matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, ['a']],
    [{ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] }, ['a', 'b']],
    [{ matchLabels: { 'kubernetes.io/metadata.name': 'a' }, matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['b'] }] }, []],
    [{ matchLabels: { team: 'a' } }, undefined],
    [{ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['a'] }] }, undefined],
  ])('selectedNamespaceNames(%j) is %p', (s, out) => expect(selectedNamespaceNames(s)).toEqual(out));
});
