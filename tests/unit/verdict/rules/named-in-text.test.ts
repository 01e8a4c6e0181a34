import { expect } from 'vitest';
import { namedInText } from '../../../../src/analyzers/verdict/rules/named-in-text';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// A bug check of no particular kind, pasted without its stack.
const CRASH = bugcheckBanner('1C7', ['0', 'ffff8c0ac22351f0', '11', '2']);

ruleTester(namedInText, {
  invalid: [
    {
      name: 'reads a driver file named in capitals with an underscore (DPT_SCSI.SYS), which is no bucket word in a sentence',
      text: `${CRASH}\nObtain the latest driver for this card. The driver in this file, ACME_SCSI.SYS is version 1.Ka.`,
      blames: 'ACME_SCSI',
    },
    {
      name: 'reads a driver file named at the end of a sentence',
      text: `${CRASH}\nHP has provided a fix for this driver, ACMEFEND.SYS. Please contact HP to obtain this fix.`,
      blames: 'ACMEFEND',
    },
    {
      name: 'leads with the driver file the poster names when the output names no module',
      text: `My server crashes every night since acmefilt.sys was updated; I think acmefilt.sys is the cause.\n${CRASH}`,
      blames: 'acmefilt',
      check: (out) => {
        expect(out.evidence).toEqual([
          { module: 'acmefilt', weight: 0.12, line: 1, text: "the text around the output names acmefilt 2 times, and the output itself names no module: the poster's lead, to confirm with the stack" },
        ]);
        expect(out.category).not.toBe('driver');
      },
    },
    {
      name: "reads a known third-party driver's product name (Npcap → npcap)",
      text: `Npcap 0.992 blue screen when sending a malformed capture\n${CRASH}`,
      blames: 'npcap',
    },
    {
      name: "reads a known third-party driver's base name, even at the end of a sentence",
      text: `It happens randomly, and it always points to AdGuard's adgnetworktdidrv.\n${CRASH}`,
      blames: 'adgnetworktdidrv',
    },
    {
      name: 'reads a DLL name in a user-mode hang',
      text: '0:000> ~*k\n # Child-SP          RetAddr               Call Site\n00 000000d6`ebcff8a8 00007ffa`4c2e7034     ntdll!NtWaitForSingleObject+0x14\n01 000000d6`ebcff8b0 00007ffa`4c2e7034     KERNELBASE!WaitForSingleObjectEx+0x8e\nThe app hangs at startup since I added acmehook.dll to it.',
      blames: 'acmehook',
    },
  ],
  valid: [
    { name: 'bucket words before a file name in a failure bucket line', text: `${CRASH}\nFAILURE_BUCKET_ID:  AV_ACME_SCSI.SYS` },
    { name: 'a name in a session without a crash or a hang', text: 'I installed acmefilt.sys yesterday and all is fine.\n0: kd> lm' },
    { name: 'a crash whose stack already names a third-party module', text: `acmefilt.sys is installed.\n${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmebt+0x1a2'])}` },
    { name: "Microsoft drivers, debugger extensions, placeholders and bucket words", text: `${CRASH}\nLoad sos.dll, then run !drvobj drivername; ntfs.sys, BREAKPOINT_80000003_win32u.dll and yourdriver.sys are all named.` },
    { name: 'an English word that happens to be a minifilter base name', text: `${CRASH}\nThe block was freed twice; trace it with the pool tag.` },
    {
      name: 'a driver listed by lm (a loaded-module list names everything loaded)',
      text: `${CRASH}\n0: kd> lm\nstart             end                 module name\nfffff804\`79de0000 fffff804\`79deb000   acmefilt               acmefilt.sys\n    Timestamp:        9D7941CE (This is a reproducible build file hash, not a timestamp)\nfffff804\`79df0000 fffff804\`79dfb000   acmefilt               acmefilt.sys\n`,
    },
    { name: 'a DLL named in a kernel crash', text: `${CRASH}\nThe crash started after acmehook.dll was installed.` },
  ],
});
