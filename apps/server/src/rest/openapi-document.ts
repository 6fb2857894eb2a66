import { z } from 'zod';
import { ErrorBodySchema } from '../http/error-body.ts';
import type { OperationDoc, RestRoute } from './rest-route.ts';

/**
 * Builds the OpenAPI 3.1 document from the mounted routes and their zod schemas
 * (zod 4's JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses), so
 * the document cannot drift from what the server validates.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** A response without its own schema is the standard error body, or any JSON object on success. */
function responseSchema(status: number, schema: z.ZodType | undefined): JsonSchema {
  if (schema) return jsonSchema(schema, 'output');
  return status >= 400 ? ERROR_REF : { type: 'object' };
}

/**
 * Every `{name}` of the path is a required path parameter (OpenAPI requires each
 * to be declared); the route's doc only adds descriptions, so a route cannot
 * forget one, and a description for a name the path lacks is a bug.
 */
function pathParameters(path: string, doc: OperationDoc) {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  for (const param of doc.pathParams ?? []) {
    if (!names.includes(param.name)) {
      throw new Error(
        `OpenAPI: ${doc.operationId} describes path parameter "${param.name}" that ${path} lacks`,
      );
    }
  }
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description:
      doc.pathParams?.find((param) => param.name === name)?.description ?? `The ${name} in the path.`,
    schema: { type: 'string' },
  }));
}

function operation(path: string, doc: OperationDoc) {
  const responses = Object.fromEntries(
    Object.entries(doc.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.headers ? { headers: response.headers } : {}),
        content: response.mediaType
          ? { [response.mediaType]: { schema: { type: 'string' } } }
          : { 'application/json': { schema: responseSchema(Number(status), response.schema) } },
      },
    ]),
  );
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: doc.tags,
    security: doc.auth ? [{ bearerApiKey: [] }, { headerApiKey: [] }] : [],
    parameters: [
      ...(doc.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      { $ref: '#/components/parameters/AcceptLanguage' },
      ...pathParameters(path, doc),
      ...(doc.query ?? []).map((param) => ({
        name: param.name,
        in: 'query',
        required: param.required ?? false,
        description: param.description,
        schema: { type: 'string' },
      })),
    ],
    ...(doc.rawRequestBody
      ? {
          requestBody: {
            required: true,
            description: doc.rawRequestBody.description,
            content: { [doc.rawRequestBody.mediaType]: { schema: { type: 'string' } } },
          },
        }
      : {}),
    ...(doc.requestBody
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(doc.requestBody, 'input') } },
          },
        }
      : {}),
    responses: { ...responses, 500: { $ref: '#/components/responses/InternalError' } },
  };
}

export function buildOpenApiDocument(routes: readonly RestRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // Express writes `/conversations/:id`; OpenAPI writes `/conversations/{id}`.
    const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(path, route.doc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FlowDesk API',
      version,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description:
        'Request intake and external events for FlowDesk flows. Errors are `{ error: { code, message, messages, ' +
        'pointer, details } }`; `message` follows Accept-Language (zh → zh-CN, otherwise en).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') },
      securitySchemes: {
        bearerApiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key `fd_…` created by an admin, as `Authorization: Bearer fd_…`.',
        },
        headerApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The same key as a header.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key returns the first answer and starts nothing new; the same key with ' +
            'a different body is a 409.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'Language of error messages: zh* → zh-CN, anything else → en.',
          schema: { type: 'string' },
        },
      },
      responses: {
        InternalError: {
          description: 'Our fault; the message carries a reference to quote.',
          content: { 'application/json': { schema: ERROR_REF } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
