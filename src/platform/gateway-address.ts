import { isIP } from 'net';
import { checkHostname, DOMAIN_PREFIXED_PATH } from './private/validation';

/**
 * An address requested for a Gateway (`spec.addresses[]`): where traffic for the Gateway arrives, e.g. the IP of
 * an external load balancer. When none is requested, the implementation assigns addresses.
 *
 * Support: Extended.
 */
export class GatewayAddress {
  /** An IPv4 or IPv6 address (`type: IPAddress`). */
  public static ipAddress(value: string): GatewayAddress {
    if (isIP(value) === 0) {
      throw new Error(`GatewayAddress.ipAddress(): "${value}" is not an IPv4 or IPv6 address: use e.g. "203.0.113.10" or "2001:db8::1".`);
    }
    return new GatewayAddress('IPAddress', value);
  }

  /** A hostname (`type: Hostname`), e.g. the DNS name of a load balancer. */
  public static hostname(value: string): GatewayAddress {
    checkHostname('GatewayAddress.hostname()', 'address', value, true);
    return new GatewayAddress('Hostname', value);
  }

  /** A named address (`type: NamedAddress`), e.g. the name of a reserved IP in a cloud provider. */
  public static namedAddress(value: string): GatewayAddress {
    if (value.length === 0 || value.length > 253) {
      throw new Error(`GatewayAddress.namedAddress(): "${value}" must have 1..253 characters.`);
    }
    return new GatewayAddress('NamedAddress', value);
  }

  /**
   * An address of an implementation-specific, domain-prefixed type (e.g. `example.com/pool`).
   * @param type the domain-prefixed address type
   * @param value the address (default: the implementation assigns one of the type)
   */
  public static of(type: string, value?: string): GatewayAddress {
    if (!['IPAddress', 'Hostname', 'NamedAddress'].includes(type) && (type.length > 253 || !DOMAIN_PREFIXED_PATH.test(type))) {
      throw new Error(`GatewayAddress.of(): type "${type}" is not valid: use IPAddress, Hostname, NamedAddress or a domain-prefixed type such as "example.com/pool".`);
    }
    if (type === 'IPAddress' && value !== undefined) return GatewayAddress.ipAddress(value);
    if (type === 'Hostname' && value !== undefined) return GatewayAddress.hostname(value);
    if (value !== undefined && value.length > 253) throw new Error(`GatewayAddress.of(): value "${value}" has more than 253 characters.`);
    return new GatewayAddress(type, value);
  }

  /** The address type: `IPAddress`, `Hostname`, `NamedAddress` or a domain-prefixed type. */
  public readonly type: string;

  /**
   * The address.
   * @default - the implementation assigns one
   */
  public readonly value?: string;

  private constructor(type: string, value?: string) {
    this.type = type;
    this.value = value;
  }
}
