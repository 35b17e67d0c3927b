import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewayApiValidation, IRouteParent, RouteAttachmentRequest, ValidationChannel } from '../../src';

/** A minimal Gateway double: records the attachment requests and answers with canned rejections. */
export class FakeGateway extends Construct implements IRouteParent {
  public readonly routeParentGroup: string;
  public readonly routeParentKind: string;
  public readonly routeParentName: string;
  public readonly routeParentNamespace?: string;
  public readonly requests: RouteAttachmentRequest[] = [];
  public rejections: string[] = [];

  constructor(scope: Construct, id: string, props: { name: string; namespace?: string; kind?: string; group?: string; reject?: string[] }) {
    super(scope, id);
    this.routeParentName = props.name;
    this.routeParentNamespace = props.namespace;
    this.routeParentKind = props.kind ?? 'Gateway';
    this.routeParentGroup = props.group ?? 'gateway.networking.k8s.io';
    this.rejections = props.reject ?? [];
  }

  public checkRouteAttachment(request: RouteAttachmentRequest): string[] {
    this.requests.push(request);
    return this.rejections;
  }
}

/** An app with a chart per namespace. */
export function charts(...namespaces: Array<string | undefined>): { app: App; charts: Chart[] } {
  const app = Testing.app();
  return { app, charts: namespaces.map((ns, i) => new Chart(app, ns ?? `chart${i}`, ns ? { namespace: ns } : {})) };
}

/** The validation errors of every construct under `scope` (what `app.synth()` reports). */
export function validationErrors(scope: Construct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.validate());
}

/** The objects of every chart of the app. */
export function objects(app: App): any[] {
  return app.charts.flatMap((c) => c.toJson());
}

/** The spec of the only object of `kind` in the app. */
export function specOf(app: App, kind: string): any {
  const found = objects(app).filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0].spec;
}

/**
 * A test chart whose objects are validated against the experimental channel (for experimental fields and
 * versions: retry, sessionPersistence, ExternalAuth, TLSRoute v1alpha2/v1alpha3, ...).
 */
export function experimentalChart(): Chart {
  const chart = Testing.chart();
  GatewayApiValidation.enable(chart, { channel: ValidationChannel.EXPERIMENTAL });
  return chart;
}
