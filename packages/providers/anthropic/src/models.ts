/**
 * Anthropic's model list as OpenAI's. https://docs.anthropic.com/en/api/models-list
 */
interface AnthropicModel {
  id: string;
  created_at?: string;
  display_name?: string;
}

export function fromAnthropicModelList(body: { data?: AnthropicModel[] }) {
  return {
    object: 'list' as const,
    data: (body.data ?? []).map((model) => ({
      id: model.id,
      object: 'model' as const,
      created: model.created_at ? Math.floor(Date.parse(model.created_at) / 1000) : 0,
      owned_by: 'anthropic',
    })),
  };
}
