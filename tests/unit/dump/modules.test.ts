/** Module names as the debugger gives them, and addresses → module+offset. */
import { describe, expect, it } from 'vitest';
import { debuggerModuleName, fileNameOf, findUnloaded, ModuleMap } from '../../../src/dump/modules';

describe('module names', () => {
  it('call the kernel nt and the HAL hal, and everything else by its base name', () => {
    expect(debuggerModuleName('\\SystemRoot\\system32\\ntoskrnl.exe', true)).toBe('nt');
    expect(debuggerModuleName('ntkrnlmp.exe', true)).toBe('nt');
    expect(debuggerModuleName('halmacpi.dll', true)).toBe('hal');
    expect(debuggerModuleName('HalExtQCWdogTimer.dll', true)).toBe('HalExtQCWdogTimer');
    expect(debuggerModuleName('C:\\Program Files\\My App\\my app.exe', false)).toBe('my_app');
    expect(debuggerModuleName('ntoskrnl.exe', false)).toBe('ntoskrnl');
    expect(fileNameOf('/usr/lib/libc.so.6')).toBe('libc.so.6');
  });
});

describe('ModuleMap', () => {
  const map = new ModuleMap([
    { name: 'b', image: 'b.sys', base: 0x3000n, size: 0x1000, timestamp: 0, checksum: 0 },
    { name: 'a', image: 'a.sys', base: 0x1000n, size: 0x1000, timestamp: 0, checksum: 0 },
    { name: 'empty', image: 'e.sys', base: 0x8000n, size: 0, timestamp: 0, checksum: 0 },
  ]);

  it('finds the module of an address and prints module+offset', () => {
    expect(map.symbolize(0x1234n)).toBe('a+0x234');
    expect(map.symbolize(0x3fffn)).toBe('b+0xfff');
    expect(map.symbolize(0x2000n)).toBeNull();
    expect(map.symbolize(0x8000n)).toBeNull();
    expect(map.symbolize(0n)).toBeNull();
  });

  it('accepts call targets in a module or in the 64 KB of import stubs after one', () => {
    expect(map.isCallTarget(0x3800n)).toBe(true);
    expect(map.isCallTarget(0x42a0n)).toBe(true);
    expect(map.isCallTarget(0x14000n)).toBe(false);
    expect(map.isCallTarget(0x500n)).toBe(false);
  });

  it('names the unloaded driver whose old range holds an address', () => {
    expect(findUnloaded([{ name: 'gone', image: 'gone.sys', base: 0x10n, end: 0x20n }], 0x18n)?.image).toBe('gone.sys');
    expect(findUnloaded([{ name: 'gone', image: 'gone.sys', base: 0x10n, end: 0x20n }], 0x20n)).toBeUndefined();
  });
});
