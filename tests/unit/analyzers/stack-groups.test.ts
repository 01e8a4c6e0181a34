import { describe, expect, it } from 'vitest';
import { allStacks } from '../../../src/analyzers/run';
import { runText } from '../../../src/analyzers/run';
import { groupStacks, stackSignature } from '../../../src/analyzers/stack-groups';
import type { Stack } from '../../../src/analyzers/types';

function stack(sites: string[], line: number): Stack {
  return {
    frames: sites.map((site, i) => ({ site, module: site.split('!')[0] ?? null, symbol: null, offset: null, line: line + i })),
    format: 'kc',
    line,
    endLine: line + sites.length,
    source: 'test',
  };
}

const WAIT = ['ntdll!NtWaitForAlertByThreadId', 'ntdll!RtlpWaitOnCriticalSection', 'ntdll!RtlpEnterCriticalSectionContended', 'vmms!Foo'];
const RPC = ['ntdll!NtDeviceIoControlFile', 'nsi!NsiAllocateAndGetTable', 'vmms!VmmsClusterManager::IsVmHealthy'];

describe('groupStacks', () => {
  it('counts identical stacks, largest group first', () => {
    const g = groupStacks([stack(RPC, 1), stack(WAIT, 10), stack(WAIT, 20), stack(WAIT, 30)]);
    expect(g.map((x) => x.count)).toEqual([3, 1]);
    expect(g[0]!.stacks.map((s) => s.line)).toEqual([10, 20, 30]);
    expect(g[0]!.signature).toBe(WAIT.join('\n').toLowerCase());
  });

  it('keeps input order between groups of the same size and leaves out empty stacks', () => {
    const g = groupStacks([stack(RPC, 1), stack([], 5), stack(WAIT, 10)]);
    expect(g.map((x) => x.stacks[0]!.line)).toEqual([1, 10]);
  });

  it('treats stacks that differ in one frame as different, and ignores case and spacing', () => {
    expect(stackSignature(stack(['NT!Foo+0x1'], 1))).toBe(stackSignature(stack(['nt!foo+0x1'], 9)));
    expect(groupStacks([stack(WAIT, 1), stack([...WAIT.slice(0, 3), 'vmms!Bar'], 9)])).toHaveLength(2);
  });

  it('groups the per-thread stacks of ~*kcn output read by the runner', () => {
    const text = [
      '0:000> ~*kcn',
      '',
      '   0  Id: c08.c0c Suspend: 0 Teb: 00007ff7`765ae000 Unfrozen',
      ' # Call Site',
      '00 ntdll!NtWaitForAlertByThreadId',
      '01 ntdll!RtlpWaitOnCriticalSection',
      '',
      '   1  Id: c08.c34 Suspend: 0 Teb: 00007ff7`765a9000 Unfrozen',
      ' # Call Site',
      '00 ntdll!NtWaitForAlertByThreadId',
      '01 ntdll!RtlpWaitOnCriticalSection',
      '',
      '   2  Id: c08.43d8 Suspend: 0 Teb: 00007ff7`76460000 Unfrozen',
      ' # Call Site',
      '00 ntdll!NtDeviceIoControlFile',
    ].join('\n');
    const g = groupStacks(allStacks(runText(text)));
    expect(g.map((x) => x.count)).toEqual([2, 1]);
  });
});
