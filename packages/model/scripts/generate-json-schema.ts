/// <reference types="node" />
/*
 * Writes packages/model/schema/flow.schema.json from the zod schemas and the node
 * catalog. Run `npm run schema` after changing either; a test fails while the
 * committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_FILE_SCHEMA_PATH, serializeFlowFileJsonSchema } from '../src/json-schema.ts';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(packageRoot, FLOW_FILE_SCHEMA_PATH);

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, serializeFlowFileJsonSchema());
console.log(`Wrote ${target}`);
