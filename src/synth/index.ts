/**
 * The synth layer: wires the engines (validation, analysis, feature lint) into cdk8s synth. The engines themselves
 * work on plain manifests and import no constructs; this folder is where constructs and engines meet.
 */
export * from './validation';
export * from './analysis';
