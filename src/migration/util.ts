/**
 * Small helpers of the migration readers.
 */
import { MigrationItem, OutcomeStatus } from './model';

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

/** A Gateway API Duration (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) of a number of seconds: 172800 → 48h, 90 → 1m30s. */
export function duration(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec ? `${sec}s` : ''}`;
  return out === '' ? '0s' : out;
}

