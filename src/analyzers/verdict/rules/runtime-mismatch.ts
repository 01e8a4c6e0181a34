/**
 * Rule runtime-mismatch: a fault inside a Microsoft runtime DLL that is the
 * known symptom of a program running with an older runtime than it was built
 * for (knowledge/runtime-faults.ts).
 */
import { frameRuntimeFault, RUNTIME_FAULTS, runtimeFault, type RuntimeFault } from '../../knowledge/runtime-faults';
import { blocksOf } from '../../run';
import { addEvidence, addFinding, exceptionSites, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { decideKind } from '../session';

/** Below a third-party module caught in the act (0.5), above a caller blamed for a library fault. */
const WEIGHT = 0.45;
/** `module!routine` inside a field or a bucket: `NULL_POINTER_READ_c0000005_msvcp140.dll!mtx_do_lock`. */
const QUALIFIED = /([A-Za-z0-9_.-]+)!([A-Za-z_?@$][\w@?$]*)/g;

interface Hit {
  fault: RuntimeFault;
  module: string;
  line: number;
}

/** A bucket's "…_c0000005_msvcp140.dll" names its module at the end of a run of words joined by "_". */
function matchQualified(text: string, line: number): Hit | undefined {
  QUALIFIED.lastIndex = 0;
  for (let m = QUALIFIED.exec(text); m !== null; m = QUALIFIED.exec(text)) {
    const words = (m[1] as string).split('_');
    for (let k = 0; k < words.length; k++) {
      const module = words.slice(k).join('_');
      const fault = runtimeFault(module, m[2] as string);
      if (fault) {
        return { fault, module: module.replace(/\.dll$/i, ''), line };
      }
    }
  }
  return undefined;
}

function findHit(ctx: VerdictContext): Hit | undefined {
  // Where the crash happened: the top frames of each stack, and the exception record's address.
  for (const f of [...ctx.stacks.flatMap((s) => s.frames.slice(0, 2)), ...exceptionSites(ctx)]) {
    const fault = frameRuntimeFault(f);
    if (fault && f.module !== null) {
      return { fault, module: f.module.replace(/\.dll$/i, ''), line: f.line };
    }
  }
  // What !analyze says faulted: the failure bucket, the symbol it followed up, the faulting instruction.
  for (const b of blocksOf(ctx.model, 'analyze-v')) {
    const f = b.data.fields;
    for (const field of [f.FAILURE_BUCKET_ID, f.DEFAULT_BUCKET_ID, f.SYMBOL_NAME, f.FAULTING_IP]) {
      const hit = field ? matchQualified(field.value, field.line) : undefined;
      if (hit) {
        return hit;
      }
    }
  }
  return undefined;
}

export const runtimeMismatch: Rule = {
  id: 'runtime-mismatch',
  description: 'A user-mode crash inside a Microsoft runtime routine whose fault is the known symptom of an older runtime DLL than the program was built for (msvcp140!mtx_do_lock).',
  reasoning:
    'Some faults inside a Microsoft runtime are neither the runtime’s bug nor the caller’s: they are what happens when a program built ' +
    'with a newer toolset runs with an older copy of the runtime. Since Visual Studio 2022 17.10 the C++ library builds std::mutex ' +
    'with a constexpr constructor, and an older msvcp140.dll then dereferences null in its mutex code (mtx_do_lock) at the first lock. ' +
    'Experts recognise the signature and send the user to update the Visual C++ Redistributable, or to find the stale msvcp140.dll ' +
    'that the program or a plug-in loads first, instead of debugging the caller.',
  source: RUNTIME_FAULTS.map((f) => f.source).join('; ') + '; https://learn.microsoft.com/cpp/porting/binary-compat-2015-2017',
  apply(ctx: VerdictContext): void {
    if (!ctx.crash || ctx.bugcheck !== null || decideKind(ctx) === 'kernel') {
      return;
    }
    const hit = findHit(ctx);
    if (!hit) {
      return;
    }
    addEvidence(ctx, hit.module, WEIGHT, `${hit.fault.meaning}: ${hit.fault.fix}`, hit.line);
    addFinding(ctx, {
      id: 'runtime.mismatch',
      severity: 'critical',
      title: `The crash is in ${hit.fault.where} (${hit.module}): the known symptom of a runtime older than the program`,
      detail: `${hit.fault.meaning[0]?.toUpperCase() ?? ''}${hit.fault.meaning.slice(1)}. To fix: ${hit.fault.fix}.`,
      lines: [hit.line],
    });
  },
};
