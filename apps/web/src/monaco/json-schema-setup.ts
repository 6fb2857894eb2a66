import flowSchema from '../../../../packages/model/schema/flow.schema.json';
import { monaco } from './monaco-setup.ts';

/** Flow files opened in Monaco are checked and completed against the committed JSON Schema. */
export const FLOW_JSON_PATH = 'flowdesk://flow/current.flow.json';

let configured = false;

export function configureFlowJsonSchema(): void {
  if (configured) return;
  configured = true;
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    schemas: [
      {
        uri: 'urn:flowdesk:schema:flow-file:v1',
        fileMatch: [monaco.Uri.parse(FLOW_JSON_PATH).toString(), '*.flow.json'],
        schema: flowSchema,
      },
    ],
  });
}
