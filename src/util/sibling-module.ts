/**
 * A module beside `fromUrl` (pass `import.meta.url`), to start in a worker or a child process:
 * under tsx the sources are .ts, from dist they are .js.
 */
export function siblingModule(fromUrl: string, path: string): URL {
  return new URL(`${path}${fromUrl.endsWith('.ts') ? '.ts' : '.js'}`, fromUrl);
}
