import { filterTypesOf, incompatibleFilters, UNIQUE_FILTER_TYPES } from '../../../src/core/spec';

describe('route filters', () => {
  test.each<[Array<string | undefined>, [string, string] | undefined]>([
    [[], undefined],
    [['RequestRedirect'], undefined],
    [['URLRewrite', 'RequestHeaderModifier'], undefined],
    [['RequestRedirect', 'URLRewrite'], ['RequestRedirect', 'URLRewrite']],
    [['URLRewrite', undefined, 'RequestRedirect'], ['RequestRedirect', 'URLRewrite']],
  ])('incompatibleFilters(%p) is %p', (types, out) => expect(incompatibleFilters(types)).toEqual(out));

  test('filter types per route kind', () => {
    expect(filterTypesOf('HTTPRoute')).toContain('CORS');
    expect(filterTypesOf('GRPCRoute')).not.toContain('CORS');
    expect(filterTypesOf('GRPCRoute')).not.toContain('RequestRedirect');
    expect(filterTypesOf('TCPRoute')).toBeUndefined();
    expect(UNIQUE_FILTER_TYPES).not.toContain('RequestMirror');
  });
});
