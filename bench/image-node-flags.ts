/**
 * The node flags of the image's ENTRYPOINT (`["node", ...flags, "dist/src/cli.js"]`): the bench runs the
 * exporter with them, as the container does, and the Dockerfile test checks `npm start` uses them too.
 */
import { readFileSync } from 'node:fs';

export function imageNodeFlags(dockerfilePath: string): string[] {
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(dockerfilePath, 'utf8'))?.[1];
  if (!entrypoint) throw new Error(`${dockerfilePath} has no ENTRYPOINT in JSON form`);
  const [node, ...rest] = JSON.parse(entrypoint) as string[];
  if (node !== 'node') throw new Error(`the ENTRYPOINT of ${dockerfilePath} runs ${node}, not node`);
  return rest.slice(0, rest.findIndex((arg) => arg.endsWith('.js')));
}
