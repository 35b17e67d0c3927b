import { IConstruct } from 'constructs';
import { checkGroup, checkKind, checkNamespace, checkRefName } from './private/validation';
import { _kubeObjectOf } from '../core/kube-objects';

/**
 * A reference to an object by group, kind, name and (optionally) namespace.
 */
export interface ObjectRefProps {
  /**
   * The API group of the referent; `""` for the core group.
   * @default "" (the core group)
   */
  readonly group?: string;

  /**
   * The kind of the referent.
   * @default "Secret" for `CertificateRef.of()`, "ConfigMap" for `CaCertificateRef.of()`
   */
  readonly kind?: string;

  /** The name of the referent. */
  readonly name: string;

  /**
   * The namespace of the referent. A namespace other than the referrer's needs a ReferenceGrant in the referent's
   * namespace, which this library creates (see `ReferenceGrants`).
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/**
 * Options of a reference by name (`CertificateRef.fromName()`, `CaCertificateRef.fromConfigMapName()`, …).
 */
export interface NamedRefOptions {
  /**
   * The referent's namespace. A namespace other than the referrer's needs a ReferenceGrant in the referent's
   * namespace (see `ReferenceGrants`).
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/**
 * A reference to a TLS certificate and private key: a Kubernetes Secret of type `kubernetes.io/tls` (Core support)
 * or an implementation-specific object, used by listener `tls.certificateRefs` and the Gateway's backend client
 * certificate.
 *
 * A certificate in another namespace needs a ReferenceGrant in that namespace; the Gateway (or ListenerSet) creates
 * a least-privilege one through `ReferenceGrants.ensure()` unless automatic grants are off.
 */
export class CertificateRef {
  /**
   * A Secret by name, e.g. `CertificateRef.fromName('wildcard-example-com', { namespace: 'certs' })`.
   * @param name the Secret's name
   */
  public static fromName(name: string, options: NamedRefOptions = {}): CertificateRef {
    return CertificateRef.of({ name, namespace: options.namespace });
  }

  /**
   * A Secret of this app: a cdk8s-plus Secret of any cdk8s-plus line (28–33, e.g. a `TlsSecret`), a `KubeSecret`,
   * or any construct whose default child is a v1 Secret `ApiObject`. Its namespace is the one it is synthesized in;
   * an imported cdk8s-plus Secret (`Secret.fromSecretName()`) is taken to be in the referrer's namespace. A Secret in
   * another namespace gets its ReferenceGrant in the chart that owns the Secret (see `ReferenceGrants`).
   */
  public static fromSecret(secret: IConstruct): CertificateRef {
    const o = _kubeObjectOf(secret, 'Secret', `CertificateRef.fromSecret(${secret.node.path})`, true);
    return new CertificateRef(validateRef('CertificateRef', { name: o.name, namespace: o.namespace }, 'Secret'), o.apiObject ? secret : undefined);
  }

  /** Any object by group, kind and name (implementation-specific support for kinds other than Secret). */
  public static of(props: ObjectRefProps): CertificateRef {
    return new CertificateRef(validateRef('CertificateRef', props, 'Secret'));
  }

  /** The API group of the referent (`""` for Secrets). */
  public readonly group: string;
  /** The kind of the referent. */
  public readonly kind: string;
  /** The name of the referent. */
  public readonly name: string;
  /**
   * The namespace of the referent.
   * @default - the referrer's namespace
   */
  public readonly namespace?: string;

  /**
   * The referent's construct, when it is an object of this app (its chart owns the ReferenceGrant).
   * @internal
   */
  public readonly _referent?: IConstruct;

  private constructor(ref: ObjectRefProps, referent?: IConstruct) {
    this.group = ref.group!;
    this.kind = ref.kind!;
    this.name = ref.name;
    this.namespace = ref.namespace;
    this._referent = referent;
  }
}

/**
 * A reference to a PEM-encoded CA certificate bundle (key `ca.crt`): a ConfigMap (Core support), a Secret or an
 * implementation-specific object. Used for frontend client-certificate validation on a Gateway and by
 * BackendTLSPolicy.
 */
export class CaCertificateRef {
  /**
   * A ConfigMap by name.
   * @param name the ConfigMap's name
   */
  public static fromConfigMapName(name: string, options: NamedRefOptions = {}): CaCertificateRef {
    return CaCertificateRef.of({ kind: 'ConfigMap', name, namespace: options.namespace });
  }

  /**
   * A ConfigMap of this app: a cdk8s-plus ConfigMap of any cdk8s-plus line (28–33), a `KubeConfigMap`, or any
   * construct whose default child is a v1 ConfigMap `ApiObject` (an imported cdk8s-plus ConfigMap is taken to be in
   * the referrer's namespace).
   */
  public static fromConfigMap(configMap: IConstruct): CaCertificateRef {
    return CaCertificateRef.fromObject('ConfigMap', configMap, 'fromConfigMap');
  }

  /**
   * A Secret by name (implementation-specific support).
   * @param name the Secret's name
   */
  public static fromSecretName(name: string, options: NamedRefOptions = {}): CaCertificateRef {
    return CaCertificateRef.of({ kind: 'Secret', name, namespace: options.namespace });
  }

  /**
   * A Secret of this app (implementation-specific support): a cdk8s-plus Secret of any cdk8s-plus line, a
   * `KubeSecret`, or any construct whose default child is a v1 Secret `ApiObject`.
   */
  public static fromSecret(secret: IConstruct): CaCertificateRef {
    return CaCertificateRef.fromObject('Secret', secret, 'fromSecret');
  }

  /** Any object by group, kind and name. */
  public static of(props: ObjectRefProps): CaCertificateRef {
    return new CaCertificateRef(validateRef('CaCertificateRef', props, 'ConfigMap'));
  }

  /** A v1 object of this app (or an imported cdk8s-plus one, taken to be in the referrer's namespace). */
  private static fromObject(kind: string, construct: IConstruct, factory: string): CaCertificateRef {
    const o = _kubeObjectOf(construct, kind, `CaCertificateRef.${factory}(${construct.node.path})`, true);
    return new CaCertificateRef(validateRef('CaCertificateRef', { kind, name: o.name, namespace: o.namespace }, 'ConfigMap'),
      o.apiObject ? construct : undefined);
  }

  /** The API group of the referent (`""` for ConfigMaps and Secrets). */
  public readonly group: string;
  /** The kind of the referent. */
  public readonly kind: string;
  /** The name of the referent. */
  public readonly name: string;
  /**
   * The namespace of the referent.
   * @default - the referrer's namespace
   */
  public readonly namespace?: string;

  /**
   * The referent's construct, when it is an object of this app (its chart owns the ReferenceGrant).
   * @internal
   */
  public readonly _referent?: IConstruct;

  private constructor(ref: ObjectRefProps, referent?: IConstruct) {
    this.group = ref.group!;
    this.kind = ref.kind!;
    this.name = ref.name;
    this.namespace = ref.namespace;
    this._referent = referent;
  }
}

function validateRef(cls: string, props: ObjectRefProps, defaultKind: string): ObjectRefProps {
  const where = `${cls}(${props.name})`;
  const group = props.group ?? '';
  const kind = props.kind ?? defaultKind;
  checkRefName(where, 'name', props.name);
  checkGroup(where, 'group', group);
  checkKind(where, 'kind', kind);
  if (props.namespace !== undefined) checkNamespace(where, 'namespace', props.namespace);
  return { group, kind, name: props.name, namespace: props.namespace };
}
