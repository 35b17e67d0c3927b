export * from './model';
export * from './migrate';
export { slug, duration } from './util';
export { parseTraefikRule, toDnf, RuleSyntaxError } from './traefik-rule';
