/** A Worker carries no console files: `/public/` says so, while the logs API below it still answers. */
import { describe, expect, it } from 'vitest';
import { startWorkerd } from './start-workerd.js';

describe('the console on workerd', () => {
  it('is not served: /public/ answers a 404 that says why', async () => {
    const worker = await startWorkerd({ AI_GATEWAY_CONTROL_PLANE: 'open' });
    try {
      const page = await fetch(`${worker.url}/public/`);
      expect(page.status).toBe(404);
      expect(await page.json()).toMatchObject({ error: { code: 'console_not_served', message: expect.stringContaining('not served by this runtime') } });
      expect((await fetch(`${worker.url}/public/api/logs`)).status).toBe(200);
    } finally {
      await worker.close();
    }
  });
});
