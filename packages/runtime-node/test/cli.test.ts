/**
 * The built `ai-gateway` command: it prints where it listens, serves, and on SIGTERM lets an
 * in-flight stream finish before it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatChunkEvents, outsideAddress, sendEvents, startMockUpstream, tryConnect, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { startGateway } from '../src/index.js';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let upstream: MockUpstream;

beforeAll(async () => {
  // A slow stream: ten chunks, 100 ms apart.
  upstream = await startMockUpstream((_request, response) => sendEvents(response, chatChunkEvents('m', Array.from({ length: 10 }, (_, index) => `piece${index} `)), 100));
});
afterAll(() => upstream.close());

function startCli(args: string[], environment: Record<string, string | undefined> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1], output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`ai-gateway exited with ${code}: ${output}`)));
  });
}

/** Runs the command to its end; resolves with its exit code and what it wrote to stderr. */
function runCli(args: string[], environment: Record<string, string | undefined> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('ai-gateway command, refusing to start', () => {
  it.each([
    [['--prot', '8787'], {}, /Unknown option '--prot'/],
    [['--port', 'eighty'], {}, /invalid port 'eighty'/],
    [[], { AI_GATEWAY_MAX_BODY_BYTES: '-1' }, /AI_GATEWAY_MAX_BODY_BYTES must be a positive number/],
  ])('%j %j: one line saying why, then the usage, and exit 2', async (args, environment, reason) => {
    const { code, stderr } = await runCli(args, environment);
    expect(code).toBe(2);
    expect(stderr).toMatch(reason);
    expect(stderr).toContain('Usage: ai-gateway [--port N] [--host ADDRESS] [--config FILE]');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names a config file error once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-cli-'));
    const file = join(folder, 'gateway.json');
    writeFileSync(file, JSON.stringify({ configs: { prod: { provider: 'openai', api_key: 'env:NOT_SET_ANYWHERE' } } }));
    const { code, stderr } = await runCli(['--port', '0', '--config', file], { NOT_SET_ANYWHERE: undefined });
    expect(code).toBe(2);
    expect(stderr).toMatch(/config file: 'configs\.prod\.api_key' refers to environment variable NOT_SET_ANYWHERE/);
    expect(stderr.match(/config file/g)).toHaveLength(1);
  });
});

describe('ai-gateway command', () => {
  it('listens on --port and --host and answers GET /', async () => {
    const { child, url } = await startCli(['--port', '0', '--host', '127.0.0.1']);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes the port from PORT', async () => {
    const { child, url } = await startCli(['--host', '127.0.0.1'], { PORT: '0' });
    try {
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('finishes an in-flight stream on SIGTERM, then exits 0', async () => {
    const { child, url } = await startCli(['--port', '0', '--host', '127.0.0.1']);
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstream.origin },
      body: JSON.stringify({ model: 'm', stream: true, messages: [] }),
    });
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    const text = await response.text();
    expect(text).toContain('piece9');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await exited).toBe(0);
  });
});



describe('where the gateway listens', () => {
  it('listens on 127.0.0.1 only when no host is given (startGateway)', async () => {
    const gateway = await startGateway({ port: 0, logger: silentLogger });
    try {
      expect(gateway.server.address()).toMatchObject({ address: '127.0.0.1' });
      expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);
      expect((await fetch(gateway.url)).status).toBe(200);
      if (outsideAddress) expect(await tryConnect(outsideAddress, gateway.port)).toBe('ECONNREFUSED');
    } finally {
      await gateway.close();
    }
  });

  it('listens on 127.0.0.1 only when neither --host nor HOST is given (the command)', async () => {
    const { child, url } = await startCli(['--port', '0'], { HOST: undefined });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(url)).status).toBe(200);
      if (outsideAddress) expect(await tryConnect(outsideAddress, Number(new URL(url).port))).toBe('ECONNREFUSED');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it.skipIf(!outsideAddress)('listens on every interface when HOST=0.0.0.0, as containers set', async () => {
    const { child, url } = await startCli(['--port', '0'], { HOST: '0.0.0.0' });
    try {
      expect(await tryConnect(outsideAddress!, Number(new URL(url).port))).toBe('connected');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
