/**
 * The built-in samples are the first thing a newcomer sees: each must produce
 * the verdict it was written to show (category, bug check, top suspect), and
 * fill the workspace sections it is meant to demonstrate.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { SAMPLES } from '../../src/samples';
import { expectContractValid } from './contract';

interface Expected {
  kind: 'kernel' | 'user';
  category: string;
  bugcheck: string | null;
  topSuspect: string | null;
  /** The top suspect is blamed (confidence ≥ 0.5); undefined: not checked. */
  blamed?: boolean;
}

const EXPECTED: Record<string, Expected> = {
  'd1-acmenet-irql': { kind: 'kernel', category: 'driver', bugcheck: '0x000000D1', topSuspect: 'acmenet', blamed: true },
  'hang-contososync-cs-deadlock': { kind: 'user', category: 'hang-deadlock', bugcheck: null, topSuspect: 'fabrikamdb', blamed: true },
  'pool-fbnetflt-nonpaged-leak': { kind: 'kernel', category: 'pool-leak', bugcheck: null, topSuspect: 'fbnetflt' },
  'hw-124-whea-icache': { kind: 'kernel', category: 'hardware', bugcheck: '0x00000124', topSuspect: null },
};

describe('built-in samples', () => {
  it('cover a crash, a hang, a pool leak and a hardware fault, each with an expected verdict', () => {
    expect(SAMPLES.map((s) => s.kind).sort()).toEqual(['crash', 'hang', 'hardware', 'leak']);
    expect(Object.keys(EXPECTED).sort()).toEqual(SAMPLES.map((s) => s.id).sort());
  });

  it('have unique ids and titles', () => {
    expect(new Set(SAMPLES.map((s) => s.id)).size).toBe(SAMPLES.length);
    expect(new Set(SAMPLES.map((s) => s.title)).size).toBe(SAMPLES.length);
  });
});

describe.each(SAMPLES.map((s) => [s.id, s] as const))('sample %s', (id, sample) => {
  const report = analyze(sample.text);
  const want = EXPECTED[id]!;

  it('produces a contract-valid report with no input problem', () => {
    expectContractValid(report);
    expect(report.inputProblem).toBeUndefined();
    expect(report.kind).toBe(want.kind);
  });

  it('lands in the intended category with the intended bug check', () => {
    expect(report.category).toBe(want.category);
    expect(report.bugcheck?.code ?? null).toBe(want.bugcheck);
  });

  it('names the intended top suspect', () => {
    if (want.topSuspect === null) {
      expect(report.suspects.filter((s) => s.confidence >= 0.5)).toEqual([]);
    } else {
      expect(report.suspects[0]?.module.toLowerCase()).toBe(want.topSuspect);
      if (want.blamed !== undefined) {
        expect((report.suspects[0]?.confidence ?? 0) >= 0.5).toBe(want.blamed);
      }
    }
  });

  it('shows every command its gallery card lists', () => {
    const typed = report.commands.map((c) => c.command);
    for (const command of sample.commands) {
      expect(typed.some((t) => t === command || t.startsWith(`${command} `))).toBe(true);
    }
  });
});

describe('sample contents', () => {
  const byId = (id: string) => analyze(SAMPLES.find((s) => s.id === id)!.text);

  it('the hang has two locked critical sections and groups eight identical waiting stacks', async () => {
    const report = byId('hang-contososync-cs-deadlock');
    expect(report.locks.filter((l) => l.state === 'locked').map((l) => l.name)).toEqual([
      'fabrikamdb!g_ConnectionPoolLock',
      'fabrikamdb!g_StatementCacheLock',
    ]);
    const { groupStacks } = await import('../../src/analyzers/stack-groups');
    expect(groupStacks(report.stacks)[0]?.count).toBe(8);
  });

  it('the pool leak shows non-paged pool near its maximum and the owner of the top tag', () => {
    const report = byId('pool-fbnetflt-nonpaged-leak');
    const vm = report.memory.vm[0]!;
    expect(vm.nonPagedUsageKb! / vm.nonPagedMaxKb!).toBeGreaterThan(0.99);
    expect(report.memory.poolUsed[0]?.tags[0]).toMatchObject({ tag: 'FbFc', binary: 'fbnetflt.sys' });
    expect(report.modules.some((m) => m.name === 'fbnetflt' && m.timestamp?.epoch !== undefined)).toBe(true);
  });

  it('the hardware case carries a WHEA record and CPU information', () => {
    const report = byId('hw-124-whea-icache');
    expect(report.hardware.whea[0]).toMatchObject({ processor: 6, bank: 0, mcaError: 'ICACHEL0_IRD_ERR' });
    expect(report.hardware.cpu[0]?.mhz).toBe(4704);
  });
});
