/** `bun dist/server.js` listens on 127.0.0.1 unless HOST says otherwise. */
import { describe, expect, it } from 'vitest';
import { outsideAddress, tryConnect } from '@ai-gateway/testing';
import { startBun } from './start-bun.js';

describe('where the bun gateway listens', () => {
  it('listens on 127.0.0.1 only when HOST is not set', async () => {
    const { port, close } = await startBun({ HOST: undefined });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      if (outsideAddress) expect(await tryConnect(outsideAddress, port)).toBe('ECONNREFUSED');
    } finally {
      await close();
    }
  });

  it.skipIf(!outsideAddress)('listens on every interface when HOST=0.0.0.0, as containers set', async () => {
    const { port, close } = await startBun({ HOST: '0.0.0.0' });
    try {
      expect(await tryConnect(outsideAddress!, port)).toBe('connected');
    } finally {
      await close();
    }
  });
});
