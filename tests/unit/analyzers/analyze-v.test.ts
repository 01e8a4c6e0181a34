import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

const SEEDS = join(__dirname, '../../fixtures/seeds');
const NEW_FORMAT = [
  '0: kd> !analyze -v',
  '*******************************************************************************',
  '*                                                                             *',
  '*                        Bugcheck Analysis                                    *',
  '*                                                                             *',
  '*******************************************************************************',
  '',
  'DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)',
  'An attempt was made to access a pageable (or completely invalid) address at an',
  'interrupt request level (IRQL) that is too high.',
  'Arguments:',
  'Arg1: 0000000000000008, memory referenced',
  'Arg2: 0000000000000002, IRQL',
  'Arg3: 0000000000000000, value 0 = read operation, 1 = write operation',
  'Arg4: fffff8068a1c75b0, address which referenced memory',
  '',
  'KEY_VALUES_STRING: 1',
  '',
  '    Key  : Failure.Bucket',
  '    Value: AV_acmefilt!Receive',
  '',
  'BUGCHECK_CODE:  d1',
  'BUGCHECK_P1: 8',
  'PROCESS_NAME:  System',
  'FAULTING_IP: ',
  'acmefilt+1a55',
  'fffff806`8a1c75b0 488b4108        mov     rax,qword ptr [rcx+8]',
  'STACK_TEXT:  ',
  'fffff806`8c2a3d28 fffff806`8a9d5e69     : 00000000`0000000a 00000000`00000008 00000000`00000002 00000000`00000000 : nt!KeBugCheckEx',
  'fffff806`8c2a3d30 fffff806`8a9d2169     : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : acmefilt+0x1a55',
  '',
  'MODULE_NAME: acmefilt',
  'IMAGE_NAME:  acmefilt.sys',
  'FAILURE_BUCKET_ID:  AV_acmefilt!unknown_function',
];

describe('the !analyze -v analyzer', () => {
  it('reads name, code, arguments, fields, key/value pairs, faulting IP and STACK_TEXT', () => {
    const [b] = blocksOf(runText(NEW_FORMAT.join('\n')), 'analyze-v');
    const d = b?.data;
    expect(d?.bugcheck).toMatchObject({ code: 0xd1, name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', args: ['0000000000000008', '0000000000000002', '0000000000000000', 'fffff8068a1c75b0'] });
    expect(d?.fields.MODULE_NAME?.value).toBe('acmefilt');
    expect(d?.fields['KV:Failure.Bucket']).toEqual({ value: 'AV_acmefilt!Receive', line: 20 });
    expect(d?.fields.FAULTING_IP).toEqual({ value: 'acmefilt+1a55', line: 26 });
    expect(d?.stack?.frames.map((f) => f.site)).toEqual(['nt!KeBugCheckEx', 'acmefilt+0x1a55']);
    expect(d?.argText[0]).toBe('memory referenced');
  });

  it('reads only the BUGCHECK_Pn lines of a partial paste, without a code', () => {
    const text = readFileSync(join(SEEDS, 's01-5a-boot-driver-image-hash.txt'), 'utf8');
    const blocks = blocksOf(runText(text), 'analyze-v');
    const withArgs = blocks.find((b) => b.data.bugcheck !== null);
    expect(withArgs?.data.bugcheck?.args).toEqual(['', 'ffff9907c7d23060', 'ffffd50fe22139c0', 'ffffffffc0000428']);
    expect(Number.isNaN(withArgs?.data.bugcheck?.code)).toBe(true);
  });

  it('reads a flattened paste with the name and every argument on one line', () => {
    const [b] = blocksOf(runText('CRITICAL_OBJECT_TERMINATION (f4) A process or thread crucial to system operation has exited. Arguments: Arg1: 00000003, Process Arg2: 8a760670, Terminating object Arg3: 8a7607e4, name Arg4: 805d2990'), 'analyze-v');
    expect(b?.data.bugcheck).toMatchObject({ code: 0xf4, args: ['00000003', '8a760670', '8a7607e4', '805d2990'] });
  });

  it('gives the same data for CRLF, double spacing and curly quotes', () => {
    const base = blocksOf(runText(NEW_FORMAT.join('\n')), 'analyze-v')[0]?.data.bugcheck;
    expect(blocksOf(runText(NEW_FORMAT.join('\r\n')), 'analyze-v')[0]?.data.bugcheck?.args).toEqual(base?.args);
    const doubled = blocksOf(runText(NEW_FORMAT.join('\n\n').replace(/'/g, '\u2019')), 'analyze-v')[0]?.data;
    expect(doubled?.bugcheck?.code).toBe(0xd1);
    expect(doubled?.stack?.frames).toHaveLength(2);
  });

  it('keeps what came before a cut-off paste', () => {
    const [b] = blocksOf(runText(NEW_FORMAT.slice(0, 14).join('\n')), 'analyze-v');
    expect(b?.data.bugcheck?.args.slice(0, 3)).toEqual(['0000000000000008', '0000000000000002', '0000000000000000']);
  });

  it('finds nothing in prose that only names a bug check', () => {
    expect(blocksOf(runText('This generates a CRITICAL_PROCESS_DIED bugcheck when the process exits.'), 'analyze-v')).toEqual([]);
  });
});

describe('crash summaries outside !analyze', () => {
  it("reads a DbgHelp crash reporter's line: the exception and the module it happened in", () => {
    const [b] = blocksOf(runText('App.exe caused an Access Violation at location 00007FF9D631AAAB in module acmegl.dll Reading from location 0000000000000428.'), 'analyze-v');
    expect(b?.data.exception?.code).toBe(0xc0000005);
    expect(b?.data.fields.FAULTING_MODULE?.value).toBe('acmegl.dll');
  });

  it("takes a user-mode bucket's exception code, but not a breakpoint's (a hang dump)", () => {
    expect(blocksOf(runText('FAILURE_BUCKET_ID:  ILLEGAL_INSTRUCTION_c000001d_AcmeTerm.exe!Render::StartPaint'), 'analyze-v')[0]?.data.exception?.code).toBe(0xc000001d);
    expect(blocksOf(runText('FAILURE_BUCKET_ID:  BREAKPOINT_80000003_win32u!NtUserMsgWaitForMultipleObjectsEx'), 'analyze-v')[0]?.data.exception).toBeUndefined();
    expect(blocksOf(runText('FAILURE_BUCKET_ID:  0x7A_c000009c_DISK_HARDWARE_ERROR'), 'analyze-v')[0]?.data.exception).toBeUndefined();
  });
});

describe('a code the debugger cannot name', () => {
  const unknown = (code: string, args: string[]): string =>
    [`Unknown bugcheck code (${code})`, 'Unknown bugcheck description', 'Arguments:', ...args.map((a, k) => `Arg${k + 1}: ${a}`)].join('\n');

  it("reads a driver's own code (0xDEAD7495) with its arguments", async () => {
    const { analyze } = await import('../../../src/analyzers/index');
    const r = analyze(unknown('dead7495', ['00000000121e0009', '000000000125027e', '0000000011af0000', '0000000000000000']));
    expect(r.bugcheck?.code).toBe('0xDEAD7495');
    expect(r.bugcheck?.args).toEqual(['0x121e0009', '0x125027e', '0x11af0000', '0x0']);
  });

  it("reads a live break's code 0 with zero arguments as no bug check", async () => {
    const { analyze } = await import('../../../src/analyzers/index');
    expect(analyze(unknown('0', ['0000000000000000', '0000000000000000', '0000000000000000', '0000000000000000'])).bugcheck).toBeNull();
  });
});

describe("!analyze's verdict line quoted in a sentence", () => {
  it('reads "Probably caused by" quoted whole in prose, module and site, as the analysis of a crash', async () => {
    const text = 'The message „Probably caused by : w22n51.sys ( w22n51+69222 )“ already solved the riddle.';
    expect(blocksOf(runText(text), 'analyze-v')[0]?.data.probablyCausedBy).toEqual({ module: 'w22n51', line: 1 });
    const { analyze } = await import('../../../src/analyzers/index');
    const r = analyze(text);
    expect(r.suspects[0]?.module).toBe('w22n51');
    expect(r.category).toBe('driver');
  });

  it('leaves a sentence that only mentions the phrase, without the site the debugger prints', () => {
    expect(blocksOf(runText('Windbg said Probably caused by : acmefilt.sys, so I removed it.'), 'analyze-v')).toHaveLength(0);
  });
});

describe("arguments' own words", () => {
  const C9 = [
    'DRIVER_VERIFIER_IOMANAGER_VIOLATION (c9)',
    'The IO manager has caught a misbehaving driver.',
    'Arguments:',
    'Arg1: 000000000000021f, A driver has not filled out a dispatch routine for a required IRP major function.',
    'Arg2: fffff800e247b174, The address in the driver\'s code where the error was detected.',
    'Arg3: ffffcf8147d54dc0, IRP address.',
    'Arg4: 0000000000000000',
    '',
    'With faulting ip: acmevbus+b174',
  ].join('\n');

  it('ends an argument description at a blank line', () => {
    const d = blocksOf(runText(C9), 'analyze-v')[0]?.data;
    expect(d?.argText[3] ?? '').toBe('');
  });

  it("shows the debugger's words where the table has nothing specific for the value", async () => {
    const { analyze } = await import('../../../src/analyzers/index');
    const args = analyze(C9).bugcheck?.decodedArgs ?? [];
    expect(args[0]?.decoded).toBe('as the debugger puts it: A driver has not filled out a dispatch routine for a required IRP major function.');
    expect(args[3]?.decoded).toBeUndefined();
  });
  it('reads the four arguments of a copy that lost its line breaks, a value wrapped onto the next line', () => {
    const text = ['CRITICAL_STRUCTURE_CORRUPTION (109)', 'Arguments:', 'Arg1: a3a01f59123f66cd, Reserved Arg2: b3b72bdf64bca950, Reserved Arg3:', 'fffff8029c85fb2c, Failure type dependent information Arg4: 0000000000000001,', 'Type of corrupted region'].join('\n');
    const [b] = blocksOf(runText(text), 'analyze-v');
    expect(b?.data.bugcheck?.args).toEqual(['a3a01f59123f66cd', 'b3b72bdf64bca950', 'fffff8029c85fb2c', '0000000000000001']);
  });
});
