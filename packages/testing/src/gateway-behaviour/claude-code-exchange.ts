/**
 * What Claude Code sends, recorded in shape: system blocks with `cache_control`, sixteen tools in a
 * fixed order (the last one marked for caching), `metadata.user_id`, its beta and app headers, a
 * streamed answer that calls a tool with `input_json_delta`, and the next turn with the tool's
 * result. Used by the Claude Code topic of the behaviour suite and by the runtimes' own tests.
 */
import type Anthropic from '@anthropic-ai/sdk';

const toolNames = [
  'Task', 'Bash', 'Glob', 'Grep', 'LS', 'ExitPlanMode', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'WebSearch', 'BashOutput', 'KillShell',
];

export const claudeCodeTools: Anthropic.Tool[] = toolNames.map((name, index) => {
  const tool: Anthropic.Tool = {
    name,
    description: `${name}: a tool of the coding agent.`,
    input_schema: { type: 'object', properties: { command: { type: 'string', description: 'What to run' } }, required: ['command'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
  };
  if (index === toolNames.length - 1) tool.cache_control = { type: 'ephemeral' };
  return tool;
});

export const claudeCodeHeaders = {
  'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14',
  'x-app': 'cli',
};

const system: Anthropic.TextBlockParam[] = [
  { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
  { type: 'text', text: 'You are an interactive CLI tool that helps users with software engineering tasks.', cache_control: { type: 'ephemeral' } },
];

const firstUserTurn: Anthropic.MessageParam = {
  role: 'user',
  content: [
    { type: 'text', text: '<system-reminder>This is a reminder.</system-reminder>' },
    { type: 'text', text: 'List the files here.', cache_control: { type: 'ephemeral' } },
  ],
};

/** The first request of a turn, as Claude Code streams it. */
export function claudeCodeFirstRequest(model: string): Anthropic.MessageStreamParams {
  return { model, max_tokens: 32000, stream: true, system, tools: claudeCodeTools, metadata: { user_id: 'user_abc_account__session_123' }, messages: [firstUserTurn] };
}

/** The request after the tool ran: the assistant's tool_use and the user's tool_result. */
export function claudeCodeSecondRequest(model: string, toolUse: { id: string; name: string; input: unknown }): Anthropic.MessageStreamParams {
  return {
    model, max_tokens: 32000, stream: true, system, tools: claudeCodeTools, metadata: { user_id: 'user_abc_account__session_123' },
    messages: [
      firstUserTurn,
      { role: 'assistant', content: [{ type: 'tool_use', id: toolUse.id, name: toolUse.name, input: toolUse.input }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'README.md\npackage.json', cache_control: { type: 'ephemeral' } }] },
    ],
  };
}
