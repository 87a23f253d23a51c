/**
 * The console at `/public/`: its files, which the runtime supplies (`ConsoleAssets`), and beyond
 * loopback its login form (`POST /public/login`, `POST /public/logout`). Every redirect and form
 * target is relative, so the console works behind a reverse proxy that mounts the gateway at a
 * prefix (`/gw/public/`). Its API (`/public/api/*`) is in logs-routes.ts.
 */
import type { Context, Hono } from 'hono';
import { errorResponse, GatewayError, toGatewayError, withFields } from '@ai-gateway/provider-utils';
import type { IncomingShortcutsReader } from '../request/incoming-shortcuts.js';
import { readBody } from '../request/read-body.js';
import { controlPlaneOffError, type AdminGuard } from '../security/admin-access.js';
import { cameOverHttps, sessionSetCookie } from '../security/console-session.js';
import type { ConsoleAssets } from './console-assets.js';
import { consoleLoginPage } from './console-login-page.js';

export interface ConsoleRoutesOptions {
  /** The console's files; `undefined` where the runtime serves none (Workers). */
  assets: ConsoleAssets | undefined;
  admin: AdminGuard;
  incomingShortcuts: IncomingShortcutsReader | undefined;
}

/** Every file of the console comes from the gateway itself: nothing from elsewhere may load. */
const contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const pageHeaders: Record<string, string> = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': contentSecurityPolicy,
};

/** A token is short; a login body past this is not a login. */
const maxLoginBodyBytes = 4096;
const prefix = '/public/';
const decoder = new TextDecoder();

function notServed(): Response {
  return errorResponse(new GatewayError('Not found. The console is not served by this runtime: the Node and Bun packages serve it at /public/ from the files they carry.', { status: 404, code: 'console_not_served' }));
}

function redirect(location: string, status: 301 | 303, setCookie?: string): Response {
  const headers: Record<string, string> = { location, 'cache-control': 'no-store' };
  if (setCookie) headers['set-cookie'] = setCookie;
  return new Response(null, { status, headers });
}

/** The login form's target from a page at `path`: `login` beside `/public/`, `../login` one folder down. */
function loginAction(path: string): string {
  const depth = path.slice(prefix.length).split('/').length - 1;
  return `${'../'.repeat(depth)}login`;
}

function loginPage(action: string, refused: boolean): Response {
  return new Response(consoleLoginPage(action, refused), {
    status: 401,
    headers: withFields(pageHeaders, { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' }),
  });
}

/** The console file a path names (`/public/` is `index.html`); `undefined` when it cannot be decoded. */
function assetPath(path: string): string | undefined {
  let file = path.slice(prefix.length);
  if (file === '' || file.endsWith('/')) file += 'index.html';
  try {
    return decodeURIComponent(file);
  } catch {
    return undefined;
  }
}

/** The login form's `token` field, from a small urlencoded body. */
async function postedToken(context: Context, options: ConsoleRoutesOptions, request: Request): Promise<string> {
  const shortcuts = options.incomingShortcuts?.(request, context.env);
  const body = shortcuts?.body !== undefined ? shortcuts.body : await readBody(request, maxLoginBodyBytes);
  if (body && body.byteLength > maxLoginBodyBytes) {
    throw new GatewayError(`A login body is at most ${maxLoginBodyBytes} bytes.`, { status: 413, code: 'request_too_large' });
  }
  return new URLSearchParams(decoder.decode(body ?? new Uint8Array())).get('token') ?? '';
}

export function addConsoleRoutes(app: Hono, options: ConsoleRoutesOptions): void {
  const { assets, admin } = options;

  app.get('/public', async (context) => {
    if (!assets) return notServed();
    if ((await admin.verdict(context.req.raw.headers)) === 'off') return errorResponse(controlPlaneOffError());
    // Relative, so a proxy's prefix stays: `/gw/public` goes to `/gw/public/`.
    return redirect('public/', 301);
  });

  app.get('/public/*', async (context) => {
    const path = context.req.path;
    const headers = context.req.raw.headers;
    if (path.startsWith('/public/api/')) {
      // The API's own routes come first; this is a path it does not have.
      try {
        await admin.check(headers);
      } catch (error) {
        return errorResponse(toGatewayError(error));
      }
      return errorResponse(new GatewayError(`Not found. The console's API has no ${path}.`, { status: 404, code: 'not_found' }));
    }
    if (!assets) return notServed();
    const verdict = await admin.verdict(headers);
    if (verdict === 'off') return errorResponse(controlPlaneOffError());
    if (verdict === 'refused') return loginPage(loginAction(path), false);
    if (path === '/public/login') return redirect('./', 303);
    const file = assetPath(path);
    const asset = file === undefined ? undefined : await assets.read(file);
    if (!asset) return errorResponse(new GatewayError(`Not found. The console has no file ${path}.`, { status: 404, code: 'not_found' }));
    return new Response(asset.body, { headers: withFields(pageHeaders, { 'content-type': asset.contentType }) });
  });

  app.post('/public/login', async (context) => {
    if (!assets) return notServed();
    const request = context.req.raw;
    const verdict = await admin.verdict(request.headers);
    if (verdict === 'off') return errorResponse(controlPlaneOffError());
    // On loopback the console is open: there is nothing to sign in to.
    if (verdict === 'open') return redirect('./', 303);
    let token: string;
    try {
      token = await postedToken(context, options, request);
    } catch (error) {
      return errorResponse(toGatewayError(error));
    }
    const session = await admin.signIn(token);
    if (!session) return loginPage('login', true);
    return redirect('./', 303, sessionSetCookie(session, cameOverHttps(request, request.headers)));
  });

  app.post('/public/logout', (context) => {
    if (!assets) return notServed();
    const request = context.req.raw;
    return redirect('./', 303, sessionSetCookie(undefined, cameOverHttps(request, request.headers)));
  });
}
