import { _validateObjectName } from '../core/names';

/**
 * The cert-manager issuer that issues a Gateway's listener certificates. cert-manager's gateway-shim watches
 * Gateways with the `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer` annotation and creates a
 * Certificate for each HTTPS listener with a hostname, stored in the Secret its `certificateRefs` name.
 *
 * Requires cert-manager with Gateway API support enabled (`--enable-gateway-api`).
 */
export class CertManagerIssuer {
  /** A cluster-wide `ClusterIssuer` (annotation `cert-manager.io/cluster-issuer`). */
  public static clusterIssuer(name: string): CertManagerIssuer {
    _validateObjectName('CertManagerIssuer.clusterIssuer()', 'name', name);
    return new CertManagerIssuer('cert-manager.io/cluster-issuer', name);
  }

  /** An `Issuer` in the Gateway's namespace (annotation `cert-manager.io/issuer`). */
  public static issuer(name: string): CertManagerIssuer {
    _validateObjectName('CertManagerIssuer.issuer()', 'name', name);
    return new CertManagerIssuer('cert-manager.io/issuer', name);
  }

  /** The annotation key, `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer`. */
  public readonly annotationKey: string;

  /** The issuer's name. */
  public readonly name: string;

  private constructor(annotationKey: string, name: string) {
    this.annotationKey = annotationKey;
    this.name = name;
  }
}
