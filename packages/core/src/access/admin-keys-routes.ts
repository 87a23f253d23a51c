/**
 * The admin API of gateway keys: `POST /admin/keys` (the secret is in this answer only),
 * `GET /admin/keys`, `GET|PATCH|DELETE /admin/keys/{id}`. Managing keys is the operator's alone:
 * every call needs the admin token, on loopback too, and without `AI_GATEWAY_ADMIN_TOKEN` the API
 * answers 404.
 */
import type { Context, Hono } from 'hono';
import { GatewayError, invalidRequest, withFields } from '@ai-gateway/provider-utils';
import type { GatewayKeyV1, KeyStoreV1 } from '@ai-gateway/spec';
import type { AdminAccess } from '../security/admin-access.js';
import { adminApiRoutes } from './admin-api-guard.js';
import type { GatewayAccess } from './gateway-access.js';
import { parseKeyChanges, parseNewKey } from './key-fields.js';
import { hashKeySecret, newKeyId, newKeySecret, shownPrefix } from './key-secret.js';

/** A key as the API shows it: everything but its hash. */
export function publicKey(key: GatewayKeyV1): Omit<GatewayKeyV1, 'hash'> & { object: 'gateway_key' } {
  const shown: Record<string, unknown> = { object: 'gateway_key' };
  for (const [field, value] of Object.entries(key)) if (field !== 'hash') shown[field] = value;
  return shown as Omit<GatewayKeyV1, 'hash'> & { object: 'gateway_key' };
}

/** Makes a key from checked fields and stores it; the secret is returned once, here. */
export async function createKey(store: KeyStoreV1, body: unknown): Promise<{ key: GatewayKeyV1; secret: string }> {
  const fields = parseNewKey(body);
  const secret = newKeySecret();
  const key: GatewayKeyV1 = { id: newKeyId(), ...fields, hash: await hashKeySecret(secret), prefix: shownPrefix(secret), created_at: new Date().toISOString() };
  await store.create(key);
  return { key, secret };
}

/** The JSON body, or a 400 naming `body`. */
export async function jsonBody(context: Context): Promise<unknown> {
  try {
    return await context.req.json();
  } catch {
    throw invalidRequest('The body is not valid JSON.', 'body', 'invalid_json');
  }
}

function notFound(id: string): GatewayError {
  return new GatewayError(`No gateway key with id '${id}'.`, { status: 404, type: 'invalid_request_error', code: 'key_not_found', param: 'id' });
}

export function addAdminKeyRoutes(app: Hono, access: GatewayAccess | undefined, admin: AdminAccess | undefined): void {
  const guarded = adminApiRoutes(admin, access);
  const stored = async (access: GatewayAccess, id: string) => {
    const key = await access.store.get(id);
    if (!key) throw notFound(id);
    return key;
  };

  app.post('/admin/keys', guarded(async (context, access) => {
    const { key, secret } = await createKey(access.store, await jsonBody(context));
    access.keysExist();
    return context.json(withFields(publicKey(key), { key: secret }), 201);
  }));
  app.get('/admin/keys', guarded(async (context, access) => {
    return context.json({ object: 'list', data: (await access.store.list()).map(publicKey) });
  }));
  app.get('/admin/keys/:id', guarded(async (context, access) => context.json(publicKey(await stored(access, context.req.param('id') ?? '')))));
  app.patch('/admin/keys/:id', guarded(async (context, access) => {
    const id = context.req.param('id') ?? '';
    const changes = parseKeyChanges(await jsonBody(context));
    const key = await access.store.update(id, changes);
    if (!key) throw notFound(id);
    access.forget(key.hash);
    return context.json(publicKey(key));
  }));
  app.delete('/admin/keys/:id', guarded(async (context, access) => {
    const id = context.req.param('id') ?? '';
    const key = await access.store.revoke(id, new Date().toISOString());
    if (!key) throw notFound(id);
    access.forget(key.hash);
    return context.json(publicKey(key));
  }));
}
