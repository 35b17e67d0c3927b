import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as gatewayapi from '../../imports/standard/gateway.networking.k8s.io';
import { _adopt } from '../core/epoch';
import { GATEWAY_API_GROUP } from '../core/names';
import { IRoute } from '../core/route';

/**
 * The HTTPRoute that `PlatformGateway.redirectHttpToHttps()` creates: it attaches to the Gateway's HTTP listeners
 * and answers every request with a redirect to https. It is an `IRoute`, so policies can target it
 * (`PolicyTarget.fromRoute(redirect)`); `apiObject` is the escape hatch for JSON patches.
 *
 * Support: Core (RequestRedirect; scheme and port are Extended).
 */
export class HttpsRedirectRoute extends Construct implements IRoute {
  /** @internal */
  public static _create(scope: Construct, id: string, name: string, namespace: string | undefined, spec: () => any): HttpsRedirectRoute {
    return new HttpsRedirectRoute(scope, id, name, namespace, spec);
  }

  /** The route's API group (`gateway.networking.k8s.io`). */
  public readonly routeGroup: string = GATEWAY_API_GROUP;

  /** The route's kind: `HTTPRoute`. */
  public readonly routeKind: string = 'HTTPRoute';

  /** The route's name. */
  public readonly routeName: string;

  /**
   * The route's namespace: the Gateway's.
   * @default - no namespace (the namespace of the kubectl context at apply time)
   */
  public readonly routeNamespace?: string;

  /** The L1 HTTPRoute (child id `Resource`): the escape hatch for JSON patches. */
  public readonly apiObject: ApiObject;

  private constructor(scope: Construct, id: string, name: string, namespace: string | undefined, spec: () => any) {
    super(scope, id);
    this.routeName = name;
    this.routeNamespace = namespace;
    this.apiObject = new gatewayapi.HttpRoute(this, 'Resource', {
      metadata: { name, namespace },
      spec: Lazy.any({ produce: spec }),
    });
    _adopt(this.apiObject);
  }
}
