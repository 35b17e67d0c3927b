/**
 * The Gateway API release channel whose CRDs the validation uses.
 *
 * The experimental channel is a superset of the standard one: its CRDs add fields, enum values and kinds
 * (e.g. HTTPRoute `retry`, the `ExternalAuth` filter, `XBackendTrafficPolicy`). Validate with the channel of
 * the CRDs installed in your cluster.
 */
export enum ValidationChannel {
  /** The standard channel CRDs (the default). */
  STANDARD = 'standard',
  /** The experimental channel CRDs. */
  EXPERIMENTAL = 'experimental',
}

/** One violation found in a manifest. */
export interface ValidationError {
  /**
   * The JSON path of the offending field, in the API server's notation
   * (e.g. `spec.rules[0].matches[1].path.value`); empty when the whole document is concerned.
   */
  readonly path: string;

  /**
   * What is wrong and how to fix it: for `x-kubernetes-validations` rules the rule's own message (as the API
   * server reports it), for schema violations the API server's wording (`Unsupported value: "Foo": supported
   * values: ...`, `Required value`, ...).
   */
  readonly message: string;
}

/** The outcome of validating one manifest. */
export interface ValidationResult {
  /** True when the manifest has no errors (skipped manifests are valid). */
  readonly valid: boolean;

  /**
   * True when the manifest is not a Gateway API object (another API group), so it was not checked.
   */
  readonly skipped: boolean;

  /** The violations, in a deterministic order (by field path, then schema order). */
  readonly errors: ValidationError[];

  /** Warnings that do not make the manifest invalid (e.g. a deprecated API version). */
  readonly warnings: string[];

  /** The channel the manifest was validated against. */
  readonly channel: ValidationChannel;

  /** `apiVersion` of the manifest, when it has one. */
  readonly apiVersion?: string;

  /** `kind` of the manifest, when it has one. */
  readonly kind?: string;

  /** `metadata.name` of the manifest, when it has one. */
  readonly name?: string;

  /** `metadata.namespace` of the manifest, when it has one. */
  readonly namespace?: string;
}

/** Options of a `GatewayApiValidator`. */
export interface GatewayApiValidatorOptions {
  /**
   * The release channel whose CRDs the manifests are validated against.
   * @default ValidationChannel.STANDARD
   */
  readonly channel?: ValidationChannel;
}
