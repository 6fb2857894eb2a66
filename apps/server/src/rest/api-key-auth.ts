import type { ApiKey, Store, UserRole } from '@flowdesk/store';
import type { RequestHandler, Response } from 'express';
import { apiKeyFromHeaders, checkApiKey } from '../auth/api-keys.ts';
import { roleAllowed } from '../auth/roles.ts';
import { AppError } from '../http/app-error.ts';
import { maskAnswerFor } from '../privacy/contact-masking.ts';

/** 401 without a valid key, 403 when the key's role is not in `roles`; else the key is on res.locals. */
export function requireApiKey(store: Store, roles: readonly UserRole[]): RequestHandler {
  return async (request, response, next) => {
    const presented = apiKeyFromHeaders(request.get('authorization'), request.get('x-api-key'));
    const check = await checkApiKey(store, presented);
    switch (check.outcome) {
      case 'missing':
      case 'unknown':
        response.setHeader('WWW-Authenticate', 'Bearer realm="flowdesk"');
        throw new AppError('unauthenticated', 'unauthenticated');
      case 'revoked':
        response.setHeader('WWW-Authenticate', 'Bearer realm="flowdesk", error="invalid_token"');
        throw new AppError('unauthenticated', 'api_key_revoked');
      case 'valid':
        if (!roleAllowed(check.key.role, roles)) {
          throw new AppError('forbidden', 'forbidden', { params: { role: check.key.role } });
        }
        response.locals.apiKey = check.key;
        maskAnswersFor(check.key.role, response);
        next();
        return;
    }
  };
}

/**
 * Every REST answer behind an API key passes here, so contacts are masked by
 * the key's role (privacy/contact-masking.ts) whichever route answers.
 */
function maskAnswersFor(role: UserRole, response: Response): void {
  const send = response.json.bind(response);
  response.json = (body: unknown) => send(maskAnswerFor(role, body));
}

export function apiKeyOf(response: Response): ApiKey {
  const key = response.locals.apiKey as ApiKey | undefined;
  // Only reachable if a route forgot requireApiKey: a bug, not the client's fault.
  if (!key) throw new Error('route handler reached without requireApiKey');
  return key;
}
