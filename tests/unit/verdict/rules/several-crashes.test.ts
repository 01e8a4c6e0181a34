import { expect } from 'vitest';
import { severalCrashes } from '../../../../src/analyzers/verdict/rules/several-crashes';
import { analyzeV, bugcheckBanner, errrec, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

/** One crash's `!analyze -v`, naming `module` in MODULE_NAME. */
const crash = (name: string, code: string, args: string[], module: string): string =>
  analyzeV({ name, code, args, fields: [['MODULE_NAME', module], ['IMAGE_NAME', `${module}.sys`]] });
const D1 = (module: string) => crash('DRIVER_IRQL_NOT_LESS_OR_EQUAL', 'd1', ['0000000000000000', '0000000000000002', '0000000000000000', 'fffff88004a1ea55'], module);
const P50 = (module: string) => crash('PAGE_FAULT_IN_NONPAGED_AREA', '50', ['fffff8802972848f', '0000000000000000', 'fffff880064feb95', '0000000000000002'], module);
// Each !analyze -v is 16 lines; its NAME (code) line is the eighth.
const CODE_LINES = [8, 24];

// Two crashes failing at the same place in the scheduler, one called by a third-party driver, one from a system call.
const TOP = ['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x474', 'nt!KiSetSchedulerAssistPriority', 'nt!KiCommitRescheduleContextEntry+0x1d4340', 'nt!KiExitDispatcher+0x184'];
const VIA_DRIVER = kv([...TOP, 'nt!KeReleaseSemaphore+0xa5', 'acmewlan+0x2dd3fe', 'acmewlan+0x40dd0']);
const VIA_TIMER = kv([...TOP, 'nt!KiSetTimerEx+0x149', 'nt!NtSetTimerEx+0x127', 'nt!KiSystemServiceCopyEnd+0x28']);

// Two crashes in the memory manager's own code at different places, each from a system call, no driver anywhere.
const MM_A = kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x489', 'nt!MiHandleTransitionFault+0xed', 'nt!MiResolveTransitionFault+0x156', 'nt!MmAccessFault+0x152', 'nt!KiPageFault+0x37e', '0x00007ff8`acf1f71d']);
const MM_B = kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x489', 'nt!MiIdentifyPfn+0x5a7', 'nt!MmQueryPfnList+0x7a', 'nt!NtQuerySystemInformation+0x5d', 'nt!KiSystemServiceCopyEnd+0x25', '0x00007ffc`38070664']);

const BANNERS = [
  bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']),
  bugcheckBanner('50', ['fffff8802972848f', '0', 'fffff880064feb95', '2']),
  bugcheckBanner('1A', ['41790', 'fffffa8000a1b2c0', 'ffff', '0']),
];

ruleTester(severalCrashes, {
  invalid: [
    {
      name: 'lists the different crashes of one paste',
      text: BANNERS.slice(0, 2).join('\n'),
      finding: 'crashes.several',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'crashes.several', lines: [1, 2], title: 'This paste holds 2 different crashes: 0xD1, 0x50' }]);
        expect(out.evidence).toEqual([]);
      },
    },
    {
      name: 'blames a third-party driver the debugger names in crash after crash',
      text: `${D1('acmefilt')}\n${P50('acmefilt')}`,
      blames: 'acmefilt',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: CODE_LINES[0], text: 'the debugger names it in 2 of the 2 crashes pasted' }]);
        expect(out.findings.find((f) => f.id === 'crashes.several')?.lines).toEqual(CODE_LINES);
      },
    },
    {
      name: 'does not blame a driver the debugger names in one crash only',
      text: `${D1('acmefilt')}\n${P50('acmeusb')}`,
      finding: 'crashes.several',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'reads three crashes of different codes, none naming a driver and none with a driver on its stack, as bad RAM',
      text: BANNERS.join('\n'),
      signal: 'hardware',
      check: (out) => {
        expect(out.category).toBe('hardware');
        expect(out.findings.find((f) => f.id === 'crashes.varied')).toBeUndefined();
      },
    },
    {
      name: 'reads three crashes of different codes, one naming a driver once, as bad RAM or corruption, without deciding',
      text: `${BANNERS[0]}\n${BANNERS[2]}\n${P50('acmefilt')}`,
      finding: 'crashes.varied',
      check: (out) => {
        expect(out.findings.find((f) => f.id === 'crashes.varied')?.title).toMatch(/^The crashes differ in code and place with no common driver/);
        expect(out.signals).not.toContain('hardware');
      },
    },
    {
      name: 'points at one CPU when all hardware error records name the same processor and bank',
      text: `${errrec('fffffa80031f8028', 3, 0)}\n${errrec('fffffa80031f9028', 3, 0)}`,
      finding: 'whea.compare',
      check: (out) =>
        expect(out.findings).toEqual([
          { id: 'whea.compare', lines: [2, 27], title: 'All 2 hardware error records name the same place (processor 3, bank 0): that points firmly at this CPU' },
        ]),
    },
    {
      name: 'points at something shared when the hardware error records name different processors',
      text: `${errrec('fffffa80031f8028', 3, 0)}\n${errrec('fffffa80031f9028', 1, 4)}`,
      finding: 'whea.compare',
      check: (out) => expect(out.findings[0]?.title).toMatch(/^The 2 hardware error records name different processors or banks: suspect something shared/),
    },
    {
      name: 'reads crashes at different places in the kernel’s own code, with no driver on any stack, as bad memory',
      text: `${MM_A}\n${MM_B}`,
      signal: 'hardware',
      check: (out) => {
        expect(out.category).toBe('hardware');
        expect(out.findings.find((f) => f.id === 'signal.hardware')?.title).toMatch(/nt!MiHandleTransitionFault, nt!MiIdentifyPfn\) with no driver on their stacks/);
      },
    },
    {
      name: 'takes a driver found on one of two crashes failing at the same place for a bystander, and the place for damaged system files or memory',
      text: `${VIA_DRIVER}\n${VIA_TIMER}`,
      signal: 'os-corruption',
      check: (out) => {
        expect(out.category).toBe('os-corruption');
        expect(out.top).toBeUndefined();
      },
    },
  ],
  valid: [
    { name: 'one crash in the kernel’s own code', text: MM_A },
    { name: 'two crashes at different places in the kernel, a driver on one of them', text: `${MM_A}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x489', 'nt!MiIdentifyPfn+0x5a7', 'acmefilt+0x1a55'])}` },
    { name: 'the same crash printed twice, the second time longer', text: `${kv(TOP.slice(0, 4))}\n${VIA_DRIVER}` },
    { name: 'the driver on both crashes that fail at the same place', text: `${VIA_DRIVER}\n${VIA_DRIVER.replace('0x2dd3fe', '0x2dd400')}` },
    { name: 'one crash pasted twice (banner and !analyze -v)', text: `${BANNERS[0]}\n${D1('acmefilt')}` },
    { name: 'one crash', text: D1('acmefilt') },
    { name: 'one hardware error record', text: errrec('fffffa80031f8028', 3, 0) },
  ],
});
