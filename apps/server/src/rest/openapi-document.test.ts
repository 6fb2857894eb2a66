import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/create-app.ts';
import { createTestBed, type RunningServer, startServer, type TestBed } from '../testing/server-test-kit.ts';

let bed: TestBed;
let server: RunningServer;
beforeAll(async () => {
  bed = await createTestBed();
  server = await startServer(bed);
});
afterAll(async () => {
  await server.close();
  await bed.close();
});

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters: { $ref: string }[];
        requestBody?: unknown;
        responses: Record<string, unknown>;
      }
    >
  >;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
    parameters: Record<string, unknown>;
  };
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

async function fetchDocument(): Promise<OpenApi> {
  const response = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApi;
}

describe('GET /api/v1/openapi.json', () => {
  it('documents every route the app mounts, and nothing it does not', async () => {
    const document = await fetchDocument();
    const app = createApp(bed.services);
    const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
    const mounted = stack
      .flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map(
              (method) =>
                `${method.toUpperCase()} ${String(layer.route?.path).replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`,
            )
          : [],
      )
      // The web app's HTML fallback (mounted when apps/web/dist exists) is a page, not an API route.
      .filter((route) => route !== 'GET /.*/')
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(mounted).toContain('POST /api/v1/requests');
    expect(documented).toEqual(mounted);
  });

  it('is OpenAPI 3.1 with security schemes, the error schema and the Idempotency-Key header', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearerApiKey', 'headerApiKey']);
    expect(document.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    expect(document.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
    });

    const intake = document.paths['/api/v1/requests']?.post;
    expect(intake?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(Object.keys(intake?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '409', '413']),
    );
    expect(intake?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: {
            additionalProperties: false,
            required: ['channel', 'message'],
            properties: { message: { maxLength: 20_000 } },
          },
        },
      },
    });
  });

  it('is valid against the OpenAPI 3.1 schema', async () => {
    const document = await fetchDocument();
    const result = await new Validator().validate(
      document as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  // Generated clients break on what Redocly's recommended rules call errors, e.g. a
  // `{id}` in a path without its declared path parameter.
  it('has no errors under Redocly’s recommended lint rules', async () => {
    const document = await fetchDocument();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  });

  it('declares every {param} of a path as a required path parameter of each operation', async () => {
    const document = await fetchDocument();
    const ticket = document.paths['/api/v1/tickets/{id}/claim']?.post?.parameters as unknown as {
      name?: string;
      in?: string;
      required?: boolean;
    }[];
    expect(ticket).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
  });
});
