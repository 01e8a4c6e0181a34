import { expect } from 'vitest';
import { loaderLock } from '../../../../src/analyzers/verdict/rules/loader-lock';
import { allThreadsK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// The UI thread waits for the loader while a shell extension's DllMain creates a window (it needs the UI thread).
const UI_WAITS = ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!LdrpDrainWorkQueue+0x15e', 'ntdll!LdrpLoadDllInternal+0xc0', 'ntdll!LdrLoadDll+0xe4', 'KERNELBASE!LoadLibraryExW+0x162', 'acmeapp!Main+0x40'];
const DLLMAIN = [
  'win32u!NtUserCreateWindowEx+0x14',
  'user32!CreateWindowExW+0x82',
  'acmeshellext!Init+0x1b2',
  'acmeshellext!DllMain+0x78',
  'ntdll!LdrpCallInitRoutine+0x61',
  'ntdll!LdrpInitializeNode+0x1d3',
  'ntdll!LdrpLoadDllInternal+0x1c7',
  'ntdll!LdrLoadDll+0xe4',
  'combase!CoCreateInstance+0x10c',
];

ruleTester(loaderLock, {
  invalid: [
    {
      name: 'blames the DLL whose DllMain works under the loader lock while the UI thread waits for the loader',
      text: `The application hangs (not responding) when the context menu opens.\n${allThreadsK([
        { index: 0, id: '1a2c.1b3c', sites: UI_WAITS },
        { index: 7, id: '1a2c.2d40', sites: DLLMAIN },
      ])}`,
      blames: 'acmeshellext',
      finding: 'hang.loader-lock',
      check: (out) => {
        expect(out.top).toBe('acmeshellext');
        expect(out.category).toBe('hang-deadlock');
        expect(out.evidence[0]?.text).toMatch(/^acmeshellext!DllMain\+0x78 runs in a DLL entry point \(DllMain\) under the loader lock, while 1 other stack waits for the loader$/);
      },
    },
  ],
  valid: [
    { name: 'a DllMain at work with nobody waiting and not waiting itself', text: allThreadsK([{ index: 7, id: '1a2c.2d40', sites: ['acmeshellext!Init+0x1b2', 'acmeshellext!DllMain+0x78', 'ntdll!LdrpCallInitRoutine+0x61'] }]) },
    {
      name: 'only Microsoft frames above the loader’s call, the DLL’s own frames cut from the copy (frame numbers jump)',
      text: [
        '0:001> kn',
        ' # ChildEBP RetAddr',
        '03 020ef048 763cc6e5 shell32!kfapi::CCriticalSectionLock::CCriticalSectionLock+0x14',
        '07 020ef3b4 763ccbce shell32!kfapi::CKFFacade::GetFolderPath+0xd5',
        '14 020ef9d8 779bfe97 ntdll!LdrpCallInitRoutine+0x14',
        '',
        '0:000> kn',
        ' # ChildEBP RetAddr',
        '00 0012f0a8 779a8da4 ntdll!NtWaitForSingleObject+0xc',
        '01 0012f0ac 779a8c4b ntdll!LdrpDrainWorkQueue+0x5e',
      ].join('\n'),
    },
    { name: 'a crash in a DllMain (an exception, not a hang)', text: `(1a2c.2d40): Access violation - code c0000005 (!!! second chance !!!)\n${allThreadsK([{ index: 7, id: '1a2c.2d40', sites: DLLMAIN }, { index: 0, id: '1a2c.1b3c', sites: UI_WAITS }])}` },
  ],
});
