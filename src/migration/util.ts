/**
 * Small helpers of the migration readers.
 */
import { MigrationItem, OutcomeStatus } from './model';
import { formatGatewayDuration } from '../core/spec/duration';

/** A DNS-label-ish slug for generated names. */
export function slug(value: string): string {
  const s = value.toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 50).replace(/-+$/, '');
}

/** Collects report items for one source object. */
export class ItemLog {
  public readonly items: MigrationItem[] = [];
  public add(key: string, value: string | undefined, status: OutcomeStatus, message: string, instead?: string): void {
    this.items.push({ key, ...(value !== undefined ? { value } : {}), status, message, ...(instead ? { instead } : {}) });
  }
}

/** A Gateway API Duration of a number of seconds, written as the library's constructs write it (90 → 90s, 1728000 → 480h). */
export function duration(totalSeconds: number): string {
  return formatGatewayDuration(totalSeconds * 1000) ?? `${totalSeconds}s`;
}
