import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The validation errors of every construct in `scope` (what `app.synth()` would report). */
export function validationErrors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.validate());
}

/** The synthesized objects of the whole app of `scope`. */
export function synthApp(scope: IConstruct): any[] {
  const app = scope.node.root as App;
  return app.charts.flatMap((c) => c.toJson());
}

/** The synthesized JSON of the ApiObject of an L2 construct. */
export function json(construct: IConstruct): any {
  return ApiObject.of(construct).toJson();
}

/** An app with one chart in `namespace`. */
export function chartIn(namespace?: string, id = 'test'): Chart {
  const app = Testing.app();
  return new Chart(app, id, namespace ? { namespace } : {});
}
