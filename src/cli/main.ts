#!/usr/bin/env node
/**
 * The `cdk8s-gateway-api` command (package bin). See `program.ts` for the commands and options.
 */
import * as fs from 'fs';
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => fs.readFileSync(0, 'utf-8'),
  stderrIsTTY: process.stderr.isTTY === true,
}).then((code) => {
  process.exitCode = code;
}, (e) => {
  // commands report bad input themselves; anything reaching here is a bug, reported without a stack trace
  process.stderr.write(`cdk8s-gateway-api: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
