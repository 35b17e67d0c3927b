import { Construct } from 'constructs';
import { checkNamespace } from './validate';
import { _resolveNamespace, _validateObjectName, GATEWAY_API_GROUP } from '../../core/names';
import { IRoute } from '../../core/route';

/**
 * A route imported by name (`fromXName()`).
 */
export class ImportedRoute extends Construct implements IRoute {
  public readonly routeGroup = GATEWAY_API_GROUP;
  public readonly routeKind: string;
  public readonly routeName: string;
  public readonly routeNamespace?: string;

  public constructor(scope: Construct, id: string, kind: string, name: string, namespace?: string) {
    super(scope, id);
    _validateObjectName(this.node.path, 'name', name);
    if (namespace !== undefined) checkNamespace(this.node.path, 'namespace', namespace);
    this.routeKind = kind;
    this.routeName = name;
    this.routeNamespace = _resolveNamespace(this, namespace);
  }
}
