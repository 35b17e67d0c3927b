/**
 * The operator of a label selector requirement.
 */
export enum LabelSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (any value); `values` must be empty. */
  EXISTS = 'Exists',
  /** The label is absent; `values` must be empty. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One requirement of a label selector: a label key, an operator and values.
 */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to, e.g. `kubernetes.io/metadata.name`. */
  readonly key: string;

  /** How the label's value relates to `values`. */
  readonly operator: LabelSelectorOperator;

  /**
   * The values; non-empty for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`.
   * @default - no values
   */
  readonly values?: string[];
}

/**
 * Selects namespaces by their labels (a Kubernetes label selector). All `matchLabels` and `matchExpressions`
 * requirements are ANDed. Every namespace carries the label `kubernetes.io/metadata.name: <name>` (set by
 * Kubernetes since 1.22), so a selector on that key selects namespaces by name.
 */
export interface NamespaceSelector {
  /**
   * Labels the namespace must have, with exactly these values.
   * @default - no label requirements
   */
  readonly matchLabels?: { [key: string]: string };

  /**
   * Further requirements on the namespace's labels.
   * @default - no expression requirements
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
}
