import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * A core (`v1`) Kubernetes object of this app as the constructs refer to it: a Service, Secret or ConfigMap.
 * @internal
 */
export interface _KubeObject {
  readonly name: string;
  /** The namespace it is synthesized in; undefined for imported objects and objects of charts without namespace. */
  readonly namespace?: string;
  /** The object's ApiObject; undefined for an imported cdk8s-plus resource (`Secret.fromSecretName()`, …). */
  readonly apiObject?: ApiObject;
  /** The construct the caller passed. */
  readonly construct: IConstruct;
}

/**
 * Reads a construct that stands for a `v1` object of `kind`: a cdk8s-plus resource of any cdk8s-plus line (28–33), an
 * L1 (`KubeService`, `KubeSecret`, `KubeConfigMap`), or any construct whose default child is such an `ApiObject`. It
 * takes a construct rather than a cdk8s-plus type so that it works with every cdk8s-plus line and in every jsii
 * language. An imported cdk8s-plus resource (no ApiObject, e.g. `Secret.fromSecretName()`) is accepted when
 * `allowImported` is set: its `name` is read and its namespace is unknown.
 *
 * Throws `<where>: not a <kind>: …` when the construct is something else.
 * @internal
 */
export function _kubeObjectOf(construct: IConstruct, kind: string, where: string, allowImported: boolean): _KubeObject {
  let apiObject: ApiObject | undefined;
  try {
    apiObject = ApiObject.of(construct);
  } catch {
    const name = (construct as any)?.name;
    if (allowImported && typeof name === 'string' && name.length > 0) return { name, construct };
    throw new Error(`${where}: not a ${kind}: pass a cdk8s-plus ${kind} (any cdk8s-plus line), a Kube${kind} or another construct ` +
      `whose default child is a v1 ${kind} ApiObject.`);
  }
  if (apiObject.kind !== kind || apiObject.apiVersion !== 'v1') {
    throw new Error(`${where}: expected a v1 ${kind}, got ${apiObject.apiVersion} ${apiObject.kind}.`);
  }
  return { name: apiObject.name, namespace: apiObject.metadata.namespace, apiObject, construct };
}

/**
 * The ports of a Service construct (number and name), or `undefined` when they cannot be read.
 * @internal
 */
export function _servicePorts(service: IConstruct): Array<{ port: number; name?: string }> | undefined {
  const pick = (list: any[]) => list
    .filter((p: any) => typeof p?.port === 'number')
    .map((p: any) => (typeof p.name === 'string' ? { port: p.port, name: p.name } : { port: p.port }));
  // cdk8s-plus Services (every line) expose their ports; reading them does not render the Service.
  const direct = (service as any).ports;
  if (Array.isArray(direct)) return pick(direct);
  try {
    const ports = ApiObject.of(service).toJson()?.spec?.ports;
    return Array.isArray(ports) ? pick(ports) : [];
  } catch {
    return undefined;
  }
}
