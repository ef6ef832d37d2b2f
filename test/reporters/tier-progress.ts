/**
 * One line per finished test file on stderr, "[tier 12/40 files, 1m23s] path": how far each tier
 * (vitest project: unit, loopback, tools) has come, so that a first `npm test` of several minutes on a
 * small machine reads as progress, not as a hang. vitest's own reporter prints the results.
 */
import type { Reporter, TestModule, TestSpecification } from 'vitest/node';

export default class TierProgress implements Reporter {
  private readonly total = new Map<string, number>();
  private readonly done = new Map<string, number>();
  private started = Date.now();

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.started = Date.now();
    this.total.clear();
    this.done.clear();
    for (const { project } of specifications) this.total.set(project.name, (this.total.get(project.name) ?? 0) + 1);
  }

  onTestModuleEnd(testModule: TestModule): void {
    const tier = testModule.project.name;
    const done = (this.done.get(tier) ?? 0) + 1;
    this.done.set(tier, done);
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const elapsed = `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
    process.stderr.write(`[${tier} ${done}/${this.total.get(tier) ?? '?'} files, ${elapsed}] ${testModule.moduleId.replace(`${testModule.project.config.root}/`, '')}\n`);
  }
}
