/**
 * OpenAI message content parts -> Gemini parts. The gateway never downloads a URL the client
 * names (that would let a request make the gateway fetch arbitrary addresses): an https or gs://
 * image becomes a `fileData` reference that Google resolves; a data URL becomes `inlineData`.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { GeminiPart } from './gemini-types.js';

/** Media types by file extension, for `fileData`, which wants one and a URL does not carry it. */
const mimeTypesByExtension: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif',
  heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf', txt: 'text/plain',
  mp3: 'audio/mp3', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg',
  mp4: 'video/mp4', mov: 'video/mov', webm: 'video/webm',
};

/** The media type a URL's file extension implies; `fallback` when there is none we know. */
export function mimeTypeFromUrl(url: string, fallback: string): string {
  const path = url.split(/[?#]/)[0];
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return mimeTypesByExtension[extension] ?? fallback;
}

const dataUrlPattern = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/** A URL (data, https, gs://) as a Gemini part; `fallbackMimeType` when the URL does not tell. */
export function urlToPart(url: string, fallbackMimeType: string, param: string): GeminiPart {
  const dataUrl = dataUrlPattern.exec(url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl[1], data: dataUrl[2] } };
  if (url.startsWith('data:')) throw invalidRequest('Only base64 data URLs are supported.', param, 'invalid_image_url');
  if (!/^(https?|gs):\/\//i.test(url)) throw invalidRequest(`Unsupported URL scheme in '${url.slice(0, 40)}': use https, gs or a base64 data URL.`, param, 'invalid_image_url');
  return { fileData: { mimeType: mimeTypeFromUrl(url, fallbackMimeType), fileUri: url } };
}

type OpenAIContentPart = { type: string; [field: string]: any };

function contentPartToGemini(part: OpenAIContentPart, param: string): GeminiPart {
  switch (part.type) {
    case 'text':
      return { text: String(part.text ?? '') };
    case 'refusal':
      // An earlier assistant refusal, sent back as history: it is what the model said.
      return { text: String(part.refusal ?? '') };
    case 'image_url': {
      const url = typeof part.image_url === 'string' ? part.image_url : part.image_url?.url;
      if (typeof url !== 'string') throw invalidRequest('image_url.url is required.', `${param}.image_url.url`);
      // A URL without a known extension is most likely a photo: Gemini reads jpeg for any image.
      return urlToPart(url, 'image/jpeg', `${param}.image_url.url`);
    }
    case 'input_audio': {
      const format = String(part.input_audio?.format ?? 'wav');
      return { inlineData: { mimeType: `audio/${format}`, data: String(part.input_audio?.data ?? '') } };
    }
    case 'file': {
      const fileData = part.file?.file_data;
      if (typeof fileData === 'string') return urlToPart(fileData, 'application/pdf', `${param}.file.file_data`);
      if (typeof part.file?.file_id === 'string') {
        return { fileData: { mimeType: mimeTypeFromUrl(part.file.filename ?? '', 'application/pdf'), fileUri: part.file.file_id } };
      }
      throw invalidRequest('A file part needs file_data (a base64 data URL) or file_id (a Gemini file URI).', param);
    }
    default:
      throw invalidRequest(`Content part type '${part.type}' is not supported by Gemini.`, `${param}.type`, 'unsupported_content_part');
  }
}

/** A message's `content` (a string, parts, or null) as Gemini parts. */
export function contentToParts(content: unknown, param: string): GeminiPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of parts.', param);
  return content.map((part, index) => contentPartToGemini(part as OpenAIContentPart, `${param}[${index}]`));
}
