import { PolicyTarget } from './policy-target';
import { quoteList } from '../platform/private/validation';

/** `Service "auth"` or `Service "auth" section "https"` */
export function describeTarget(t: PolicyTarget): string {
  return `${t.kind} "${t.name}"${t.sectionName !== undefined ? ` (sectionName "${t.sectionName}")` : ''}`;
}

/** Checks that `target` may join `existing` of a policy in `policyNamespace` (local target, distinct, sectionName rules). */
export function checkTarget(where: string, policyNamespace: string | undefined, existing: readonly PolicyTarget[], target: PolicyTarget): void {
  if (target.namespace !== undefined && target.namespace !== policyNamespace) {
    throw new Error(
      `${where}: target ${describeTarget(target)} is in namespace "${target.namespace}" but the policy is in ` +
      `${policyNamespace !== undefined ? `namespace "${policyNamespace}"` : 'no namespace'}: policies attach to objects in their own namespace only; ` +
      `create the policy in "${target.namespace}".`,
    );
  }
  const same = existing.filter((t) => t.group === target.group && t.kind === target.kind && t.name === target.name);
  for (const s of same) {
    if (s.sectionName === target.sectionName) {
      throw new Error(`${where}: target ${describeTarget(target)} is listed twice: list each target once.`);
    }
    if ((s.sectionName === undefined) !== (target.sectionName === undefined)) {
      throw new Error(
        `${where}: ${target.kind} "${target.name}" is targeted both as a whole and by sectionName: when a target is listed ` +
        'more than once, every entry needs a sectionName (drop the whole-object entry or the section entries).',
      );
    }
  }
}

/** At synth: sectionNames that name no listener of a Gateway or ListenerSet of this app. */
export function checkTargetSections(where: string, targets: readonly PolicyTarget[]): string[] {
  const errors: string[] = [];
  for (const t of targets) {
    const p = t._parent;
    const names = p?.ownedListenerNames;
    if (t.sectionName === undefined || p === undefined || names === undefined) continue;
    if (!names.includes(t.sectionName)) {
      errors.push(
        `${where}: target ${describeTarget(t)} names no listener of ${p.routeParentKind} "${p.routeParentName}"` +
        (names.length > 0 ? `: use one of ${quoteList(names)}.` : '.'),
      );
    }
  }
  return errors;
}

export function renderTarget(t: PolicyTarget): any {
  return { group: t.group, kind: t.kind, name: t.name, ...(t.sectionName !== undefined ? { sectionName: t.sectionName } : {}) };
}
