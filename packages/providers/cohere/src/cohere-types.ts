/**
 * The parts of Cohere's v2 wire format this provider reads and writes.
 * Reference: https://docs.cohere.com/reference/chat and https://docs.cohere.com/reference/embed
 */

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'thinking'; thinking: string };

export interface CohereMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string | CohereContentPart[];
  tool_calls?: CohereToolCall[];
  tool_plan?: string;
  tool_call_id?: string;
}

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
  cached_tokens?: number;
}

export interface CohereChatResponse {
  id?: string;
  finish_reason?: string;
  message?: {
    role?: string;
    content?: CohereContentPart[];
    tool_plan?: string;
    tool_calls?: CohereToolCall[];
  };
  usage?: CohereUsage;
}

/** One event of a v2 chat stream; `type` says which fields are set. */
export interface CohereStreamEvent {
  type?: string;
  id?: string;
  index?: number;
  message?: string;
  delta?: {
    message?: {
      content?: { type?: string; text?: string; thinking?: string };
      tool_plan?: string;
      tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: string } };
    };
    finish_reason?: string;
    error?: string;
    usage?: CohereUsage;
  };
}

export interface CohereEmbedResponse {
  id?: string;
  /** `embeddings_by_type` answers `{ float: [...] }`; the older `embeddings_floats` a bare array. */
  embeddings?: { float?: number[][] } | number[][];
  meta?: { billed_units?: { input_tokens?: number } };
}
