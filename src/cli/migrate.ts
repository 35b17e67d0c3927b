/**
 * `cdk8s-gateway-api migrate`: Ingress (ingress-nginx annotations) to Gateway API v1.6.1, with a report and the
 * routing-simulator equivalence. Not part of the jsii API.
 */
import * as fs from 'fs';
import { Command, CommanderError, Option } from 'commander';
import * as yaml from 'js-yaml';
import { InputError, readManifests } from './input';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { emitTypeScriptProgram, TypeScriptEmitError } from '../migration/emit-typescript';
import { formatMigrationReport, migrateManifests, migrationReportJson } from '../migration/migrate';

class UsageError extends Error {}

const HELP_AFTER = `
stdout is the result (YAML manifests, or a cdk8s TypeScript program); stderr is the report: for every source
object, each annotation and what it became, or why not (full annotation names), the implementation-specific
features the result uses and, with --verify, the requests that route differently.

Services, Secrets and ConfigMaps in the input are lookups (ports by name, custom headers), not re-emitted.
Traefik entry points: web is port 80 and websecure 443; declare the others with --entrypoint (their port is never
guessed: a router on an unknown entry point is reported).

Examples:
  cdk8s-gateway-api migrate ingresses/ > gateway-api.yaml
  cdk8s-gateway-api migrate --gateway infra/shared --verify ingresses/
  cdk8s-gateway-api migrate --entrypoint admin=8080 --entrypoint dns=53/udp traefik/
  kubectl get ingress,svc -A -o yaml | cdk8s-gateway-api migrate --gateway-class eg -

Exit codes: 0 when everything was converted (and, with --verify, routes the same); 1 when something was not
converted or routes differently (the output is still printed); 2 on a usage error or unreadable input.
`;

function gatewayOf(value: string): { namespace: string; name: string } {
  const parts = value.split('/');
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`--gateway must be namespace/name (got "${value}")`);
  return { namespace: parts[0], name: parts[1] };
}

/** `--entrypoint name=port[/tcp|/udp]` (repeatable), collected into the entry point map. */
function entryPointOf(value: string, previous: { [name: string]: { port: number; protocol?: 'tcp' | 'udp' } } = {}): { [name: string]: { port: number; protocol?: 'tcp' | 'udp' } } {
  const m = /^([A-Za-z0-9._-]+)=([0-9]{1,5})(?:\/(tcp|udp))?$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new UsageError(`--entrypoint must be name=port or name=port/udp, e.g. --entrypoint admin=8080 (got "${value}")`);
  }
  return { ...previous, [m[1]]: { port: Number(m[2]), ...(m[3] === 'udp' ? { protocol: 'udp' as const } : {}) } };
}

/** The `migrate` command. */
export function createMigrateCommand(io: CliIo, setExit: (code: number) => void): Command {
  const cmd = new Command('migrate');
  cmd
    .description('migrate Ingresses (ingress-nginx annotations) and Traefik IngressRoutes to Gateway API, with a report and an equivalence check')
    .addOption(new Option('--from <source>', 'the source dialect').choices(['auto', 'ingress-nginx', 'traefik', 'ingress']).default('auto'))
    .addOption(new Option('--output <format>', 'the result').choices(['yaml', 'typescript']).default('yaml'))
    .option('--gateway-class <name>', 'the GatewayClass of the generated Gateways (default: the IngressClass name)')
    .option('--gateway <ns/name>', 'attach every route to this existing Gateway instead of generating Gateways')
    .option('--entrypoint <name=port[/udp]>', 'a Traefik entry point besides web (80) and websecure (443), e.g. admin=8080 or dns=53/udp (repeatable); routers on unknown entry points are reported', (v: string, prev: any) => [...(prev ?? []), v])
    .option('--verify', 'check with the routing simulator that every host and path routes as before (exit 1 on a difference)')
    .option('--report-json <file>', 'also write the report as JSON to this file')
    .argument('<inputs...>', 'files, directories or - (standard input)')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride((err: CommanderError) => {
      setExit(err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? EXIT_OK : EXIT_USAGE);
      throw err;
    })
    .action((inputs: string[], opts: any) => {
      try {
        if (opts.gateway !== undefined && opts.gatewayClass !== undefined) throw new UsageError('--gateway-class and --gateway are exclusive: generate Gateways of a class, or attach to an existing one');
        const gateway = opts.gateway !== undefined ? gatewayOf(opts.gateway) : undefined;
        const entryPoints = (opts.entrypoint ?? []).reduce((acc: any, v: string) => entryPointOf(v, acc), {});
        const objects = readManifests(inputs, io);
        const result = migrateManifests(objects, {
          from: opts.from, gatewayClassName: opts.gatewayClass, entryPoints, ...(gateway ? { gateway } : {}),
        });
        const verified = opts.verify ? result.verify() : undefined;
        let program: string | undefined;
        if (opts.output === 'typescript') {
          try {
            program = emitTypeScriptProgram(result.manifests, { input: objects });
          } catch (e) {
            if (e instanceof TypeScriptEmitError) throw new UsageError(`--output typescript: ${e.message}`);
            throw e;
          }
        }
        if (program !== undefined) io.stdout(program);
        else io.stdout(result.manifests.map((m) => yaml.dump(m, { noRefs: true, lineWidth: 120 })).join('---\n'));
        io.stderr(formatMigrationReport(result, verified?.differences, verified?.probes));
        if (opts.reportJson !== undefined) {
          try {
            fs.writeFileSync(opts.reportJson, JSON.stringify(migrationReportJson(result, verified?.differences, verified?.probes), null, 2) + '\n');
          } catch (e) {
            io.stderr(`error: cannot write ${opts.reportJson}: ${(e as Error).message}\n`);
            setExit(EXIT_USAGE);
            return;
          }
        }
        setExit(result.complete && (verified === undefined || verified.differences.length === 0) ? EXIT_OK : EXIT_FINDINGS);
      } catch (e) {
        if (e instanceof UsageError || e instanceof InputError) {
          io.stderr(`error: ${e.message}\n`);
          setExit(EXIT_USAGE);
          return;
        }
        throw e;
      }
    });
  return cmd;
}
