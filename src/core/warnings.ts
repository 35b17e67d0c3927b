import { IConstruct } from 'constructs';

/**
 * The metadata type of the synth-time warnings of this library (`construct.node.metadata`).
 * @internal
 */
export const _WARNING_METADATA = 'gateway-api:warning';

const EMITTED = new WeakMap<IConstruct, Set<string>>();

/**
 * Reports a check that synth cannot make (e.g. the listeners of an imported Gateway are unknown), with what to
 * declare so that it can: printed once per app to stderr as `warning: <message>`, like the WARN modes of validation
 * and analysis, and recorded on `scope` as metadata of type `gateway-api:warning` (for tests and tools). Synth goes on.
 * @internal
 */
export function _synthWarning(scope: IConstruct, message: string): void {
  const root = scope.node.root;
  let emitted = EMITTED.get(root);
  if (!emitted) {
    emitted = new Set();
    EMITTED.set(root, emitted);
  }
  if (emitted.has(message)) return;
  emitted.add(message);
  scope.node.addMetadata(_WARNING_METADATA, message);
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * The synth-time warnings recorded on the constructs under `scope`, in construct order.
 * @internal
 */
export function _synthWarnings(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === _WARNING_METADATA).map((m) => String(m.data)));
}
