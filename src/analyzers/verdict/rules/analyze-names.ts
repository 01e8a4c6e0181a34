/**
 * Rule analyze-names: what !analyze -v itself names.
 */
import { VERIFIER_CODES } from '../../knowledge/bugcheck-classes';
import { canonicalModuleName, classifyModule, isPseudoModule } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isForeign, isBlameable } from '../modules';
import type { Rule } from '../rule';
import { stackModules } from '../threads';

/** A word of a failure bucket that is not a module: AV, NULL_CLASS_PTR_READ, 0x9F, 3, c0000005, (null), BlockNotBusy. */
const BUCKET_WORD = /^(?:[A-Z][A-Z0-9]*|[0-9]+|0x[0-9a-fA-F]+|[0-9a-fA-F]{8}|\(null\)|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)$/;

/** `unknown!acmeapp.exe`: a pseudo-module before "!", an image file name after it. */
const PSEUDO_IMAGE = /([A-Za-z_]+)!([A-Za-z0-9_.$ -]+?\.(?:exe|dll|sys))(?:\+0x[0-9a-f]+)?\s*$/i;

export const analyzeNames: Rule = {
  id: 'analyze-names',
  description: "MODULE_NAME, IMAGE_NAME, FAULTING_MODULE, FAULTING_IP, 'Probably caused by' and the failure bucket name a module; symbol errors during the analysis name modules it touched.",
  reasoning:
    "!analyze -v picks a faulting module by walking the stack and applying its own rules, and says so in MODULE_NAME, IMAGE_NAME and 'Probably caused by'; FAULTING_IP names the instruction that faulted. Experts take these as one opinion among others: right for a third-party driver caught in the act, misleading when it names the Microsoft module that detected the problem (nt, ntfs, ndis). Under Driver Verifier the named driver was caught as it broke a rule, which weighs more.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze; https://learn.microsoft.com/windows-hardware/drivers/debugger/using-the--analyze-extension",
  apply(ctx: VerdictContext): void {
    // Windows' and crash tools' summaries name a module the same way ("What failed:", WhoCrashed).
    for (const b of blocksOf(ctx.model, 'bugcheck')) {
      if (b.data.probablyCausedBy) {
        const line = b.data.probablyCausedBy.line;
        // The field's own label ("Caused By Driver", "What failed"); a row of a crash list has none.
        const label = (ctx.model.source.lines[line - 1] ?? '').trim().replace(/:.*$/, '').replace(/\s+/g, ' ');
        weighNames(ctx, [[b.data.probablyCausedBy.module, line, label.length <= 60 && !/\d/.test(label) ? label : 'its row']], "the crash report's summary");
      }
      // Visual Studio's exception message names the module the exception was raised in.
      const fm = b.data.fields.FAULTING_MODULE;
      if (fm) {
        weighNames(ctx, [[fm.value.replace(/\.(?:dll|exe|sys|ocx|drv)$/i, ''), fm.line, 'the module in parentheses']], "Visual Studio's exception message");
      }
    }
    for (const b of blocksOf(ctx.model, 'analyze-v')) {
      const d = b.data;
      const candidates: [string, number, string][] = [];
      const mod = d.fields.MODULE_NAME;
      const img = d.fields.IMAGE_NAME;
      const fm = d.fields.FAULTING_MODULE;
      if (fm) {
        // "FAULTING_MODULE: fffff8027ced0000 echosrv": the name follows the base address.
        const name = fm.value.split(/\s+/).find((t) => !/^(?:0x)?[0-9a-f`]{8,}$/i.test(t)) ?? '';
        // One letter is a name cut short by the copy ("… fffff803f4c1f000 n" for nt), not a module.
        if (name.length >= 2) {
          candidates.push([name, fm.line, 'Faulting module']);
        }
      }
      // The failure bucket often names the driver even when MODULE_NAME names the image that
      // detected it: "0x9F_3_nvlddmkm_IMAGE_pci.sys", "AV_SbieDrv!unknown_function".
      const bucket = d.fields.FAILURE_BUCKET_ID;
      if (bucket) {
        const named = new Set<string>();
        const bang = /^([A-Za-z0-9._-]+)!/.exec(bucket.value.trim());
        if (bang) {
          // The module is the end of the run before "!": "AV_SbieDrv", "AV_mullvad_split_tunnel",
          // "INVALID_POINTER_EXECUTE_c0000005_Beacon_x64.exe". The bucket's own words come first
          // (upper case, codes, "(null)", CamelCase classes such as BlockNotBusy); what follows them
          // is the module when it reads like one. Otherwise (words after the module too, as in
          // "0xEF_csrss.exe_BUGCHECK_…_ntdll") take the shortest ending that names a module we know
          // of (tables or this session's stacks).
          const parts = (bang[1] as string).split('_');
          let k = 0;
          // A bug check's subcode follows its code in hex: "0xc2_b", "0x1a_41790".
          const subcode = (j: number): boolean => j > 0 && /^0x/i.test(parts[j - 1] as string) && /^[0-9a-fA-F]{1,5}$/.test(parts[j] as string);
          while (k < parts.length - 1 && (BUCKET_WORD.test(parts[k] as string) || subcode(k))) {
            k++;
          }
          const rest = parts.slice(k);
          let pick: string | undefined;
          // The module the analysis named, at the run's end, is the bucket's module whatever precedes it
          // (a pool tag in "0x13a_11_PMas_acme_kext_v1_1_2"): its name may hold underscores of its own.
          const run = canonicalModuleName(bang[1] as string);
          pick = [mod, img]
            .map((f) => f?.value.trim().split(/\s+/)[0])
            .find((v): v is string => v !== undefined && v !== '' && (run === canonicalModuleName(v) || run.endsWith(`_${canonicalModuleName(v)}`)));
          if (pick === undefined && rest.join('_').length <= 40 && (rest.length === 1 || !rest.some((t) => /^[A-Z]{2,}[A-Z0-9]*$/.test(t)))) {
            pick = rest.join('_');
          }
          const seen = stackModules(ctx);
          for (let j = parts.length - 1; j >= 0 && pick === undefined; j--) {
            const cand = parts.slice(j).join('_');
            if (classifyModule(cand) !== 'unknown' || seen.has(canonicalModuleName(cand))) {
              pick = cand;
            }
          }
          if (pick !== undefined) {
            named.add(pick);
          }
        }
        for (const tok of bucket.value.split(/[_!]/)) {
          if (tok.length >= 3 && !/^(?:0x)?[0-9a-f]+$/i.test(tok) && classifyModule(tok) === 'third-party') {
            named.add(tok);
          }
        }
        for (const n of named) {
          if (isBlameable(n) && !/^(?:nt|hal|unknown|memory|hardware|IMAGE)$/i.test(n)) {
            addEvidence(ctx, n, 0.3, `the debugger's failure bucket names it (${bucket.value})`, bucket.line);
          }
        }
      }
      // "unknown!acmeapp.exe", "heap_corruption!acmeweb.exe": when !analyze cannot name a module it writes its
      // classification before "!" and the image the process ran after it; that image is the program at fault.
      for (const field of [d.fields.SYMBOL_NAME, d.fields.FAILURE_BUCKET_ID]) {
        const pm = field ? PSEUDO_IMAGE.exec(field.value) : null;
        if (field && pm && isPseudoModule((pm[1] as string).split('_').slice(-1)[0] as string) && isBlameable(pm[2] as string)) {
          candidates.push([pm[2] as string, field.line, field === d.fields.SYMBOL_NAME ? 'SYMBOL_NAME' : 'FAILURE_BUCKET_ID']);
          break;
        }
      }
      if (mod) {
        candidates.push([mod.value, mod.line, 'MODULE_NAME']);
      }
      if (img) {
        candidates.push([img.value, img.line, 'IMAGE_NAME']);
      }
      if (d.probablyCausedBy) {
        candidates.push([d.probablyCausedBy.module, d.probablyCausedBy.line, 'Probably caused by']);
      }
      const ip = d.fields.FAULTING_IP;
      if (ip && ip.value !== '') {
        const site = ip.value.split(/\s/)[0] ?? '';
        const mod = site.replace(/[!+].*$/, '');
        if (mod !== '' && isBlameable(mod)) {
          addEvidence(ctx, mod, 0.45, `the faulting instruction is in it (FAULTING_IP: ${site})`, ip.line);
        }
      }
      // Symbols the debugger failed to load while analyzing: modules the analysis touched.
      for (const e of blocksOf(ctx.model, 'symerr')) {
        if (e.segment !== b.segment) {
          continue;
        }
        for (const m of e.data.modules) {
          if (isForeign(m.module)) {
            addEvidence(ctx, m.module, 0.2, `the debugger had to load it (and found no verified symbols) while analyzing this crash`, m.line);
          }
        }
      }
      weighNames(ctx, candidates);
    }
  },
};

/** Weigh the modules !analyze (or a crash summary) names: [name as printed, line, label]. */
function weighNames(ctx: VerdictContext, candidates: readonly [string, number, string][], who = "the debugger's !analyze"): void {
  const done = new Set<string>();
  for (const [raw, line, label] of candidates) {
    // "acmefilt_wrong_symbols": the debugger's name for acmefilt when its symbols do not match it.
    const name = (raw.split(/\s/)[0] ?? '').replace(/[._]wrong[._]symbols$/i, '');
    if (name === '' || /^unknown/i.test(name)) {
      continue;
    }
    const key = canonicalModuleName(name);
    if (done.has(key)) {
      continue;
    }
    done.add(key);
    if (!isBlameable(name)) {
      addFinding(ctx, {
        id: 'analyze.names-microsoft',
        severity: 'info',
        title: `${who.replace("the debugger's ", '')} names ${name} (${label}), a Microsoft module: that is where the crash was detected, not necessarily its cause`,
        lines: [line],
      });
    } else {
      const caught = ctx.bugcheck !== null && VERIFIER_CODES.has(ctx.bugcheck.code);
      addEvidence(ctx, name, caught ? 0.5 : 0.3, `${who} names it (${label}: ${raw})${caught ? ', and Driver Verifier caught the violation as it happened' : ''}`, line);
    }
  }
}
