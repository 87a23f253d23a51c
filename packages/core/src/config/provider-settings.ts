/**
 * The provider settings a config carries, checked against what each target's provider declares
 * (`ProviderV1.settings`) before any call is made, so a misspelt field is a 400 naming it even
 * in a fallback target that is seldom reached.
 *
 * A field on a leaf target belongs to that target's provider. A field on a node with `targets`
 * is inherited by every target below it (inherit-target.ts), so it must be a setting of at least
 * one of their providers; the others ignore it. Providers that declare no settings, and targets
 * whose provider is unknown (they fail on their own when run), are not checked.
 */
import { invalidRequest, type GatewayError } from '@ai-gateway/provider-utils';
import { closestName } from '../closest-name.js';
import type { DeclaredSettings, ProviderSettingsIndex } from './provider-settings-index.js';
import { fitsType, invalidSettingValue } from './setting-values.js';
import { routingFields } from './target-fields.js';
import type { Config, ConfigTarget } from './schema.js';

/** A leaf's provider declarations, or `unchecked` when its provider declares none or is unknown. */
const unchecked = Symbol('unchecked');
type LeafSettings = DeclaredSettings | typeof unchecked;

interface Walk {
  index: ProviderSettingsIndex;
  source: string;
  headerProvider: string | undefined;
  /** Set when some leaf names no provider and so runs with the request's `x-portkey-provider`. */
  usesHeaderProvider: boolean;
}

function fieldPath(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function suggestion(field: string, names: Iterable<string>): string {
  const closest = closestName(field, [...names, ...routingFields]);
  return closest ? ` Did you mean '${closest}'?` : '';
}

function unknownOnLeaf(walk: Walk, field: string, declared: DeclaredSettings): GatewayError {
  const settings = declared.names.length > 0 ? `its settings are ${declared.names.join(', ')}` : 'it takes no settings';
  return invalidRequest(
    `Invalid ${walk.source}: '${field}' is not a setting of provider '${declared.providerId}' (${settings}).${suggestion(field.slice(field.lastIndexOf('.') + 1), declared.names)}`,
    field,
    'unknown_setting',
  );
}

function unknownAbove(walk: Walk, field: string, leaves: ReadonlySet<DeclaredSettings>): GatewayError {
  const providers = [...new Set([...leaves].map((declared) => `'${declared.providerId}'`))].join(', ');
  const names = new Set([...leaves].flatMap((declared) => declared.names));
  return invalidRequest(
    `Invalid ${walk.source}: '${field}' is inherited by the targets below it, but none of their providers (${providers}) has such a setting.${suggestion(field.slice(field.lastIndexOf('.') + 1), names)}`,
    field,
    'unknown_setting',
  );
}

function checkLeaf(node: ConfigTarget, provider: string | undefined, path: string, walk: Walk): LeafSettings {
  let id = provider;
  if (id === undefined) {
    walk.usesHeaderProvider = true;
    id = walk.headerProvider;
  }
  const declared = id === undefined ? undefined : walk.index.of(id);
  if (!declared) return unchecked;
  for (const field in node) {
    if (routingFields.has(field)) continue;
    const setting = declared.byName.get(field);
    if (!setting) throw unknownOnLeaf(walk, fieldPath(path, field), declared);
    if (!fitsType(node[field], setting.type)) throw invalidSettingValue(walk.source, fieldPath(path, field), declared.providerId, setting);
  }
  return declared;
}

/** Checks the node and everything below it; returns the settings of the leaves below. */
function checkNode(node: ConfigTarget, inheritedProvider: string | undefined, path: string, walk: Walk): Set<LeafSettings> {
  const provider = node.provider ?? inheritedProvider;
  const targets = node.targets;
  if (!targets || targets.length === 0) return new Set([checkLeaf(node, provider, path, walk)]);

  const leaves = new Set<LeafSettings>();
  targets.forEach((child, index) => {
    for (const leaf of checkNode(child, provider, `${path ? `${path}.` : ''}targets[${index}]`, walk)) leaves.add(leaf);
  });
  const checked = new Set([...leaves].filter((leaf): leaf is DeclaredSettings => leaf !== unchecked));
  for (const field in node) {
    if (routingFields.has(field)) continue;
    const readers = [...checked].filter((declared) => declared.byName.has(field));
    if (readers.length === 0 && !leaves.has(unchecked)) throw unknownAbove(walk, fieldPath(path, field), checked);
    for (const declared of readers) {
      const setting = declared.byName.get(field)!;
      if (!fitsType(node[field], setting.type)) throw invalidSettingValue(walk.source, fieldPath(path, field), declared.providerId, setting);
    }
  }
  return leaves;
}

/** Per settings index: the configs already found good, and for which `x-portkey-provider` (or any). */
const anyHeaderProvider = Symbol('any x-portkey-provider');
const checkedConfigs = new WeakMap<ProviderSettingsIndex, WeakMap<Config, string | undefined | typeof anyHeaderProvider>>();

/**
 * Throws a 400 (`unknown_setting`, `invalid_setting`) naming the first provider setting of the
 * config that its targets' providers do not declare, or that has the wrong type. `source` names the
 * config in the message ("config", "server-side config 'prod'"). Configs are parsed once and
 * shared (parse-config.ts), so a config found good is not walked again for the same provider header.
 */
export function checkConfigSettings(config: Config, headerProvider: string | undefined, index: ProviderSettingsIndex, source = 'config'): void {
  let checked = checkedConfigs.get(index);
  if (!checked) {
    checked = new WeakMap();
    checkedConfigs.set(index, checked);
  }
  const earlier = checked.get(config);
  if (earlier === anyHeaderProvider || (checked.has(config) && earlier === headerProvider)) return;
  const walk: Walk = { index, source, headerProvider, usesHeaderProvider: false };
  checkNode(config, undefined, '', walk);
  checked.set(config, walk.usesHeaderProvider ? headerProvider : anyHeaderProvider);
}
