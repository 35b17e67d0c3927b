import { IConstruct } from 'constructs';
import {
  checkGroup, checkKind, checkLength, checkNamespace, checkPort, checkWeight, compact, fail, q,
} from './private/validate';
import { _KubeObject, _kubeObjectOf, _servicePorts } from '../core/kube-objects';

/**
 * Options of a backend (`backendRefs[]`).
 */
export interface BackendOptions {
  /**
   * The destination port. Required for Services (the Gateway API has no default port), except that
   * `Backend.fromService()` infers it when the Service has exactly one port.
   * @default - the Service's only port (`fromService`); none for other kinds
   */
  readonly port?: number;

  /**
   * The proportion of the rule's traffic sent to this backend: weight / sum of the weights of the rule's backends,
   * from 0 (no traffic) to 1,000,000.
   *
   * Support: Core for 0 and 1, Extended for other values (traffic splitting).
   * @default - not written; the Gateway API default is 1
   */
  readonly weight?: number;
}

/**
 * Options of a backend referred to by name (`Backend.fromName`).
 */
export interface NamedBackendOptions extends BackendOptions {
  /**
   * The backend's namespace. A namespace other than the route's needs a ReferenceGrant in the backend's namespace,
   * which the route creates (see `ReferenceGrants`).
   * @default - the route's namespace
   */
  readonly namespace?: string;
}

/**
 * A backend of another kind than Service (`Backend.fromResource`), e.g. a multi-cluster ServiceImport.
 */
export interface ResourceBackendProps extends NamedBackendOptions {
  /**
   * API group of the backend; `""` is the core group.
   * @default "" (the core group)
   */
  readonly group?: string;

  /** Kind of the backend, e.g. `ServiceImport`; written to the manifest even when it is `Service`. */
  readonly kind: string;

  /** Name of the backend. */
  readonly name: string;
}

/**
 * Where a route sends traffic: a Kubernetes Service (Core) or another kind of backend (`backendRefs[]`).
 *
 * Support: Core for Kubernetes Services, Extended for ServiceImport, Implementation-specific for other kinds.
 */
export class Backend {
  /**
   * A Service defined in this app: a cdk8s-plus `Service` of any cdk8s-plus line (cdk8s-plus-28, -30, -33, …),
   * a `KubeService` L1, or any construct whose default child is a `v1` Service `ApiObject`.
   *
   * It takes a construct rather than a cdk8s-plus type so that it works with every cdk8s-plus line and in every
   * jsii language: the name, namespace and ports are read from the Service's `ApiObject`.
   *
   * The port is inferred when the Service has exactly one port (checked again at synth, as ports can be added
   * later); pass `port` otherwise.
   */
  public static fromService(service: IConstruct, options: BackendOptions = {}): Backend {
    const where = `Backend.fromService(${service.node.path})`;
    let object: _KubeObject;
    try {
      object = _kubeObjectOf(service, 'Service', where, false);
    } catch (e) {
      const message = (e as Error).message;
      throw new Error(/expected a v1/.test(message) ? message.replace(/\.$/, ': use Backend.fromResource() for other kinds.') : message);
    }
    const backend = new Backend(where, {
      group: '',
      kind: 'Service',
      name: object.name,
      namespace: object.namespace,
      port: options.port,
      weight: options.weight,
    }, false, service);
    if (options.port === undefined) {
      const ports = servicePorts(service);
      if (ports && ports.length > 1) {
        fail(where, `Service "${object.name}" has ${ports.length} ports (${ports.join(', ')}): choose one with { port: ${ports[0]} }.`);
      }
    }
    return backend;
  }

  /**
   * A Service referred to by name, e.g. one that another team or a Helm chart creates.
   */
  public static fromName(name: string, options: NamedBackendOptions = {}): Backend {
    const where = `Backend.fromName(${q(name)})`;
    if (options.port === undefined) {
      fail(where, 'port is required for a Service backend (the Gateway API has no default port): pass { port: 8080 } with the Service port.');
    }
    return new Backend(where, { group: '', kind: 'Service', name, ...options }, false);
  }

  /**
   * A backend of any kind, e.g. `{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store', port: 8080 }`.
   * `group` and `kind` are written as given.
   */
  public static fromResource(props: ResourceBackendProps): Backend {
    const where = `Backend.fromResource(${q({ group: props.group, kind: props.kind, name: props.name })})`;
    const group = props.group ?? '';
    if (group === '' && props.kind === 'Service' && props.port === undefined) {
      fail(where, 'port is required for a Service backend (the Gateway API has no default port): pass { port: 8080 }.');
    }
    return new Backend(where, { ...props, group }, true);
  }

  /** API group of the backend (`""` for the core group). */
  public readonly group: string;

  /** Kind of the backend, e.g. `Service`. */
  public readonly kind: string;

  /** Name of the backend. */
  public readonly name: string;

  /**
   * Namespace of the backend.
   * @default - the route's namespace
   */
  public readonly namespace?: string;

  /**
   * The weight.
   * @default - not written (the Gateway API default is 1)
   */
  public readonly weight?: number;

  /** @internal */
  public readonly _where: string;
  private readonly _port?: number;
  private readonly explicitKind: boolean;
  private readonly service?: IConstruct;

  private constructor(where: string, props: ResourceBackendProps, explicitKind: boolean, service?: IConstruct) {
    checkLength(where, 'name', props.name, 1, 253);
    checkGroup(where, 'group', props.group ?? '');
    checkKind(where, 'kind', props.kind);
    if (props.namespace !== undefined) checkNamespace(where, 'namespace', props.namespace);
    checkPort(where, 'port', props.port);
    checkWeight(where, props.weight);
    this._where = where;
    this.group = props.group ?? '';
    this.kind = props.kind;
    this.name = props.name;
    this.namespace = props.namespace;
    this._port = props.port;
    this.weight = props.weight;
    this.explicitKind = explicitKind;
    this.service = service;
  }

  /**
   * The destination port: the given one, else (for `fromService`) the Service's only port.
   * @default - none (not known yet, or not a Service)
   */
  public get port(): number | undefined {
    if (this._port !== undefined || !this.service) return this._port;
    const ports = servicePorts(this.service);
    return ports?.length === 1 ? ports[0] : undefined;
  }

  /** A copy of this backend with another weight (0 to 1,000,000). */
  public withWeight(weight: number): Backend {
    checkWeight(`${this._where}.withWeight(${weight})`, weight);
    return new Backend(this._where, {
      group: this.group,
      kind: this.kind,
      name: this.name,
      namespace: this.namespace,
      port: this._port,
      weight,
    }, this.explicitKind, this.service);
  }

  /**
   * Whether rendering this backend reads a Service construct (made with `fromService`: the port is read at synth).
   * @internal
   */
  public get _readsService(): boolean {
    return this.service !== undefined;
  }

  /**
   * The Service construct of this app the backend was made from (`fromService`): its chart owns the ReferenceGrant.
   * @internal
   */
  public get _referent(): IConstruct | undefined {
    return this.service;
  }

  /** Whether this is a Kubernetes Service (core group, kind Service). */
  public get isService(): boolean {
    return this.group === '' && this.kind === 'Service';
  }

  /**
   * Problems only visible at synth: a Service without the chosen port, or with no single port to infer.
   * @internal
   */
  public _synthProblems(): string[] {
    if (!this.service) return [];
    const ports = servicePorts(this.service);
    if (this._port === undefined) {
      if (!ports || ports.length === 0) return [`Service "${this.name}" has no ports to send traffic to: add a port to it or set the backend's port.`];
      if (ports.length > 1) return [`Service "${this.name}" has ${ports.length} ports (${ports.join(', ')}): choose one with { port: ${ports[0]} }.`];
      return [];
    }
    if (ports && ports.length > 0 && !ports.includes(this._port)) {
      return [`Service "${this.name}" has no port ${this._port} (its ports: ${ports.join(', ')}): use one of them.`];
    }
    return [];
  }

  /**
   * The object reference: group and kind left out when they are the defaults (core Service) unless given through
   * `fromResource`, the namespace left out when it is the route's.
   * @internal
   */
  public _renderRef(routeNamespace: string | undefined): any {
    const port = this.port;
    if (port === undefined && this.isService) {
      throw new Error(`${this._where}: ${this._synthProblems()[0] ?? 'the port is unknown: set { port }.'}`);
    }
    return compact({
      group: this.group !== '' ? this.group : undefined,
      kind: this.explicitKind || this.kind !== 'Service' ? this.kind : undefined,
      name: this.name,
      namespace: this.namespace !== undefined && this.namespace !== routeNamespace ? this.namespace : undefined,
      port,
    });
  }

  /**
   * The `backendRefs[]` entry of a rule: the object reference, then the weight and the backend's filters when set.
   * @internal
   */
  public _renderRuleRef(routeNamespace: string | undefined, filters?: Array<{ readonly manifest: any }>): any {
    const ref = this._renderRef(routeNamespace); // a new object: the rule's fields are added to it, not copied
    if (this.weight !== undefined) ref.weight = this.weight;
    if (filters && filters.length > 0) ref.filters = filters.map((f) => ({ ...f.manifest }));
    return ref;
  }

  /** Identity of the referent, e.g. `/Service/shop/cart`. @internal */
  public _key(routeNamespace: string | undefined): string {
    return `${this.group}/${this.kind}/${this.namespace ?? routeNamespace ?? ''}/${this.name}`;
  }
}

/** The port numbers of a Service construct, or `undefined` when they cannot be read. */
function servicePorts(service: IConstruct): number[] | undefined {
  return _servicePorts(service)?.map((p) => p.port);
}
