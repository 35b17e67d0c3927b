/** The source dialect. */
export type MigrationSource = 'auto' | 'ingress-nginx' | 'traefik' | 'ingress';

/** Options of the migration engine. */
export interface MigrateOptions {
  /** @default 'auto' */
  readonly from?: MigrationSource;
  /** The GatewayClass of the generated Gateways. @default - the IngressClass name */
  readonly gatewayClassName?: string;
  /** Attach every route to this existing Gateway instead of generating Gateways. */
  readonly gateway?: { namespace: string; name: string };
  /** The namespace of objects without one. @default 'default' */
  readonly defaultNamespace?: string;
  /**
   * Traefik entry points besides (or replacing) the defaults `web` (port 80) and `websecure` (443): their port and
   * transport (`tcp`, the default, or `udp`), as in Traefik's `address: ":8080/udp"`. Routers on an entry point that
   * is not known are reported, not guessed.
   */
  readonly entryPoints?: { readonly [name: string]: { readonly port: number; readonly protocol?: 'tcp' | 'udp' } };
}
