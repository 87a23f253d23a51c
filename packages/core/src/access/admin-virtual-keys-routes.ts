/**
 * The admin API of virtual keys: `POST /admin/virtual-keys`, `GET /admin/virtual-keys`,
 * `GET|PATCH|DELETE /admin/virtual-keys/{id}`. A secret goes in and never comes out: every answer
 * shows `***` where a secret is held. Like `/admin/keys`, every call needs the admin token, and
 * without `AI_GATEWAY_ADMIN_TOKEN` the API answers 404.
 */
import type { Hono } from 'hono';
import { GatewayError } from '@ai-gateway/provider-utils';
import type { AdminAccess } from '../security/admin-access.js';
import { adminApiRoutes } from './admin-api-guard.js';
import { jsonBody } from './admin-keys-routes.js';
import { parseNewVirtualKey, parseVirtualKeyChanges, type VirtualKeyCatalogue } from './virtual-key-fields.js';
import type { VirtualKeys } from './virtual-keys.js';

function notFound(id: string): GatewayError {
  return new GatewayError(`No virtual key with id '${id}'.`, { status: 404, type: 'invalid_request_error', code: 'virtual_key_not_found', param: 'id' });
}

export function addAdminVirtualKeyRoutes(app: Hono, virtualKeys: VirtualKeys | undefined, catalogue: VirtualKeyCatalogue, admin: AdminAccess | undefined): void {
  const guarded = adminApiRoutes(admin, virtualKeys);
  const stored = async (virtualKeys: VirtualKeys, id: string) => {
    const key = await virtualKeys.store.getVirtualKey(id);
    if (!key) throw notFound(id);
    return key;
  };

  app.post('/admin/virtual-keys', guarded(async (context, virtualKeys) => {
    const fields = parseNewVirtualKey(await jsonBody(context), catalogue);
    const key = await virtualKeys.create(fields);
    if (!key) throw new GatewayError(`A virtual key with id '${fields.id}' exists; rotate it with PATCH /admin/virtual-keys/${fields.id}.`, { status: 409, type: 'invalid_request_error', code: 'virtual_key_exists', param: 'id' });
    return context.json(await virtualKeys.shown(key), 201);
  }));
  app.get('/admin/virtual-keys', guarded(async (context, virtualKeys) => {
    const keys = await virtualKeys.store.listVirtualKeys();
    return context.json({ object: 'list', data: await Promise.all(keys.map((key) => virtualKeys.shown(key))) });
  }));
  app.get('/admin/virtual-keys/:id', guarded(async (context, virtualKeys) => context.json(await virtualKeys.shown(await stored(virtualKeys, context.req.param('id') ?? '')))));
  app.patch('/admin/virtual-keys/:id', guarded(async (context, virtualKeys) => {
    const id = context.req.param('id') ?? '';
    const body = await jsonBody(context);
    const current = await stored(virtualKeys, id);
    const key = await virtualKeys.change(id, parseVirtualKeyChanges(body, current.provider, catalogue));
    if (!key) throw notFound(id);
    return context.json(await virtualKeys.shown(key));
  }));
  app.delete('/admin/virtual-keys/:id', guarded(async (context, virtualKeys) => {
    const id = context.req.param('id') ?? '';
    if (!(await virtualKeys.remove(id))) throw notFound(id);
    return context.json({ object: 'virtual_key', id, deleted: true });
  }));
}
