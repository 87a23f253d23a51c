/**
 * pnpm hooks. Bun's platform packages before 1.4 do not say which C library they are built for, so
 * pnpm took the musl builds for glibc too and installed four Bun binaries on Linux x64 (sizes in
 * docs/development.md). Saying it here, as Bun 1.4's packages do themselves, lets
 * `supportedArchitectures` in pnpm-workspace.yaml keep only this machine's. pnpm records the field
 * in pnpm-lock.yaml.
 */
module.exports = {
  hooks: {
    readPackage(manifest) {
      if (/^@oven\/bun-linux-[a-z0-9]+-musl(-baseline)?$/.test(manifest.name) && !manifest.libc) manifest.libc = ['musl'];
      return manifest;
    },
  },
};
