/** `allowed_models` globs: `*` stands for any characters, `?` for one; everything else is itself. */

function globPattern(glob: string): string {
  return glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
}

/** One expression for a key's globs, made once per key lookup. */
export function compileGlobs(globs: readonly string[]): RegExp {
  return new RegExp(`^(?:${globs.map(globPattern).join('|')})$`, 's');
}
