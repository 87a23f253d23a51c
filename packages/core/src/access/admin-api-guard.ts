/**
 * What every admin API route does first (`/admin/keys`, `/admin/virtual-keys`): managing keys is
 * the operator's alone, so every call needs the admin token, on loopback too; without
 * `AI_GATEWAY_ADMIN_TOKEN` the API answers 404, and without a key store 404 `access_off`. Any
 * failure is answered in OpenAI's error shape.
 */
import type { Context } from 'hono';
import { errorResponse, GatewayError, toGatewayError } from '@ai-gateway/provider-utils';
import { createAdminGuard, type AdminAccess } from '../security/admin-access.js';

/** Wraps each route's handler, which gets what the routes manage (`subject`) once it is known to exist. */
export function adminApiRoutes<Subject>(admin: AdminAccess | undefined, subject: Subject | undefined) {
  const guard = createAdminGuard({ token: admin?.token, requireToken: true });
  return (handler: (context: Context, subject: Subject) => Promise<Response>) => async (context: Context): Promise<Response> => {
    try {
      if (!admin?.token) throw new GatewayError('Not found. The admin API is off until AI_GATEWAY_ADMIN_TOKEN is set.', { status: 404, code: 'not_found' });
      await guard.check(context.req.raw.headers);
      if (subject === undefined) throw new GatewayError('This gateway has no key store.', { status: 404, code: 'access_off' });
      return await handler(context, subject);
    } catch (error) {
      return errorResponse(toGatewayError(error));
    }
  };
}
