#!/usr/bin/env node
// The `switchyard` command: runs the built CLI (`pnpm --filter @switchyard/probe build` first).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
