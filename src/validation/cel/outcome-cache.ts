/**
 * The cache of rule outcomes: per node, the outcomes of its active rules by projection key of the subject (what the
 * rules can observe of it, see ../projection.ts). A validator uses the process-wide cache unless it is given its
 * own; a disabled cache evaluates every rule with CEL on every subject, one by one, which is how the tests check
 * that the cache and the conjunction shortcut change nothing.
 */
import { NodeRules } from './compile';
import { ProjectionCache } from '../projection';

/** A rule's outcome on one subject: passed, or the message (at `fieldPath` or, for evaluation errors, not). */
export type Outcome = null | { readonly message: string; readonly atFieldPath: boolean };

/** At most this many outcomes are kept per node (the node's cache is emptied when full). */
const MAX_OUTCOMES_PER_NODE = 20_000;

/** The outcomes of rules that all passed, by number of rules. */
const ALL_PASSED: Array<readonly Outcome[]> = [];

/** The outcomes of `count` rules that all passed (shared, frozen). */
export function allPassed(count: number): readonly Outcome[] {
  return (ALL_PASSED[count] ??= Object.freeze(new Array<Outcome>(count).fill(null)));
}

/** Counts of how rules were decided (for the benchmark and the tests). */
export interface OutcomeStats {
  /** Rules evaluated one by one with CEL. */
  evaluations: number;
  /** Rules answered from the cache. */
  cached: number;
  /**
   * Nodes whose rules all passed in one evaluation of their conjunction: in JavaScript (see fast.ts), or with CEL
   * (and the uniqueness hash check).
   */
  conjunctions: number;
}

/** Rule outcomes by node and projection key, with the statistics of how they were decided. */
export class OutcomeCache {
  /** Whether outcomes are cached and the conjunction shortcut is taken (see the module comment). */
  public readonly enabled: boolean;
  public readonly stats: OutcomeStats = { evaluations: 0, cached: 0, conjunctions: 0 };
  private readonly byNode = new Map<NodeRules, ProjectionCache<readonly Outcome[]>>();

  public constructor(options: { readonly enabled?: boolean } = {}) {
    this.enabled = options.enabled ?? true;
  }

  /** The outcomes of `rules` by projection key. */
  public of(rules: NodeRules): ProjectionCache<readonly Outcome[]> {
    let outcomes = this.byNode.get(rules);
    if (!outcomes) {
      outcomes = new ProjectionCache<readonly Outcome[]>(MAX_OUTCOMES_PER_NODE);
      this.byNode.set(rules, outcomes);
    }
    return outcomes;
  }

  /** Forgets every outcome (statistics are kept). */
  public clear(): void {
    for (const m of this.byNode.values()) m.clear();
  }
}

/** The process-wide cache, used by every validator that is not given its own. */
export const SHARED_OUTCOMES = new OutcomeCache();

/** The statistics of the process-wide cache since the process started. */
export const OUTCOME_STATS: OutcomeStats = SHARED_OUTCOMES.stats;

/** Forgets every outcome of the process-wide cache (the benchmark measures a cold process this way). */
export function clearOutcomeCaches(): void {
  SHARED_OUTCOMES.clear();
}
