import { Duration } from 'cdk8s';

/**
 * external-dns settings for a Gateway, written as `external-dns.alpha.kubernetes.io/*` annotations on it.
 * external-dns (with the `gateway-httproute` / `gateway-tlsroute` / ... sources) publishes DNS records for the
 * hostnames of the routes attached to the Gateway; these annotations add hostnames, override the record target
 * or set the TTL.
 */
export interface ExternalDnsOptions {
  /**
   * Extra hostnames to publish (`external-dns.alpha.kubernetes.io/hostname`, comma-separated); wildcards allowed.
   * @default - only the hostnames of the attached routes
   */
  readonly hostnames?: string[];

  /**
   * The record target (`external-dns.alpha.kubernetes.io/target`): an IP address or hostname, or several separated
   * by commas.
   * @default - the Gateway's status addresses
   */
  readonly target?: string;

  /**
   * The TTL of the records (`external-dns.alpha.kubernetes.io/ttl`), in whole seconds.
   * @default - the provider's default TTL
   */
  readonly ttl?: Duration;
}
