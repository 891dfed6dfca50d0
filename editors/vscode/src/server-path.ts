/** Which cmlint the extension runs: the configured one, the workspace's installed package, or the PATH's command. */
import { isAbsolute, join } from 'node:path';

export type ServerCommand = { kind: 'module'; path: string } | { kind: 'command'; path: string };

export function serverCommand(
  configured: string,
  workspaceFolders: string[],
  exists: (path: string) => boolean,
): ServerCommand {
  if (configured) {
    const path = isAbsolute(configured) || !workspaceFolders[0] ? configured : join(workspaceFolders[0], configured);
    return /\.[cm]?js$/.test(path) ? { kind: 'module', path } : { kind: 'command', path };
  }
  for (const folder of workspaceFolders) {
    const installed = join(folder, 'node_modules', 'cmlint', 'bin', 'cmlint.js');
    if (exists(installed)) return { kind: 'module', path: installed };
  }
  return { kind: 'command', path: 'cmlint' };
}
