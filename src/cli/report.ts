/**
 * `cdk8s-gateway-api report`: the HTML report, or Mermaid / DOT diagram text, of manifests.
 * Not part of the jsii API; the top-level program wires it as a subcommand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { InputError, readManifests } from './input';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { MissingReferencePolicy } from '../analysis/types';
import { renderHtml } from '../report/html';
import { buildReportModel } from '../report/model';
import { GatewayApiReport } from '../report/report';

const HELP_AFTER = `
Formats:
  html     one self-contained HTML file (inline CSS, JS and SVG; opens offline, loads nothing): the topology
           diagram, a routing table per listener, the findings, search, and the predicted status of each object
           on click. Written to -o (default gateway-api-report.html).
  mermaid  a Mermaid flowchart (renders in GitHub and GitLab Markdown), to stdout or -o.
  dot      Graphviz DOT text, to stdout or -o.

Large apps (more than 150 routes or 150 listeners): the HTML report has an overview and one view per Gateway, with routes
collapsed into one node per namespace; Mermaid and DOT draw namespace groups unless --detail says otherwise.

Exit codes: 0 written, 2 usage error or unreadable input (nothing is written then).
Examples:
  cdk8s-gateway-api report dist/                       # writes gateway-api-report.html
  cdk8s-gateway-api report --format mermaid dist/ > topology.mmd
  kubectl get gateways,httproutes -A -o yaml | cdk8s-gateway-api report -o live.html -
`;

/** The `report` command. */
export function createReportCommand(io: CliIo, setExit: (code: number) => void): Command {
  const cmd = new Command('report');
  cmd
    .description('Draws the Gateway API topology of manifests: a self-contained HTML report, or Mermaid / DOT text')
    .argument('<inputs...>', 'files, directories (read recursively) or - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'mermaid', 'dot']).default('html'))
    .option('-o, --output <file>', 'where to write (html default: gateway-api-report.html; mermaid/dot default: stdout)')
    .option('--title <title>', 'title of the report')
    .option('--gateway <namespace/name>', 'mermaid/dot: draw only this Gateway and its routes')
    .addOption(new Option('--detail <detail>', 'mermaid/dot: full (rules, backends), routes, or groups (per namespace)').choices(['full', 'routes', 'groups']))
    .addOption(new Option('--missing-refs <policy>', 'referents not in the input are missing (error) or assumed to exist (unknown)').choices(['error', 'unknown']).default('error'))
    .option('--default-namespace <ns>', 'namespace of objects without metadata.namespace', 'default')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .action(async (inputs: string[], opts: any) => {
      let objects: any[];
      try {
        objects = readManifests(inputs, io);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        io.stderr(`cdk8s-gateway-api report: ${e.message}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      const options = {
        title: opts.title,
        defaultNamespace: opts.defaultNamespace,
        missingReferences: opts.missingRefs === 'unknown' ? MissingReferencePolicy.UNKNOWN : MissingReferencePolicy.ERROR,
        gateway: opts.gateway,
        detail: opts.detail,
      };
      let text: string;
      try {
        if (opts.format === 'html') {
          if (opts.gateway !== undefined || opts.detail !== undefined) throw new Error('--gateway and --detail apply to --format mermaid|dot (the HTML report has a view selector)');
          text = await renderHtml(buildReportModel(objects, options));
        } else {
          text = opts.format === 'mermaid' ? GatewayApiReport.mermaid(objects, options) : GatewayApiReport.dot(objects, options);
        }
      } catch (e) {
        io.stderr(`cdk8s-gateway-api report: ${(e as Error).message}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      const out: string | undefined = opts.output ?? (opts.format === 'html' ? 'gateway-api-report.html' : undefined);
      if (out === undefined || out === '-') {
        io.stdout(text);
      } else {
        try {
          fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
          fs.writeFileSync(out, text);
        } catch (e) {
          io.stderr(`cdk8s-gateway-api report: cannot write ${out}: ${(e as Error).message}\n`);
          setExit(EXIT_USAGE);
          return;
        }
        io.stderr(`cdk8s-gateway-api report: wrote ${out} (${text.length} bytes)\n`);
      }
      setExit(EXIT_OK);
    });
  return cmd;
}
