/** Plain-text summary of a report for the terminal. */
import type { AnalysisReport } from '../analyzers/types.ts';
import { countOf } from '../lib/text-lines';

export function formatReport(r: AnalysisReport): string {
  const out: string[] = [];
  out.push(r.headline, '');
  if (r.bugcheck) {
    out.push(`Bug check  ${r.bugcheck.code} ${r.bugcheck.name ?? '(unknown name)'}  (line ${r.bugcheck.line})`);
    if (r.bugcheck.meaning) {
      out.push(`           ${r.bugcheck.meaning}`);
    }
    r.bugcheck.decodedArgs.forEach((a, i) => {
      out.push(`  Arg${i + 1} ${a.value.padEnd(20)} ${a.label}${a.decoded ? ` — ${a.decoded}` : ''}`);
    });
  } else {
    out.push('Bug check  none in this input');
  }
  out.push(`Category   ${r.category}   (session: ${r.kind})`, '');
  if (r.suspects.length === 0) {
    out.push('Suspects   none blamed');
  } else {
    out.push('Suspects');
    r.suspects.forEach((s, i) => {
      const who = [s.vendor, s.product].filter(Boolean).join(', ');
      out.push(`  ${i + 1}. ${s.module}  ${(s.confidence * 100).toFixed(0)}%  [${s.origin}]${who ? `  ${who}` : ''}`);
      for (const reason of s.reasons) {
        out.push(`       - ${reason.text}${reason.line ? ` (line ${reason.line})` : ''}`);
      }
    });
  }
  if (r.findings.length > 0) {
    out.push('', 'Findings');
    for (const f of r.findings) {
      out.push(`  [${f.severity}] ${f.title}${f.lines.length ? ` (line ${f.lines.join(', ')})` : ''}`);
    }
  }
  if (r.nextSteps.length > 0) {
    out.push('', 'Next steps');
    for (const s of r.nextSteps) {
      out.push(`  ${s.command}  — ${s.why}`);
    }
  }
  out.push('', `${countOf(r.commands.length, 'command')}, ${countOf(r.stats.lines, 'line')}, ${countOf(r.stats.blocks, 'block')} parsed`, '');
  return out.join('\n');
}
