import { CaCertificateRef, CertificateRef } from './certificate-ref';

/**
 * How a Gateway treats client certificates (`mode` of frontend TLS validation).
 */
export enum FrontendValidationMode {
  /** Accept connections only with a client certificate that validates against the CA certificates. */
  ALLOW_VALID_ONLY = 'AllowValidOnly',
  /**
   * Accept connections even without a valid client certificate (client authorization is left to the backends).
   * A significant security risk: for testing or temporary use.
   */
  ALLOW_INSECURE_FALLBACK = 'AllowInsecureFallback',
}

/**
 * Client-certificate validation (mutual TLS) for the HTTPS listeners of a Gateway.
 *
 * Support: Core.
 */
export interface FrontendTlsValidation {
  /**
   * The CA certificate bundles (1 to 16) client certificates are validated against.
   *
   * Support: Core for one ConfigMap with the bundle in key `ca.crt`; implementation-specific otherwise.
   */
  readonly caCertificateRefs: CaCertificateRef[];

  /**
   * Whether clients without a valid certificate are rejected.
   * @default - FrontendValidationMode.ALLOW_VALID_ONLY (the API server's default; not written out)
   */
  readonly mode?: FrontendValidationMode;
}

/**
 * Client-certificate validation for the HTTPS listeners on one port (`tls.frontend.perPort[]`), overriding the
 * Gateway's default validation.
 */
export interface PortFrontendTlsValidation extends FrontendTlsValidation {
  /** The port whose HTTPS listeners use this validation. */
  readonly port: number;
}

/**
 * TLS settings of a whole Gateway (`spec.tls`).
 *
 * Support: Extended.
 */
export interface GatewayTlsConfig {
  /**
   * The client certificate the Gateway presents to backends that ask for one (`tls.backend.clientCertificateRef`),
   * a Secret of type `kubernetes.io/tls`. Which backends are reached over TLS is decided by BackendTLSPolicies.
   *
   * Support: Core.
   * @default - no client certificate
   */
  readonly backendClientCertificateRef?: CertificateRef;

  /**
   * The default client-certificate validation of all HTTPS listeners (`tls.frontend.default.validation`).
   * @default - clients are not asked for certificates
   */
  readonly frontendValidation?: FrontendTlsValidation;

  /**
   * Per-port client-certificate validation overriding `frontendValidation` (`tls.frontend.perPort`, at most 64,
   * one per port). Requires `frontendValidation`.
   * @default - none
   */
  readonly frontendValidationPerPort?: PortFrontendTlsValidation[];
}
