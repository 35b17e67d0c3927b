/**
 * The single rule of a TLSRoute, TCPRoute or UDPRoute: an optional name and 1–16 backends.
 */
import type { Backend } from '../backend';
import { ruleLabel, zeroWeightProblem } from './rules';
import { aKind, checkSubdomain, compact, fail } from './validate';

export class StreamRule {
  // replaced (concat), never pushed to: an array that grows by push() or a spread reserves room for 17
  private _backends: Backend[] = [];
  private name?: string;

  constructor(private readonly path: string, private readonly routeKind: string) {}

  public setName(name: string | undefined): void {
    if (name !== undefined) checkSubdomain(`${this.path}: ruleName`, 'rule name', name);
    this.name = name;
  }

  /** `use` checks the backend for the route (filters, grants). */
  public add(backend: Backend, use: (where: string) => void): void {
    const where = `${this.path}: addBackend("${backend.name}")`;
    if (this.backends.length >= 16) fail(where, `${aKind(this.routeKind)} can have at most 16 backends.`);
    use(where);
    this._backends = this._backends.concat([backend]);
  }

  public get backends(): Backend[] {
    return this._backends;
  }

  public problems(): string[] {
    if (this.backends.length === 0) {
      return [`the ${this.routeKind} has no backends: add one with addBackend() (or backendRefs).`];
    }
    const zero = zeroWeightProblem(ruleLabel(this.name, 0), this.backends);
    return zero ? [zero] : [];
  }

  public render(routeNamespace: string | undefined): any {
    if (this.backends.length === 0) return {};
    return {
      rules: [compact({
        name: this.name,
        backendRefs: this.backends.map((b) => b._renderRuleRef(routeNamespace)),
      })],
    };
  }
}
