/**
 * Pins the cdk8s behaviour src/core/epoch.ts relies on (see its header). A cdk8s upgrade that changes one of these
 * fails here first; update epoch.ts (and this test) with it.
 */
import { ApiObject, ApiObjectMetadataDefinition, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { _METADATA_FIELDS, _METADATA_MUTATORS, _synthFingerprint } from '../../src/core/epoch';

const methods = (proto: object) => Object.getOwnPropertyNames(proto).filter((n) => typeof (proto as any)[n] === 'function' && n !== 'constructor').sort();

describe('the cdk8s internals src/core/epoch.ts relies on', () => {
  test('ApiObject has exactly the methods it knows (addJsonPatch is the only mutator of the render besides metadata)', () => {
    expect(methods(ApiObject.prototype)).toStrictEqual(['addDependency', 'addJsonPatch', 'toJson']);
  });

  test('ApiObjectMetadataDefinition has exactly the mutators _adopt wraps, plus getLabel and toJson', () => {
    expect(methods(ApiObjectMetadataDefinition.prototype)).toStrictEqual([..._METADATA_MUTATORS, 'getLabel', 'toJson'].sort());
  });

  test('an ApiObject keeps its JSON patches in a `patches` array and its metadata in the known fields', () => {
    const obj = new ApiObject(Testing.chart(), 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect((obj as any).patches).toStrictEqual([]);
    obj.addJsonPatch(JsonPatch.add('/data', {}));
    expect((obj as any).patches).toHaveLength(1);
    expect(Object.keys(obj.metadata).join(',')).toBe(_METADATA_FIELDS);
  });

  test('app.synthYaml() validates the app once, then once more per chart; chart.toJson() once', () => {
    const app = new App();
    const charts = [new Chart(app, 'a'), new Chart(app, 'b'), new Chart(app, 'c')];
    let passes = 0;
    app.node.addValidation({ validate: () => { passes++; return []; } });
    app.synthYaml();
    expect(passes).toBe(charts.length + 1);
    passes = 0;
    charts[0].toJson();
    expect(passes).toBe(1);
  });

  test('cdk8s renders each object once per synth for output (so a render handed out for it is used once)', () => {
    const app = new App();
    const chart = new Chart(app, 'a');
    const obj = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    const toJson = jest.spyOn(obj, 'toJson');
    app.synthYaml();
    expect(toJson).toHaveBeenCalledTimes(1);
  });

  test('the fingerprint changes with a JSON patch or a metadata change of any ApiObject, and with a construct added deep down', () => {
    const app = new App();
    const chart = new Chart(app, 'a');
    const obj = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    const seen = new Set([_synthFingerprint(app)]);
    expect(seen.has(_synthFingerprint(app))).toBe(true); // stable while nothing changes
    obj.addJsonPatch(JsonPatch.add('/data', {}));
    expect(seen.has(_synthFingerprint(app))).toBe(false);
    seen.add(_synthFingerprint(app));
    obj.metadata.addAnnotation('a', 'b');
    expect(seen.has(_synthFingerprint(app))).toBe(false);
    seen.add(_synthFingerprint(app));
    new ApiObject(new Chart(chart, 'nested'), 'deep', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(seen.has(_synthFingerprint(app))).toBe(false);
  });
});
