import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

describe('the bug check analyzer', () => {
  it('reads the dump banner', () => {
    const [b] = blocksOf(runText('BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}'), 'bugcheck');
    expect(b?.data.bugcheck).toMatchObject({ code: 0x9f, args: ['4', '258', 'fffffa8007005660', 'fffff800053e83d0'], line: 1 });
  });

  it('reads .bugcheck output, with the arguments after a blank line', () => {
    const [b] = blocksOf(runText('3: kd> .bugcheck\nBugcheck code 00000024\n\nArguments 000000b5`00190637 ffffd000`23f17e58 ffffd000`23f17660 fffff800`00cf95c7'), 'bugcheck');
    expect(b?.data.bugcheck?.code).toBe(0x24);
    expect(b?.data.bugcheck?.args[0]).toBe('000000b5`00190637');
    expect(b?.data.bugcheck?.argLines).toEqual([4, 4, 4, 4]);
  });

  it('reads MEX !di output and its NotMyFault note', () => {
    const blocks = blocksOf(runText('Bugcheck: D1 (FFFF9B08ED297010, 2, 0, FFFFF8027D7612D0)\nBugcheck: This is a myfault.sys dump.'), 'bugcheck');
    expect(blocks[0]?.data.bugcheck?.code).toBe(0xd1);
    expect(blocks[1]?.data.fields.CRASH_TOOL?.value).toBe('myfault');
  });

  it('reads user-mode exception events but not breakpoints', () => {
    const av = blocksOf(runText('(8dc.3f8): Access violation - code c0000005 (first chance)'), 'bugcheck');
    expect(av[0]?.data.exception?.code).toBe(0xc0000005);
    expect(av[0]?.data.fields.EVENT_CHANCE?.value).toBe('first');
    const last = blocksOf(runText('Last event: 1a2c.1b3c: Exception C00000FD, second chance'), 'bugcheck');
    expect(last[0]?.data.exception?.code).toBe(0xc00000fd);
    expect(blocksOf(runText('Break instruction exception - code 80000003 (first chance)'), 'bugcheck')).toEqual([]);
  });

  it('ignores prose that mentions a code', () => {
    expect(blocksOf(runText('it has bug checked with a code 5 - which is access denied'), 'bugcheck')).toEqual([]);
  });

  it("reads Windows' own summaries of a stop: event 1001, WER's signature, the blue screen", () => {
    const event = blocksOf(
      runText('The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000007f (0x0000000000000008, 0xfffff80236c8ae50, 0xffffc3028d65c000, 0xfffff80232c108e7). A dump was saved in: C:\\WINDOWS\\MEMORY.DMP.'),
      'bugcheck',
    );
    expect(event[0]?.data.bugcheck).toMatchObject({ code: 0x7f, args: ['0000000000000008', 'fffff80236c8ae50', 'ffffc3028d65c000', 'fffff80232c108e7'], line: 1 });
    const wer = blocksOf(runText('Additional information about the problem:\n  BCCode:\td1\n  BCP1:\t0000000000000000\n  BCP2:\t0000000000000002\n  BCP3:\t0000000000000000\n  BCP4:\tFFFFF88004A1EA55\n  OS Version:\t6_1_7601'), 'bugcheck');
    expect(wer[0]?.data.bugcheck).toMatchObject({ code: 0xd1, args: ['0000000000000000', '0000000000000002', '0000000000000000', 'FFFFF88004A1EA55'], argLines: [3, 4, 5, 6] });
    const screen = blocksOf(runText('If you call a support person, give them this info:\nStop code: SYSTEM_THREAD_EXCEPTION_NOT_HANDLED\nWhat failed: acmegpu.sys'), 'bugcheck');
    expect(screen[0]?.data.bugcheck?.code).toBe(0x7e);
    expect(screen[0]?.data.probablyCausedBy).toEqual({ module: 'acmegpu', line: 3 });
    const xp = blocksOf(runText('*** STOP: 0x000000D1 (0x00000000,0x00000002,0x00000000,0xF7A3A55A)\n***  acmefilt.sys - Address F7A3A55A base at F7A30000, DateStamp 3b7d855c'), 'bugcheck');
    expect(xp.map((b) => b.data.probablyCausedBy?.module ?? b.data.bugcheck?.code)).toEqual([0xd1, 'acmefilt']);
  });

  it('reads the NT 4.0 blue screen: STOP without its colon, and the module the faulting address lies in (its name wrapped)', () => {
    const nt4 = blocksOf(runText('  STOP 0x0000001E (0xC0000005, 0x80115B60, 0x0000001, 0x0000004)\n  KMODE_EXCEPTION_NOT_HANDLED *** address 80115B60 has base at 80100000 -\n  ACMESCSI.SYS\n'), 'bugcheck');
    expect(nt4[0]?.data.bugcheck).toMatchObject({ code: 0x1e, args: ['0xC0000005', '0x80115B60', '0x0000001', '0x0000004'].map((a) => a.replace(/^0x/i, '')) });
    expect(nt4[0]?.data.probablyCausedBy).toEqual({ module: 'ACMESCSI', line: 2 });
  });

  it('reads a blue screen quoted in prose (its opening quotation mark, 0X in capitals) and the NT 3.5 kernel debugger\'s "BugCheck code : args"', () => {
    const quoted = blocksOf(runText('  "STOP 0x0000000A (0x01010000, 0x00000009, 0x00000001, 0X8000741A)\n  IRQL_NOT_LESS_OR_EQUAL, ADDRESS 8000741A has base at 80001000 - hal.dll"'), 'bugcheck');
    expect(quoted[0]?.data.bugcheck).toMatchObject({ code: 0xa, args: ['01010000', '00000009', '00000001', '8000741A'] });
    const kd = blocksOf(runText('     BugCheck 0000000a : ff687000 00000002 00000001 fbcf2488'), 'bugcheck');
    expect(kd[0]?.data.bugcheck).toMatchObject({ code: 0xa, args: ['ff687000', '00000002', '00000001', 'fbcf2488'] });
  });

  it('reads a STOP code alone on its line (the name and the module under it), and a shortened code only when it names a known stop', () => {
    const alone = blocksOf(runText('  STOP 0x0000001E\n  KMODE_EXCEPTION_NOT_HANDLED\n  Address fef65475 has base at fef62000 - ACMEDISP.DLL'), 'bugcheck');
    expect(alone[0]?.data.bugcheck?.code).toBe(0x1e);
    expect(alone[0]?.data.probablyCausedBy?.module).toBe('ACMEDISP');
    expect(blocksOf(runText('  STOP:0x000000a (0x0000015a, 0x00000001c, 0x00000000, 0x80116bf4'), 'bugcheck')[0]?.data.bugcheck?.code).toBe(0xa);
    expect(blocksOf(runText('  STOP 0X0000000A [0X00000012, 0X00000010, 0X00000001, 0X80269287 ]'), 'bugcheck')[0]?.data.bugcheck).toMatchObject({ code: 0xa, args: ['00000012', '00000010', '00000001', '80269287'] });
    // The code and its arguments alone, the stop's name on the next line; not without the name.
    expect(blocksOf(runText('  0x0000000a (0x0000015a, 0x0000001c, 0x00000000, 0x80116bf4)\n  IRQL_NOT_LESS_OR_EQUAL*** Address has base at 80100000 -'), 'bugcheck')[0]?.data.bugcheck?.code).toBe(0xa);
    expect(blocksOf(runText('  0x0000000a (0x0000015a, 0x0000001c, 0x00000000, 0x80116bf4)\n  and then it rebooted'), 'bugcheck')).toHaveLength(0);
    // A double-spaced copy: the name and the module line after blank lines.
    const spaced = blocksOf(runText('  STOP 0x0000001E\n\n  KMODE_EXCEPTION_NOT_HANDLED\n\n  Address fef65475 has base at fef62000 - ACMEDISP.DLL'), 'bugcheck');
    expect(spaced[0]?.data.probablyCausedBy?.module).toBe('ACMEDISP');
    expect(blocksOf(runText('  0x0000000a (0x0000015a, 0x0000001c, 0x00000000, 0x80116bf4)\n\n  IRQL_NOT_LESS_OR_EQUAL*** Address has base at 80100000 -'), 'bugcheck')[0]?.data.bugcheck?.code).toBe(0xa);
    // "Stop 0x1Ee": no stop code 0x1EE exists; the slip is not read as one.
    expect(blocksOf(runText('  Stop 0x1Ee'), 'bugcheck')).toHaveLength(0);
    // A sentence that begins with a stop code is prose.
    expect(blocksOf(runText('STOP 0x0000001E errors occur when the driver is old.'), 'bugcheck')).toHaveLength(0);
  });

  it("reads the Windows 2000 blue screen's module line, its time stamp included and wrapped inside it", () => {
    const w2k = blocksOf(runText('  *** STOP: 0x00000050 (0xBFB54000, 0x00000000, 0xBFB2C08E, 0x00000000)\n  PAGEFAULT_IN_NONPAGED_AREA *** Address BFB2C08E base at BFB1A000, DateStamp\n  395db967 - acmedisp.dll'), 'bugcheck');
    expect(w2k[0]?.data.probablyCausedBy).toEqual({ module: 'acmedisp', line: 2 });
    const one = blocksOf(runText('*** STOP: 0x00000050 (0xBFB54000, 0x00000000, 0xBFB2C08E, 0x00000000)\n*** Address BFB2C08E base at BFB1A000, DateStamp 395db967 - acmedisp.dll'), 'bugcheck');
    expect(one[0]?.data.probablyCausedBy?.module).toBe('acmedisp');
  });

  it('reads a first-chance access violation whose event line was not copied, from the note and the faulting instruction under it', () => {
    const text = 'First chance exceptions are reported before any exception handling.\nThis exception may be expected and handled.\neax=707779e0 ebx=25876c38 ecx=052faab8 edx=707703a4 esi=707703d4 edi=25876e34\neip=10e6c29e esp=052fa89c ebp=052fa8a4 iopl=0         nv up ei pl nz ac po nc\ncs=0023  ss=002b  ds=002b  es=002b  fs=0053  gs=002b             efl=00210212\nacmefont!Render+0x3913e:\n10e6c29e 8902            mov     dword ptr [edx],eax  ds:002b:707703a4=31a03194';
    expect(blocksOf(runText(text), 'bugcheck')[0]?.data.exception).toEqual({ code: 0xc0000005, line: 1 });
    // A double-spaced copy of the same.
    expect(blocksOf(runText(text.split('\n').join('\n\n')), 'bugcheck')[0]?.data.exception).toEqual({ code: 0xc0000005, line: 1 });
    // Under the event line itself, the note adds nothing.
    const withEvent = blocksOf(runText(`(1a2c.1b3c): Access violation - code c0000005 (first chance)\n${text}`), 'bugcheck');
    expect(withEvent.map((b) => b.line)).toEqual([1]);
  });

  it("reads Dr. Watson's log: its exception number, or the FAULT marker of its state dump when the number was not copied", () => {
    const log = blocksOf(runText('Application exception occurred:\n        App:  (pid=152)\n        When: 6/15/1999 @ 11:20:08.859\n        Exception number: c0000005 (access violation)\n'), 'bugcheck');
    expect(log[0]?.data.exception).toEqual({ code: 0xc0000005, line: 4 });
    const dump = 'State Dump for Thread Id 0xd1\nfunction: RtlFreeHeap\n       77f64b50 8d78f8           lea     edi,[eax-0x8]\nFAULT ->77f64b53 f6470501         test    byte ptr [edi+0x5],0x1\n';
    expect(blocksOf(runText(dump), 'bugcheck')[0]?.data.exception).toEqual({ code: 0xc0000005, line: 4 });
    // Under the log's own exception number, the marker adds nothing.
    expect(blocksOf(runText(`Exception number: c0000005 (access violation)\n${dump}`), 'bugcheck').map((b) => b.line)).toEqual([1]);
  });

  it("reads WhoCrashed's report and Kernel-Power 41's decimal code, but not its 0 (a power loss, no bug check)", () => {
    const who = blocksOf(runText('This was probably caused by the following module: acmefilt.sys (acmefilt+0x1a55)\nBugcheck code: 0xD1 (0x0, 0x2, 0x0, 0xFFFFF88004A1EA55)'), 'bugcheck');
    expect(who[0]?.data.probablyCausedBy).toEqual({ module: 'acmefilt', line: 1 });
    expect(who[1]?.data.bugcheck).toMatchObject({ code: 0xd1, args: ['0', '2', '0', 'FFFFF88004A1EA55'] });
    const power = blocksOf(runText('BugcheckCode 159\nBugcheckParameter1 0x3\nBugcheckParameter2 0xffffe001e9d2e060'), 'bugcheck');
    expect(power[0]?.data.bugcheck).toMatchObject({ code: 0x9f, args: ['3', 'ffffe001e9d2e060', '', ''] });
    expect(blocksOf(runText('    <Data Name="BugcheckCode">0</Data>\n    <Data Name="BugcheckParameter1">0x0</Data>'), 'bugcheck')).toEqual([]);
  });

  it("reads BlueScreenView's report: code, parameters and the driver it names", () => {
    const text = [
      'Dump File         : 120720-10015-01.dmp',
      'Bug Check String  : DRIVER_IRQL_NOT_LESS_OR_EQUAL',
      'Bug Check Code    : 0x000000d1',
      'Parameter 1       : 00000000`00000008',
      'Parameter 2       : 00000000`00000002',
      'Parameter 3       : 00000000`00000000',
      'Parameter 4       : fffff806`12345678',
      'Caused By Driver  : acmefilt.sys',
      'Caused By Address : acmefilt.sys+1a55',
    ].join('\n');
    const [b] = blocksOf(runText(text), 'bugcheck');
    expect(b?.data.bugcheck).toMatchObject({ code: 0xd1, line: 3, args: ['00000000`00000008', '00000000`00000002', '00000000`00000000', 'fffff806`12345678'], argLines: [4, 5, 6, 7] });
    expect(b?.data.probablyCausedBy).toEqual({ module: 'acmefilt', line: 8 });
  });

  it("reads a row copied from BlueScreenView's list (tab-separated columns)", () => {
    const row = '121020-8953-01.dmp\t12/10/2020 9:45:12 PM\tDRIVER_IRQL_NOT_LESS_OR_EQUAL\t0x000000d1\t00000000`00000000\t00000000`00000002\t00000000`00000000\tfffff806`1a2b3c4d\tacmefilt.sys\tacmefilt.sys+1a55\t\t\tx64';
    const [b] = blocksOf(runText(`BlueScreenView shows:\n${row}`), 'bugcheck');
    expect(b?.data.bugcheck).toMatchObject({ code: 0xd1, line: 2, args: ['00000000`00000000', '00000000`00000002', '00000000`00000000', 'fffff806`1a2b3c4d'] });
    expect(b?.data.probablyCausedBy).toEqual({ module: 'acmefilt', line: 2 });
    // A sentence that mentions a dump file and a code is no row.
    expect(blocksOf(runText('I opened 121020-8953-01.dmp and saw DRIVER_IRQL_NOT_LESS_OR_EQUAL 0x000000d1 twice.'), 'bugcheck')).toEqual([]);
  });

  it('takes no sentence about stop codes for a summary', () => {
    for (const t of ['The bug check code : maybe 0xD1?', 'The stop code was DRIVER_IRQL_NOT_LESS_OR_EQUAL, I think.', 'Stop code: not sure, it flashed by', 'What failed: nothing obvious', 'I read that the bugcheck was 0x7f twice']) {
      expect(blocksOf(runText(t), 'bugcheck'), t).toEqual([]);
    }
  });
  it("reads Visual Studio's exception message in any language, with the module it names, and not a sentence about one", () => {
    const read = (t: string) => blocksOf(runText(t), 'bugcheck')[0]?.data;
    const unhandled = read('Unhandled exception at 0x00007FFE1C0DF26F (ntdll.dll) in acme.exe: 0xC0000374: A heap has been corrupted (parameters: 0x00007FFE1C1497F0).');
    expect(unhandled?.exception?.code).toBe(0xc0000374);
    expect(unhandled?.fields.FAULTING_MODULE?.value).toBe('ntdll.dll');
    expect(unhandled?.fields.EVENT_CHANCE?.value).toBe('second');
    const thrown = read('Exception thrown at 0x00007FF6A2B01234 in acme.exe: 0xC0000005: Access violation reading location 0x0000000000000000.');
    expect(thrown?.exception?.code).toBe(0xc0000005);
    expect(thrown?.fields.EVENT_CHANCE?.value).toBe('first');
    expect(read('0x70B087F8 (AcmeCodecs.dll) (Foo.exe_231204_162615.dmp) Handled Exception: 0xC0000005: Read 0xFFFFFFFF ACCESS_VIOLATION.')?.fields.FAULTING_MODULE?.value).toBe('AcmeCodecs.dll');
    expect(read('0x00007FFB3C1E4A7C (ntdll.dll)处(位于 acme.exe 中)有未经处理的异常: 0xC0000374: 堆已损坏。')?.exception?.code).toBe(0xc0000374);
    // A C++ exception has no NTSTATUS code there; prose and register dumps are no exception message.
    for (const t of ['Exception thrown at 0x00007FFE1A2B4F69 (KernelBase.dll) in acme.exe: Microsoft C++ exception: std::bad_alloc at memory location 0x000000A1B2CFF5A0.', 'Exception code 0xC0000005 means an access violation: see below', 'rax=0x0000000000000000 rbx=0x00000000c0000005']) {
      expect(read(t)?.exception, t).toBeUndefined();
    }
  });
  it("reads a blue screen's arguments that wrap onto the next line", () => {
    const [b] = blocksOf(runText('  STOP 0x0000004e (0x00000007, 0x00007abf, 0x0000f17e,\n  0x00000000)PFN_LIST_CORRUPT'), 'bugcheck');
    expect(b?.data.bugcheck).toMatchObject({ code: 0x4e, args: ['00000007', '00007abf', '0000f17e', '00000000'], argLines: [1, 1, 1, 2] });
  });
});
