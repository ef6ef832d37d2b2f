/**
 * The container image without a Docker engine: the Dockerfile is linted (dockerfile-utils) and read
 * (dockerfile-ast), and the final stage's layout is rebuilt in a temporary folder (a production-only
 * `npm ci` and the compiled dist) to run the image's ENTRYPOINT + CMD and its HEALTHCHECK for real.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser, type Instruction, Label } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageNodeFlags } from '../bench/image-node-flags.js';
import { DEFAULT_PORT } from '../src/config/schema.js';
import { type FakeGitHub, startFakeGitHub } from './fake-github/server.js';
import { PROJECT_ROOT, waitFor } from './helpers/exporter-process.js';

const text = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const finalStage = instructions.slice(instructions.map((instruction) => instruction.getKeyword()).lastIndexOf('FROM'));

function args(instruction: Instruction): string[] {
  return instruction.getArguments().map((argument) => argument.getValue());
}

/** The JSON form of ENTRYPOINT, CMD or HEALTHCHECK CMD. */
function execForm(instruction: Instruction | undefined): string[] {
  const raw = instruction?.getRawArgumentsContent() ?? '';
  return JSON.parse(raw.slice(raw.indexOf('['))) as string[];
}

function finalInstruction(keyword: string): Instruction | undefined {
  return finalStage.find((instruction) => instruction.getKeyword() === keyword);
}

/** The final stage's labels with their `${ARG}`s at the ARG defaults: what a plain `docker build .` puts on the image. */
function imageLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const instruction of finalStage) {
    if (!(instruction instanceof Label)) continue;
    const line = instruction.getRange().start.line;
    for (const property of instruction.getProperties()) {
      labels[property.getName()] = (property.getValue() ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => dockerfile.resolveVariable((braced ?? bare)!, line) ?? '');
    }
  }
  return labels;
}

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter', () => {
    expect(validate(text)).toEqual([]);
  });

  it('builds in one stage and runs from another, on the Node 24 LTS base CI also tests', () => {
    const froms = dockerfile.getFROMs().map((from) => from.getImage());
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(/^node:24(\.\d+)*-alpine/);
    const build = instructions.filter((instruction) => instruction.getKeyword() === 'RUN').map((instruction) => instruction.getRawArgumentsContent() ?? '');
    expect(build.some((line) => line.includes('npm ci --omit=dev'))).toBe(true);
    expect(finalStage.some((instruction) => instruction.getKeyword() === 'RUN')).toBe(false);
  });

  it('runs as a numeric non-root user, exposes the documented port, checks itself, carries OCI labels of the package', () => {
    expect(args(finalInstruction('USER') as Instruction)[0]).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(args(finalInstruction('EXPOSE') as Instruction)).toEqual([String(DEFAULT_PORT)]);
    expect(execForm(finalInstruction('HEALTHCHECK'))).toEqual(['node', 'dist/src/cli.js', 'healthcheck']);
    for (const instruction of instructions) expect(instruction.getRawArgumentsContent() ?? '').not.toMatch(/curl|wget/);
    const labels = imageLabels();
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
    expect(labels).toMatchObject({ 'org.opencontainers.image.title': project.name, 'org.opencontainers.image.version': project.version, 'org.opencontainers.image.licenses': project.license });
    for (const label of ['description', 'revision']) expect(labels[`org.opencontainers.image.${label}`], label).toMatch(/\S/);
  });

  it('runs node with a small young generation, and so does npm start (the bench measures with the same flags)', () => {
    const flags = imageNodeFlags(join(PROJECT_ROOT, 'Dockerfile'));
    expect(flags).toEqual(['--max-semi-space-size=4']);
    expect(execForm(finalInstruction('ENTRYPOINT'))).toEqual(['node', ...flags, 'dist/src/cli.js']);
    const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toContain(`exec node ${flags.join(' ')} dist/src/cli.js serve`);
  });

  it('keeps the build context small with .dockerignore', () => {
    const ignore = readFileSync(join(PROJECT_ROOT, '.dockerignore'), 'utf8');
    expect(ignore.split('\n')).toContain('*');
    expect(ignore).toContain('!src/');
  });
});

describe('the image command, outside a container', () => {
  let app = '';
  let fake: FakeGitHub;

  beforeAll(() => {
    // The final stage copies exactly node_modules (production only), dist and package.json.
    const copies = finalStage.filter((instruction) => instruction.getKeyword() === 'COPY').map((instruction) => args(instruction).at(-1));
    expect(copies).toEqual(['./node_modules', './dist', './']);
    app = mkdtempSync(join(tmpdir(), 'copilot-image-'));
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(PROJECT_ROOT, file), join(app, file));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(install.stderr);
    const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json'), '--outDir', join(app, 'dist')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stdout + build.stderr);
  }, 120_000);

  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(() => fake.close());

  it('serves /metrics from a production-only install, and its HEALTHCHECK passes', async () => {
    const [command, ...commandArgs] = [...execForm(finalInstruction('ENTRYPOINT')), ...execForm(finalInstruction('CMD'))] as [string, ...string[]];
    expect(command).toBe('node');
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'acme-web' };
    const child = spawn(process.execPath, commandArgs, { cwd: app, env });
    try {
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      const url = await waitFor('the exporter to listen', async () => /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1]);
      const metrics = await waitFor('data', async () => {
        const body = await (await fetch(`${url}/metrics`)).text();
        return body.includes('github_copilot_exporter_target_up{org="acme-web"} 1') ? body : undefined;
      });
      expect(metrics).toContain('github_copilot_daily_active_users{org="acme-web"}');
      const [, ...healthArgs] = execForm(finalInstruction('HEALTHCHECK'));
      const health = spawnSync(process.execPath, healthArgs, { cwd: app, env: { ...env, PORT: new URL(url).port } });
      expect(health.status).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
