/**
 * Faults inside a Microsoft runtime DLL that are known to mean a mismatched
 * runtime, not a bug in the runtime or in the code that called it.
 *
 * Source (retrieved 2026-12): the Microsoft STL changelog for Visual Studio
 * 2022 17.10 (https://github.com/microsoft/STL/wiki/Changelog#vs-2022-1710):
 * `std::mutex`'s constructor became constexpr, and programs built with that
 * toolset that run with an older msvcp140.dll "may encounter null dereferences
 * in mutex machinery"; the rule it restates is Microsoft's binary-compatibility
 * page (https://learn.microsoft.com/cpp/porting/binary-compat-2015-2017): the
 * Redistributable must be at least as new as the newest toolset used by any
 * component of the program.
 */

export interface RuntimeFault {
  /** The runtime DLL's base name, as WinDbg prints it (case-insensitive). */
  module: RegExp;
  /** The routine that faults. */
  routine: RegExp;
  /** Where the crash is, as a finding's title says it. */
  where: string;
  /** What it means, in one sentence. */
  meaning: string;
  /** What to do about it. */
  fix: string;
  source: string;
}

export const RUNTIME_FAULTS: readonly RuntimeFault[] = [
  {
    module: /^msvcp140(?:_\w+)?$/i,
    routine: /^_?(?:mtx_do_lock|Mtx_lock)$/,
    where: 'the C++ runtime’s mutex code',
    meaning:
      'a null dereference in the C++ runtime’s mutex code is the known symptom of a program built with Visual Studio 2022 17.10 or later running with an older msvcp140.dll',
    fix: 'install the latest Visual C++ 2015–2022 Redistributable, and look for an older msvcp140.dll shipped beside the program or a plug-in that is loaded first',
    source: 'https://github.com/microsoft/STL/wiki/Changelog#vs-2022-1710',
  },
];

/** The known runtime fault this frame or bucket names (`msvcp140!mtx_do_lock`, `msvcp140.dll!mtx_do_lock`). */
export function runtimeFault(module: string, routine: string): RuntimeFault | undefined {
  const base = module.replace(/\.dll$/i, '');
  return RUNTIME_FAULTS.find((f) => f.module.test(base) && f.routine.test(routine));
}

/** The known runtime fault a frame sits in (`msvcp140!mtx_do_lock+0x9c`), if any. */
export function frameRuntimeFault(f: { module: string | null; symbol: string | null }): RuntimeFault | undefined {
  return f.module !== null && f.symbol !== null ? runtimeFault(f.module, f.symbol) : undefined;
}
