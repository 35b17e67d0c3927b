import { AllowedRoutes } from './allowed-routes';
import { CertificateRef } from './certificate-ref';

/**
 * How a TLS listener handles the TLS session (`tls.mode`).
 */
export enum ListenerTlsMode {
  /** The Gateway terminates TLS with the listener's certificates. */
  TERMINATE = 'Terminate',
  /** The Gateway passes the TLS stream through; it only reads the SNI of the ClientHello. */
  PASSTHROUGH = 'Passthrough',
}

/**
 * Options of a plain-HTTP listener.
 */
export interface HttpListenerOptions {
  /**
   * The listener's name, unique within the Gateway (or ListenerSet); routes select it with `sectionName`.
   * @default "http"
   */
  readonly name?: string;

  /**
   * The network port.
   * @default 80
   */
  readonly port?: number;

  /**
   * The hostname requests must match (the Host header): an RFC 1123 hostname, optionally with a leading wildcard
   * label (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`). Route hostnames must
   * intersect it.
   * @default - every hostname
   */
  readonly hostname?: string;

  /**
   * Which routes may attach.
   * @default - HTTPRoutes and GRPCRoutes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * Options of an HTTPS listener (TLS terminated at the Gateway).
 */
export interface HttpsListenerOptions {
  /**
   * The listener's name, unique within the Gateway (or ListenerSet); routes select it with `sectionName`.
   * @default "https"
   */
  readonly name?: string;

  /**
   * The network port.
   * @default 443
   */
  readonly port?: number;

  /**
   * The hostname requests must match (SNI and Host header), optionally with a leading wildcard label.
   * The certificate is selected by it.
   * @default - every hostname
   */
  readonly hostname?: string;

  /**
   * The certificates (and private keys) to terminate TLS with (`tls.certificateRefs`, at most 64). Required unless
   * `tlsOptions` configure certificates in an implementation-specific way.
   *
   * Support: Core for one Secret of type `kubernetes.io/tls`; implementation-specific for more or other kinds.
   * @default - none (then `tlsOptions` must be set)
   */
  readonly certificateRefs?: CertificateRef[];

  /**
   * Implementation-specific TLS settings (`tls.options`, at most 16), e.g. a minimum TLS version. Keys should be
   * domain-prefixed, e.g. `example.com/min-version`.
   *
   * Support: Implementation-specific.
   * @default - none
   */
  readonly tlsOptions?: { [key: string]: string };

  /**
   * Which routes may attach.
   * @default - HTTPRoutes and GRPCRoutes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * Options of a TLS listener (for TLSRoutes), in Terminate or Passthrough mode.
 */
export interface TlsListenerOptions {
  /**
   * The listener's name, unique within the Gateway (or ListenerSet); routes select it with `sectionName`.
   * @default "tls"
   */
  readonly name?: string;

  /**
   * The network port.
   * @default 443
   */
  readonly port?: number;

  /**
   * The hostname the SNI must match, optionally with a leading wildcard label.
   * @default - every hostname
   */
  readonly hostname?: string;

  /**
   * Terminate mode only: the certificates to terminate TLS with (at most 64); required unless `tlsOptions` are set.
   * Passthrough listeners take none (the backend terminates TLS).
   * @default - none
   */
  readonly certificateRefs?: CertificateRef[];

  /**
   * Implementation-specific TLS settings (`tls.options`, at most 16).
   *
   * Support: Implementation-specific.
   * @default - none
   */
  readonly tlsOptions?: { [key: string]: string };

  /**
   * Which routes may attach.
   * @default - TLSRoutes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * Options of a TCP listener (for TCPRoutes). TCP listeners have no hostname.
 */
export interface TcpListenerOptions {
  /**
   * The listener's name, unique within the Gateway (or ListenerSet).
   * @default "tcp"
   */
  readonly name?: string;

  /** The network port. */
  readonly port: number;

  /**
   * Which routes may attach.
   * @default - TCPRoutes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * Options of a UDP listener (for UDPRoutes). UDP listeners have no hostname.
 */
export interface UdpListenerOptions {
  /**
   * The listener's name, unique within the Gateway (or ListenerSet).
   * @default "udp"
   */
  readonly name?: string;

  /** The network port. */
  readonly port: number;

  /**
   * Which routes may attach.
   * @default - UDPRoutes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * Options of a listener with an implementation-specific protocol.
 */
export interface CustomListenerOptions {
  /** The listener's name, unique within the Gateway (or ListenerSet). */
  readonly name: string;

  /** The domain-prefixed protocol, e.g. `example.com/quic`. */
  readonly protocol: string;

  /** The network port. */
  readonly port: number;

  /**
   * The hostname to match, when the protocol has one.
   * @default - every hostname
   */
  readonly hostname?: string;

  /**
   * Which routes may attach; set `kinds`, since this library cannot tell which kinds suit the protocol.
   * @default - the implementation decides from the protocol; routes from the listener's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/**
 * A listener: a logical endpoint (protocol, port, optional hostname) where a Gateway or ListenerSet accepts
 * connections, and the routes it lets attach. Create one with a per-protocol factory, e.g.
 * `Listener.https({ hostname: '*.example.com', certificateRefs: [CertificateRef.fromName('wildcard')] })`,
 * and add it with `listeners` or `addListener()`.
 *
 * The listener is validated (with the construct path in the message) when it is added: name, port, hostname,
 * TLS settings, route kinds, and uniqueness within its Gateway or ListenerSet (the CRD's rules).
 *
 * Support: Core for HTTP, HTTPS, TLS Passthrough; Extended for TLS Terminate, TCP and UDP.
 */
export class Listener {
  /** A plain-HTTP listener (protocol `HTTP`, port 80 unless given). */
  public static http(options: HttpListenerOptions = {}): Listener {
    return new Listener({ name: options.name ?? 'http', protocol: 'HTTP', port: options.port ?? 80, hostname: options.hostname, allowedRoutes: options.allowedRoutes });
  }

  /** An HTTPS listener that terminates TLS (protocol `HTTPS`, port 443 unless given). */
  public static https(options: HttpsListenerOptions): Listener {
    return new Listener({
      name: options.name ?? 'https',
      protocol: 'HTTPS',
      port: options.port ?? 443,
      hostname: options.hostname,
      allowedRoutes: options.allowedRoutes,
      certificateRefs: options.certificateRefs,
      tlsOptions: options.tlsOptions,
    });
  }

  /** A TLS listener that passes the TLS stream through to the backend (protocol `TLS`, mode `Passthrough`). */
  public static tlsPassthrough(options: TlsListenerOptions = {}): Listener {
    return new Listener({
      name: options.name ?? 'tls',
      protocol: 'TLS',
      port: options.port ?? 443,
      hostname: options.hostname,
      allowedRoutes: options.allowedRoutes,
      tlsMode: ListenerTlsMode.PASSTHROUGH,
      certificateRefs: options.certificateRefs,
      tlsOptions: options.tlsOptions,
    });
  }

  /** A TLS listener that terminates TLS and forwards the stream (protocol `TLS`, mode `Terminate`). */
  public static tlsTerminate(options: TlsListenerOptions): Listener {
    return new Listener({
      name: options.name ?? 'tls',
      protocol: 'TLS',
      port: options.port ?? 443,
      hostname: options.hostname,
      allowedRoutes: options.allowedRoutes,
      tlsMode: ListenerTlsMode.TERMINATE,
      certificateRefs: options.certificateRefs,
      tlsOptions: options.tlsOptions,
    });
  }

  /** A TCP listener (protocol `TCP`). */
  public static tcp(options: TcpListenerOptions): Listener {
    return new Listener({ name: options.name ?? 'tcp', protocol: 'TCP', port: options.port, allowedRoutes: options.allowedRoutes });
  }

  /** A UDP listener (protocol `UDP`). */
  public static udp(options: UdpListenerOptions): Listener {
    return new Listener({ name: options.name ?? 'udp', protocol: 'UDP', port: options.port, allowedRoutes: options.allowedRoutes });
  }

  /** A listener with an implementation-specific, domain-prefixed protocol. */
  public static custom(options: CustomListenerOptions): Listener {
    return new Listener({ ...options });
  }

  /** The listener's name. */
  public readonly name: string;

  /** The protocol: `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP` or a domain-prefixed one. */
  public readonly protocol: string;

  /** The network port. */
  public readonly port: number;

  /**
   * The hostname to match.
   * @default - every hostname
   */
  public readonly hostname?: string;

  /**
   * The TLS mode, for `TLS` listeners (`HTTPS` listeners always terminate and leave it unset).
   * @default - unset
   */
  public readonly tlsMode?: ListenerTlsMode;

  /**
   * Which routes may attach.
   * @default - the kinds the protocol implies, from the listener's own namespace
   */
  public readonly allowedRoutes?: AllowedRoutes;

  /** The certificates TLS is terminated with. */
  public readonly certificateRefs: CertificateRef[];

  /**
   * Implementation-specific TLS settings.
   * @default - none
   */
  public readonly tlsOptions?: { [key: string]: string };

  private constructor(props: ListenerInit) {
    this.name = props.name;
    this.protocol = props.protocol;
    this.port = props.port;
    this.hostname = props.hostname;
    this.tlsMode = props.tlsMode;
    this.allowedRoutes = props.allowedRoutes
      ? { namespaces: props.allowedRoutes.namespaces, kinds: props.allowedRoutes.kinds ? [...props.allowedRoutes.kinds] : undefined }
      : undefined;
    this.certificateRefs = [...(props.certificateRefs ?? [])];
    this.tlsOptions = props.tlsOptions ? { ...props.tlsOptions } : undefined;
  }
}

interface ListenerInit {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly hostname?: string;
  readonly tlsMode?: ListenerTlsMode;
  readonly allowedRoutes?: AllowedRoutes;
  readonly certificateRefs?: CertificateRef[];
  readonly tlsOptions?: { [key: string]: string };
}
