/** The request mapping alone: what Gemini receives for the OpenAI features the suite does not cover. */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '@ai-gateway/provider-utils';
import { toGeminiGenerateContentRequest } from './chat-request.js';

const user = (content: unknown) => ({ role: 'user', content });

describe('toGeminiGenerateContentRequest', () => {
  it('puts system and developer messages, wherever they are, into systemInstruction in order', () => {
    const request = toGeminiGenerateContentRequest({
      messages: [{ role: 'system', content: 'One.' }, user('Hi'), { role: 'developer', content: [{ type: 'text', text: 'Two.' }] }, { role: 'assistant', content: 'Hello' }, user('Bye')],
    });
    expect(request.systemInstruction).toEqual({ parts: [{ text: 'One.' }, { text: 'Two.' }] });
    expect(request.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello' }] },
      { role: 'user', parts: [{ text: 'Bye' }] },
    ]);
  });

  it('answers parallel tool calls in one turn, keeping thought signatures and wrapping non-object results', () => {
    const request = toGeminiGenerateContentRequest({
      messages: [
        user('Weather in Paris and Rome?'),
        {
          role: 'assistant', content: 'Checking.', tool_calls: [
            { id: 'a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' }, extra_content: { google: { thought_signature: 'sig-1' } } },
            { id: 'b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'a', content: '{"temp":21}' },
        { role: 'tool', tool_call_id: 'b', content: 'noon' },
      ],
    });
    expect(request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' }, { functionCall: { name: 'get_time', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }, { functionResponse: { name: 'get_time', response: { output: 'noon' } } }] },
    ]);
  });

  it('maps every tool_choice form', () => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const config = (tool_choice: unknown) => toGeminiGenerateContentRequest({ messages: [user('x')], tools, tool_choice }).toolConfig;
    expect(config('none')).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(config('required')).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(config({ type: 'function', function: { name: 'f' } })).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    expect(config(undefined)).toBeUndefined();
  });

  it('maps sampling parameters as given, without clamping', () => {
    const request = toGeminiGenerateContentRequest({ messages: [user('x')], max_completion_tokens: 7, max_tokens: 99, temperature: 5, top_p: 0.5, seed: 42, n: 2, stop: 'END', presence_penalty: 0.1, frequency_penalty: 0.2, user: 'u-1' });
    expect(request.generationConfig).toEqual({ maxOutputTokens: 7, temperature: 5, topP: 0.5, seed: 42, candidateCount: 2, stopSequences: ['END'], presencePenalty: 0.1, frequencyPenalty: 0.2 });
    expect(JSON.stringify(request)).not.toContain('u-1');
  });

  it('maps JSON mode and JSON schema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    expect(toGeminiGenerateContentRequest({ messages: [user('x')], response_format: { type: 'json_object' } }).generationConfig).toEqual({ responseMimeType: 'application/json' });
    expect(toGeminiGenerateContentRequest({ messages: [user('x')], response_format: { type: 'json_schema', json_schema: { name: 'a', strict: true, schema } } }).generationConfig)
      .toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
  });

  it('maps audio and PDF parts to inline data, and gs:// files to file data', () => {
    const request = toGeminiGenerateContentRequest({
      messages: [user([
        { type: 'input_audio', input_audio: { data: 'AAAA', format: 'mp3' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE' } },
        { type: 'image_url', image_url: { url: 'gs://bucket/photo.jpg' } },
      ])],
    });
    expect(request.contents[0].parts).toEqual([
      { inlineData: { mimeType: 'audio/mp3', data: 'AAAA' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://bucket/photo.jpg' } },
    ]);
  });

  it.each([
    [{ logit_bias: { 1: 2 } }, 'logit_bias'],
    [{ logprobs: true }, 'logprobs'],
    [{ n: 2, stream: true }, 'n'],
    [{ tools: [{ type: 'custom', custom: { name: 'x' } }] }, 'tools[0].type'],
    [{ messages: [user([{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }])] }, 'messages[0].content[0].image_url.url'],
    [{ messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] }, 'messages[0].tool_call_id'],
  ])('rejects %j with a 400 naming %s', (extra, param) => {
    let failure: unknown;
    try {
      toGeminiGenerateContentRequest({ messages: [user('x')], ...extra });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).status).toBe(400);
    expect((failure as GatewayError).param).toBe(param);
  });
});
