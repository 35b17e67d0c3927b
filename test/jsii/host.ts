/**
 * A jsii host as the Python, Java, .NET and Go bindings are: it starts the jsii runtime process and speaks its JSON
 * protocol on stdin/stdout (load, create, sinvoke, invoke, get, and callbacks into host-implemented overrides).
 * Values cross as the bindings send them: objects by reference (`$jsii.byref`), structs by value (`$jsii.struct`),
 * maps as `$jsii.map`, enums as `$jsii.enum`.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as readline from 'readline';

export interface ObjRef {
  readonly '$jsii.byref': string;
}

/** A host-side implementation of overridden members, keyed by the cookie sent with each override. */
export type Overrides = Record<string, (...args: any[]) => unknown>;

/** What a host subclass or interface implementation sends with `create`: the members it answers itself. */
export interface CreateOptions {
  readonly interfaces?: string[];
  readonly overrides?: Array<{ method?: string; property?: string; cookie: string }>;
  readonly handlers?: Overrides;
}

export const struct = (fqn: string, data: Record<string, unknown>) => ({ '$jsii.struct': { fqn, data } });
export const map = (data: Record<string, unknown>) => ({ '$jsii.map': data });
export const enumValue = (fqn: string, member: string) => ({ '$jsii.enum': `${fqn}/${member}` });

export class JsiiHost {
  /** Every callback the runtime made into the host: `cookie(args)`. */
  public readonly callbacks: string[] = [];
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting?: (line: string) => void;
  private readonly handlers = new Map<string, Overrides>();
  private stderr = '';

  constructor(runtime: string) {
    this.proc = spawn(process.execPath, [runtime], {
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
    });
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else {
        this.lines.push(line);
      }
    });
    this.proc.stderr.on('data', (d) => { this.stderr += d.toString(); });
  }

  public async hello(): Promise<string> {
    return JSON.parse(await this.next()).hello;
  }

  public async load(name: string, version: string, tarball: string): Promise<any> {
    return this.request({ api: 'load', name, version, tarball });
  }

  /** `new fqn(...args)`; `overrides` are the host-implemented members (as a Python subclass has), by cookie. */
  public async create(fqn: string, args: unknown[] = [], options: CreateOptions = {}): Promise<ObjRef> {
    const ref = await this.request({ api: 'create', fqn, args, interfaces: options.interfaces ?? [], overrides: options.overrides ?? [] });
    if (options.handlers) this.handlers.set(ref['$jsii.byref'], options.handlers);
    return ref;
  }

  public async sinvoke(fqn: string, method: string, args: unknown[] = []): Promise<any> {
    return (await this.request({ api: 'sinvoke', fqn, method, args })).result;
  }

  public async invoke(objref: ObjRef, method: string, args: unknown[] = []): Promise<any> {
    return (await this.request({ api: 'invoke', objref, method, args })).result;
  }

  public async get(objref: ObjRef, property: string): Promise<any> {
    return (await this.request({ api: 'get', objref, property })).value;
  }

  public close(): void {
    this.proc.stdin.end();
    this.proc.kill();
  }

  private async request(req: unknown): Promise<any> {
    this.proc.stdin.write(JSON.stringify(req) + '\n');
    for (;;) {
      const msg = JSON.parse(await this.next());
      if ('ok' in msg) return msg.ok;
      if ('error' in msg) throw new Error(`jsii: ${msg.error}`);
      if ('callback' in msg) {
        this.proc.stdin.write(JSON.stringify({ complete: await this.callback(msg.callback) }) + '\n');
        continue;
      }
      throw new Error(`jsii: unexpected message ${JSON.stringify(msg)}`);
    }
  }

  private async callback(cb: any): Promise<any> {
    const call = cb.invoke ?? cb.get ?? cb.set;
    const handler = this.handlers.get(call.objref['$jsii.byref'])?.[cb.cookie];
    this.callbacks.push(`${cb.cookie}(${JSON.stringify(cb.invoke?.args ?? [])})`);
    if (!handler) return { cbid: cb.cbid, err: `no host implementation for ${cb.cookie}` };
    try {
      return { cbid: cb.cbid, result: await handler(...(cb.invoke?.args ?? [])) };
    } catch (e) {
      return { cbid: cb.cbid, err: (e as Error).message };
    }
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.proc.once('exit', (code) => reject(new Error(`jsii runtime exited (${code}): ${this.stderr.slice(-2000)}`)));
    });
  }
}
