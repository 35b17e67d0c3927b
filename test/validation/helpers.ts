import * as fs from 'fs';
import * as YAML from 'yaml';
import { GatewayApiValidator, ValidationChannel, ValidationError, ValidationResult } from '../../src/validation';

export const standard = new GatewayApiValidator();
export const experimental = new GatewayApiValidator({ channel: ValidationChannel.EXPERIMENTAL });

export const V1 = 'gateway.networking.k8s.io/v1';

/** The non-empty YAML documents of a file. */
export function documents(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS()).filter((d) => d !== null);
}

export function httpRoute(spec: any, name = 'route'): any {
  return { apiVersion: V1, kind: 'HTTPRoute', metadata: { name, namespace: 'default' }, spec };
}

export function gateway(spec: any, name = 'gateway'): any {
  return { apiVersion: V1, kind: 'Gateway', metadata: { name, namespace: 'default' }, spec: { gatewayClassName: 'example', ...spec } };
}

/** `path: message` lines of a result, for readable assertions. */
export function lines(result: ValidationResult): string[] {
  return result.errors.map((e: ValidationError) => `${e.path}: ${e.message}`);
}

/** Validates with the standard channel and returns the error lines. */
export function errorsOf(manifest: any, validator: GatewayApiValidator = standard): string[] {
  return lines(validator.validate(manifest));
}

export const RULES_NOT_CHECKED =
  ': some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
