#!/usr/bin/env node
// The `flowdesk` command. Sources are TypeScript run directly (no build step), so tsx is registered first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// exitCode rather than process.exit(): lets piped stdout finish writing first.
process.exitCode = await main(process.argv.slice(2));
