import { NamespaceSelector } from './namespace-selector';
import { copySelector, namedSelector } from './private/selector';

/**
 * The namespaces whose ListenerSets may attach to a Gateway (`allowedListeners.namespaces`).
 */
export class ListenerNamespaces {
  /** No ListenerSets: only the Gateway's own listeners (`from: None`); what the API server uses when unset. */
  public static none(): ListenerNamespaces {
    return new ListenerNamespaces('None');
  }

  /** ListenerSets in the Gateway's own namespace (`from: Same`). */
  public static same(): ListenerNamespaces {
    return new ListenerNamespaces('Same');
  }

  /** ListenerSets in every namespace (`from: All`). */
  public static all(): ListenerNamespaces {
    return new ListenerNamespaces('All');
  }

  /** ListenerSets in the namespaces that carry all these labels (`from: Selector` with `matchLabels`). */
  public static withLabels(labels: { [key: string]: string }): ListenerNamespaces {
    return new ListenerNamespaces('Selector', copySelector('ListenerNamespaces.withLabels()', { matchLabels: labels }));
  }

  /** ListenerSets in the namespaces a label selector selects (`from: Selector`). */
  public static selector(selector: NamespaceSelector): ListenerNamespaces {
    return new ListenerNamespaces('Selector', copySelector('ListenerNamespaces.selector()', selector));
  }

  /** ListenerSets in the named namespaces only (a selector on `kubernetes.io/metadata.name`). */
  public static named(names: string[]): ListenerNamespaces {
    return new ListenerNamespaces('Selector', namedSelector('ListenerNamespaces.named()', names));
  }

  /** @internal */
  public readonly _from: string;
  /** @internal */
  public readonly _selector?: NamespaceSelector;

  private constructor(from: string, selector?: NamespaceSelector) {
    this._from = from;
    this._selector = selector;
  }
}

/**
 * Which ListenerSets may attach to a Gateway (`allowedListeners`).
 */
export interface AllowedListeners {
  /** The namespaces whose ListenerSets may attach. */
  readonly namespaces: ListenerNamespaces;
}
