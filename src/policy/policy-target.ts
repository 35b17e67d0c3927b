import { IConstruct } from 'constructs';
import { _kubeObjectOf, _servicePorts } from '../core/kube-objects';
import { IRoute } from '../core/route';
import { IRouteParent } from '../core/route-parent';
import { checkGroup, checkKind, checkNamespace, checkRefName, checkSectionName, quoteList } from '../platform/private/validation';

/**
 * Options of a policy target.
 */
export interface PolicyTargetOptions {
  /**
   * A section of the target: a listener name for a Gateway or ListenerSet, a rule name for an HTTPRoute, a port name
   * for a Service.
   * @default - the whole target
   */
  readonly sectionName?: string;
}

/**
 * A policy target by group, kind and name.
 */
export interface PolicyTargetProps {
  /** The API group of the target; `""` for the core group (Service). */
  readonly group: string;

  /** The kind of the target, e.g. `Service`, `Gateway` or `HTTPRoute`. */
  readonly kind: string;

  /** The name of the target. */
  readonly name: string;

  /**
   * A section of the target (listener, rule or port name).
   * @default - the whole target
   */
  readonly sectionName?: string;

  /**
   * The namespace of the target when known. Policies attach to objects in their own namespace only, so a target in
   * another namespace is an error.
   * @default - the policy's namespace
   */
  readonly namespace?: string;
}

/**
 * The object a policy applies to (an entry of `spec.targetRefs`, or `spec.targetRef`): a Service, a Gateway or
 * ListenerSet, a route, or any object by group, kind and name, optionally narrowed to a section.
 *
 * Policies attach to objects in their own namespace only (local policy target references).
 */
export class PolicyTarget {
  /**
   * A Service of this app: a cdk8s-plus Service of any cdk8s-plus line (28–33), a `KubeService`, or any construct
   * whose default child is a v1 Service `ApiObject`. A `sectionName` must name one of its ports.
   */
  public static fromService(service: IConstruct, options: PolicyTargetOptions = {}): PolicyTarget {
    const o = _kubeObjectOf(service, 'Service', `PolicyTarget.fromService(${service.node.path})`, false);
    if (options.sectionName !== undefined) {
      const names = (_servicePorts(service) ?? []).map((p) => p.name).filter((n): n is string => n !== undefined);
      if (!names.includes(options.sectionName)) {
        throw new Error(
          `${service.node.path}: PolicyTarget.fromService() sectionName "${options.sectionName}" names no port of Service "${o.name}"` +
          (names.length > 0 ? `: use one of ${quoteList(names)}.` : ': its ports have no names; name the port (ports: [{ name, port }]).'),
        );
      }
    }
    return PolicyTarget.of({ group: '', kind: 'Service', name: o.name, sectionName: options.sectionName, namespace: o.namespace });
  }

  /** A Service by name, in the policy's namespace. */
  public static fromServiceName(name: string, options: PolicyTargetOptions = {}): PolicyTarget {
    return PolicyTarget.of({ group: '', kind: 'Service', name, sectionName: options.sectionName });
  }

  /**
   * A Gateway or ListenerSet (any `IRouteParent`). With a `sectionName`, the listener must exist (checked at synth
   * for Gateways and ListenerSets of this app).
   */
  public static fromGateway(gateway: IRouteParent, options: PolicyTargetOptions = {}): PolicyTarget {
    const t = PolicyTarget.of({
      group: gateway.routeParentGroup,
      kind: gateway.routeParentKind,
      name: gateway.routeParentName,
      sectionName: options.sectionName,
      namespace: gateway.routeParentNamespace,
    });
    t._parent = gateway;
    return t;
  }

  /** A route (HTTPRoute, GRPCRoute, ...); `sectionName` names a rule. */
  public static fromRoute(route: IRoute, options: PolicyTargetOptions = {}): PolicyTarget {
    return PolicyTarget.of({
      group: route.routeGroup,
      kind: route.routeKind,
      name: route.routeName,
      sectionName: options.sectionName,
      namespace: route.routeNamespace,
    });
  }

  /** Any object by group, kind and name. */
  public static of(props: PolicyTargetProps): PolicyTarget {
    const where = `PolicyTarget(${props.kind} ${props.name})`;
    checkGroup(where, 'group', props.group);
    checkKind(where, 'kind', props.kind);
    checkRefName(where, 'name', props.name);
    if (props.sectionName !== undefined) checkSectionName(where, 'sectionName', props.sectionName);
    if (props.namespace !== undefined) checkNamespace(where, 'namespace', props.namespace);
    return new PolicyTarget(props);
  }

  /** The API group of the target. */
  public readonly group: string;
  /** The kind of the target. */
  public readonly kind: string;
  /** The name of the target. */
  public readonly name: string;
  /**
   * The section of the target.
   * @default - the whole target
   */
  public readonly sectionName?: string;
  /**
   * The namespace of the target, when known.
   * @default - the policy's namespace
   */
  public readonly namespace?: string;

  /** @internal */
  public _parent?: IRouteParent;

  private constructor(props: PolicyTargetProps) {
    this.group = props.group;
    this.kind = props.kind;
    this.name = props.name;
    this.sectionName = props.sectionName;
    this.namespace = props.namespace;
  }
}
