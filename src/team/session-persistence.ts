import { Duration } from 'cdk8s';
import { checkLength, compact, fail, gatewayDuration } from './private/validate';

/**
 * How long a session cookie lives.
 */
export enum CookieLifetime {
  /** The cookie ends with the browser session. Support: Core. */
  SESSION = 'Session',
  /** The cookie lives until `absoluteTimeout` (which is then required). Support: Extended. */
  PERMANENT = 'Permanent',
}

/**
 * Options shared by the session persistence types.
 */
export interface SessionPersistenceOptions {
  /**
   * The name of the cookie or header that carries the session. Support: Implementation-specific.
   * @default - chosen by the implementation
   */
  readonly sessionName?: string;

  /**
   * How long a session lasts in total. Support: Extended.
   * @default - no limit
   */
  readonly absoluteTimeout?: Duration;
}

/**
 * Options of cookie-based session persistence.
 */
export interface CookieSessionPersistenceOptions extends SessionPersistenceOptions {
  /**
   * The lifetime of the cookie; `PERMANENT` requires `absoluteTimeout`.
   * @default - not written (the Gateway API default is `Session`)
   */
  readonly lifetime?: CookieLifetime;
}

/**
 * Session persistence (`sessionPersistence`): requests of one session go to the same backend endpoint.
 *
 * Experimental channel only: needs the experimental Gateway API CRDs. Support: Extended.
 */
export class SessionPersistence {
  /** Sessions identified by a cookie that the gateway sets. Support: Core (among implementations of the feature). */
  public static cookie(options: CookieSessionPersistenceOptions = {}): SessionPersistence {
    const where = 'SessionPersistence.cookie()';
    if (options.lifetime === CookieLifetime.PERMANENT && options.absoluteTimeout === undefined) {
      fail(where, 'a Permanent cookie needs absoluteTimeout: set it (e.g. Duration.hours(8)) or use CookieLifetime.SESSION.');
    }
    return new SessionPersistence(where, 'Cookie', options, options.lifetime);
  }

  /** Sessions identified by a header the client sends. Support: Extended. */
  public static header(options: SessionPersistenceOptions = {}): SessionPersistence {
    return new SessionPersistence('SessionPersistence.header()', 'Header', options);
  }

  /** `Cookie` or `Header`. */
  public readonly type: string;

  private readonly rendered: any;

  private constructor(where: string, type: string, options: SessionPersistenceOptions, lifetime?: CookieLifetime) {
    if (options.sessionName !== undefined) checkLength(where, 'sessionName', options.sessionName, 1, 128);
    this.type = type;
    this.rendered = compact({
      type,
      sessionName: options.sessionName,
      absoluteTimeout: options.absoluteTimeout ? gatewayDuration(where, 'absoluteTimeout', options.absoluteTimeout) : undefined,
      cookieConfig: lifetime ? { lifetimeType: lifetime } : undefined,
    });
  }

  /** @internal */
  public _render(): any {
    return { ...this.rendered };
  }
}
