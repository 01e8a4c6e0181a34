import { expect } from 'vitest';
import { analyzeNames } from '../../../../src/analyzers/verdict/rules/analyze-names';
import { analyzeV, type AnalyzeV } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// DRIVER_IRQL_NOT_LESS_OR_EQUAL; the fields follow the arguments (line 15 on).
const D1: AnalyzeV = {
  name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
  code: 'd1',
  args: ['0000000000000008', '0000000000000002', '0000000000000000', 'fffff88004a1ea55'],
};
const FIRST_FIELD = 15;

const withFields = (...fields: NonNullable<AnalyzeV['fields']>): string => analyzeV({ ...D1, fields });

ruleTester(analyzeNames, {
  invalid: [
    {
      name: 'reads the image after "!" when !analyze writes a classification in place of the module (unknown!acme app.exe)',
      text: [
        '(1c2.3d4): Security check failure or stack buffer overrun - code c0000409 (!!! second chance !!!)',
        'SYMBOL_NAME:  unknown!acme_tool_v6.0.exe',
        'FAILURE_BUCKET_ID:  APPLICATION_FAULT_STACK_BUFFER_OVERRUN_BAD_IP_unknown!acme_tool_v6.0.exe',
      ].join('\n'),
      blames: 'acme_tool_v6.0',
      check: (out) => expect(out.top).toBe('acme_tool_v6.0'),
    },
    {
      name: "takes the module a blue screen or WhoCrashed names (What failed, 'probably caused by') as the same opinion (0.3)",
      text: 'Stop code: DRIVER_IRQL_NOT_LESS_OR_EQUAL\nWhat failed: acmefilt.sys',
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: 2, text: "the crash report's summary names it (What failed: acmefilt)" }]),
    },
    {
      name: 'takes MODULE_NAME as one opinion (0.3) against a third-party driver',
      text: withFields(['MODULE_NAME', 'acmefilt']),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: FIRST_FIELD, text: "the debugger's !analyze names it (MODULE_NAME: acmefilt)" }]),
    },
    {
      name: 'reads IMAGE_NAME without its extension',
      text: withFields(['IMAGE_NAME', 'acmefilt.sys']),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => e.weight)).toEqual([0.3]),
    },
    {
      name: "reads the 'Probably caused by' line",
      text: withFields('Probably caused by : acmefilt.sys ( acmefilt+1a55 )'),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]?.text).toContain('Probably caused by'),
    },
    {
      name: 'reads the module name after the base address of FAULTING_MODULE',
      text: withFields(['FAULTING_MODULE', 'fffff8027ced0000 acmefilt']),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => e.module)).toEqual(['acmefilt']),
    },
    {
      name: 'weighs the instruction that faulted (FAULTING_IP, with its disassembly) at 0.45',
      text: withFields('FAULTING_IP: ', 'acmefilt+1a55', 'fffff880`04a1ea55 488b4108        mov     rax,qword ptr [rcx+8]'),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.45, line: FIRST_FIELD + 1, text: 'the faulting instruction is in it (FAULTING_IP: acmefilt+1a55)' }]),
    },
    {
      name: "reads the module before '!' in the failure bucket, dropping the AV_ prefix",
      text: withFields(['FAILURE_BUCKET_ID', 'AV_acmefilt!unknown_function']),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]).toMatchObject({ weight: 0.3, text: "the debugger's failure bucket names it (AV_acmefilt!unknown_function)" }),
    },
    {
      name: 'reads the module MODULE_NAME names at the end of a bucket that puts a pool tag before it (0x13a_11_Acme_acme_kext_v1_1_2)',
      text: withFields(['MODULE_NAME', 'acme_kext_v1_1_2'], ['FAILURE_BUCKET_ID', '0x13a_11_Acme_acme_kext_v1_1_2!unknown_function']),
      blames: 'acme_kext_v1_1_2',
      check: (out) => expect(new Set(out.evidence.map((e) => e.module.toLowerCase()))).toEqual(new Set(['acme_kext_v1_1_2'])),
    },
    {
      name: "takes a module the debugger calls '<name>_wrong_symbols' for that module",
      text: withFields(['MODULE_NAME', 'acmefilt_wrong_symbols'], ['IMAGE_NAME', 'acmefilt.wrong.symbols']),
      blames: 'acmefilt',
      check: (out) => expect(new Set(out.evidence.map((e) => e.module.toLowerCase()))).toEqual(new Set(['acmefilt'])),
    },
    {
      name: "takes the module Visual Studio's exception message names as one opinion (0.3)",
      text: 'Unhandled exception at 0x00007FFE1C0DF26F (acmecodec.dll) in acme.exe: 0xC0000005: Access violation reading location 0x0000000000000000.',
      blames: 'acmecodec',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmecodec', weight: 0.3, line: 1, text: "Visual Studio's exception message names it (the module in parentheses: acmecodec)" }]),
    },
    {
      name: 'finds a known third-party driver among the words of a failure bucket without a module!symbol part',
      text: withFields(['FAILURE_BUCKET_ID', '0x9F_3_teefer2_IMAGE_pci.sys']),
      blames: 'teefer2',
      check: (out) => expect(out.evidence.map((e) => e.module)).toEqual(['teefer2']),
    },
    {
      name: 'weighs a name more (0.5) when Driver Verifier caught the violation',
      text: analyzeV({
        name: 'DRIVER_VERIFIER_DETECTED_VIOLATION',
        code: 'c4',
        args: ['00000000000000f6', '0000000000000270', 'ffffe00012345678', 'fffff88004a1ea55'],
        fields: [['MODULE_NAME', 'acmefilt']],
      }),
      blames: 'acmefilt',
      check: (out) => {
        expect(out.evidence.map((e) => e.weight)).toEqual([0.5]);
        expect(out.evidence[0]?.text).toContain('Driver Verifier caught the violation');
      },
    },
    {
      name: 'counts a driver named by MODULE_NAME, IMAGE_NAME and Probably caused by once',
      text: withFields(['MODULE_NAME', 'acmefilt'], ['IMAGE_NAME', 'acmefilt.sys'], 'Probably caused by : acmefilt.sys ( acmefilt+1a55 )'),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toHaveLength(1),
    },
    {
      name: 'notes a Microsoft module named by !analyze as where the crash was detected, without blaming it',
      text: withFields(['MODULE_NAME', 'nt'], ['IMAGE_NAME', 'ntkrnlmp.exe']),
      finding: 'analyze.names-microsoft',
      check: (out) => {
        expect(out.evidence).toEqual([]);
        expect(out.findings).toEqual([
          { id: 'analyze.names-microsoft', lines: [FIRST_FIELD], title: '!analyze names nt (MODULE_NAME), a Microsoft module: that is where the crash was detected, not necessarily its cause' },
        ]);
      },
    },
    {
      name: 'weighs a third-party module whose symbols failed to load during the analysis (0.2), not a Microsoft one',
      text: withFields(
        '*** WARNING: Unable to verify timestamp for acmefilt.sys',
        '*** ERROR: Module load completed but symbols could not be loaded for acmefilt.sys',
        '*** WARNING: Unable to verify checksum for ntfs.sys',
        ['PROCESS_NAME', 'System'],
      ),
      blames: 'acmefilt',
      check: (out) => {
        // The symbol errors split the output in two blocks of one command: each reason may come twice.
        expect(new Set(out.evidence.map((e) => `${e.module} ${e.weight} ${e.line}`))).toEqual(new Set([`acmefilt 0.2 ${FIRST_FIELD}`, `acmefilt 0.2 ${FIRST_FIELD + 1}`]));
      },
    },
  ],
  valid: [
    { name: 'a bug check without any module named', text: analyzeV(D1) },
    { name: 'the names !analyze gives when it found nothing', text: withFields(['MODULE_NAME', 'Unknown_Module'], ['IMAGE_NAME', 'Unknown_Image']) },
    { name: 'a failure bucket naming only the kernel', text: withFields(['FAILURE_BUCKET_ID', 'AV_nt!KiPageFault']) },
    { name: 'a faulting module whose name the copy cut to one letter', text: withFields(['FAULTING_MODULE', 'fffff803f4c1f000 n']) },
    { name: "a bug check's hex subcode before the kernel's name (0xc2_b_nt)", text: withFields(['FAILURE_BUCKET_ID', 'X64_0xc2_b_nt!ExDeleteResourceLite+199']) },
    { name: 'a faulting instruction inside the kernel', text: withFields('FAULTING_IP: ', 'nt!KiPageFault+260', 'fffff800`02e69f2c 4156            push    r14') },
    {
      name: 'a symbol error printed by another command than !analyze',
      text: `0: kd> .reload\n*** ERROR: Module load completed but symbols could not be loaded for acmefilt.sys\n${analyzeV(D1)}`,
    },
    { name: 'a MODULE_NAME outside any !analyze -v output (prose)', text: 'The module name was acmefilt, as far as I remember.' },
  ],
});
