/**
 * ListenerSets (GEP-1713): whether their Gateway admits them, and the merge of their listeners into it.
 * Part of the analysis engine (see engine.ts); internal.
 */
import {
  _Condition, cond, Ctx, finding, GatewayInfo, GW, key, knownLabels, ListenerSetInfo, namespaceLabels, nsOf, objRef, refState,
} from './context';
import { _applyFrontendValidation } from './gateway-tls-refs';
import { analyzeListener, finishListener, gatewayConflicts, hostKey, listenerStatus, listenerValid } from './gateways';
import { _ListenerRules, _mergeListenerSet } from './listener-conflicts';
import { _describeSelector } from './match';
import { FindingSeverity } from './types';
import { listenerSetAdmitted } from '../core/spec/attachment';
import { familiesCanSharePort } from '../core/spec/protocols';

export function analyzeListenerSet(ctx: Ctx, obj: any, order: number, gateways: Map<string, GatewayInfo>): ListenerSetInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const ls: ListenerSetInfo = { obj, ns, name, order, accepted: false, listeners: [] };
  const pr = obj.spec?.parentRef ?? {};
  const pGroup = pr.group ?? GW;
  const pKind = pr.kind ?? 'Gateway';
  const pNs = pr.namespace ?? ns;
  const gw = pGroup === GW && pKind === 'Gateway' ? gateways.get(key(GW, 'Gateway', pNs, pr.name)) : undefined;
  const ref = objRef(ctx, obj);
  if (!gw) {
    if (refState(ctx, pGroup, pKind, pNs, pr.name) === 'missing') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        conditionType: 'Accepted',
        reason: 'NotAllowed',
        message: `ListenerSet ${ns}/${name}: parent ${pKind} ${pNs}/${pr.name} is not in the input; no controller would accept it.`,
        fix: 'Fix spec.parentRef, or declare the Gateway as an external object.',
      });
    }
    return ls;
  }
  ls.gateway = gw;
  gw.hasListenerSets = true;
  const allowed = gw.obj.spec?.allowedListeners?.namespaces ?? {};
  const from = allowed.from ?? 'None';
  let notAllowed: string | undefined;
  if (listenerSetAdmitted(allowed, gw.ns, ns, (n) => knownLabels(ctx, n)) === false) {
    switch (from) {
      case 'None': notAllowed = `Gateway ${gw.ns}/${gw.name} does not allow ListenerSets (spec.allowedListeners.namespaces.from is None, the default).`; break;
      case 'Same': notAllowed = `Gateway ${gw.ns}/${gw.name} only allows ListenerSets from its own namespace "${gw.ns}".`; break;
      case 'Selector': notAllowed = `Gateway ${gw.ns}/${gw.name} only allows ListenerSets from namespaces matching ${_describeSelector(allowed.selector)}; namespace "${ns}" has labels ${JSON.stringify(namespaceLabels(ctx, ns))}.`; break;
      default: notAllowed = `Gateway ${gw.ns}/${gw.name}: spec.allowedListeners.namespaces.from "${from}" is not supported.`;
    }
  }
  const write = (accepted: _Condition, programmed: _Condition) => {
    obj.status = { ...(obj.status ?? {}), conditions: [accepted, programmed] };
  };
  if (notAllowed) {
    write(cond(ctx, 'Accepted', 'False', 'NotAllowed', notAllowed), cond(ctx, 'Programmed', 'False', 'NotAllowed', notAllowed));
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'Accepted',
      reason: 'NotAllowed',
      message: `ListenerSet ${ns}/${name}: ${notAllowed}`,
      fix: `Ask the owner of Gateway ${gw.ns}/${gw.name} to allow namespace "${ns}" in spec.allowedListeners (or label the namespace to match its selector).`,
    });
    return ls;
  }
  if (!gw.accepted) {
    const msg = `Parent Gateway ${gw.ns}/${gw.name} is not accepted.`;
    write(cond(ctx, 'Accepted', 'False', 'ParentNotAccepted', msg), cond(ctx, 'Programmed', 'False', 'ParentNotAccepted', msg));
    finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'Accepted', reason: 'ParentNotAccepted', message: `ListenerSet ${ns}/${name}: parent Gateway ${gw.ns}/${gw.name} is not accepted.` });
    return ls;
  }
  for (const l of obj.spec?.listeners ?? []) {
    const info = analyzeListener(ctx, l, 'ListenerSet', ns, name);
    _applyFrontendValidation(ctx.ext, gw.obj, info);
    ls.listeners.push(info);
  }
  // merge into the parent: the Gateway's own listeners and older ListenerSets take precedence (listener-conflicts.ts)
  _mergeListenerSet(ctx.ext, listenerRules(ctx), gw.ports, `${gw.ns}/${gw.name}`, ls.listeners);
  for (const l of ls.listeners) {
    // a ListenerSet listener whose references do not resolve is not accepted (GEP-1713 conformance)
    if (l.accepted.status === 'True' && l.resolvedRefs.status !== 'True' && l.certProblem) {
      l.accepted = cond(ctx, 'Accepted', 'False', 'Invalid', l.resolvedRefs.message);
    }
    finishListener(ctx, l, obj);
  }
  const invalid = ls.listeners.filter((l) => !listenerValid(l)).length;
  ls.accepted = ls.listeners.length > 0 && invalid < ls.listeners.length;
  if (ls.accepted) gw.attachedListenerSets++;
  if (ls.accepted) {
    write(cond(ctx, 'Accepted', 'True', 'Accepted', invalid === 0 ? 'ListenerSet is accepted.' : `ListenerSet is accepted; ${invalid} of ${ls.listeners.length} listener(s) are not valid.`),
      cond(ctx, 'Programmed', 'True', 'Programmed', 'ListenerSet is programmed.'));
  } else {
    const msg = `None of the ${ls.listeners.length} listener(s) is valid.`;
    write(cond(ctx, 'Accepted', 'False', 'ListenersNotValid', msg), cond(ctx, 'Programmed', 'False', 'ListenersNotValid', msg));
    finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'Accepted', reason: 'ListenersNotValid', message: `ListenerSet ${ns}/${name}: ${msg}` });
  }
  return ls;
}

export function writeListenerSetStatus(ls: ListenerSetInfo): void {
  if (!ls.obj.status || ls.listeners.length === 0) return;
  ls.obj.status = { ...ls.obj.status, listeners: ls.listeners.map(listenerStatus) };
}

/** The protocol rules of listener conflicts (core/spec/protocols and gateways.ts), for the ListenerSet merge. */
function listenerRules(ctx: Ctx): _ListenerRules {
  return { compatibleFamilies: familiesCanSharePort, hostKey, markConflicts: (ls) => gatewayConflicts(ctx, ls) };
}
