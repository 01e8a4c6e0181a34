/**
 * .NET managed stacks and exceptions from the SOS extension:
 *   `!clrstack`       OS Thread Id: 0x1a2c (0)
 *                             Child SP               IP Call Site
 *                     000000d6ebbff9d0 00007ffa1060ead2 Contoso.Billing.Invoice.Total(System.Decimal) [C:\src\Invoice.cs @ 42]
 *   `!pe` / `!printexception`
 *                     Exception type:   System.NullReferenceException
 *                     Message:          Object reference not set to an instance of an object.
 * Reference: https://learn.microsoft.com/dotnet/core/diagnostics/sos-debugging-extension
 *
 * A managed frame has no module name, only a namespace-qualified method; the
 * namespace (`Contoso.Billing`, `System.Threading`) stands in for the module, so
 * framework code (System.*, Microsoft.*) is told apart from the application's.
 */
import type { Analyzer, ClrStackData, Stack, StackFrame } from '../types';

// "000000d6ebbff9d0 00007ffa1060ead2 Contoso.Billing.Invoice.Total(System.Decimal) [C:\src\Invoice.cs @ 42]"
//   SP, IP, then Namespace.Type.Method(args) and an optional [file @ line]; the addresses in either case,
//   a generic method with its instantiation ("…AsyncMethodBuilderCore.Start[[Acme.Worker+d__2, Acme]](…)").
const FRAME = /^\s*([0-9a-f]{1,16})\s+([0-9a-f]{1,16})\s+([A-Za-z_][\w.`+<>]*\.[\w<>`]+(?:\[\[[^()]*\]\])?)\((.*?)\)(?:\s*\[(.*)\])?\s*$/i;
// "000000d6ebbffa40 00007ffa1060dc2e [InlinedCallFrame: 000000d6ebbffa40]" and other runtime frames.
const RUNTIME_FRAME = /^\s*[0-9a-f]{8,16}\s+[0-9a-f]{8,16}\s+\[[A-Za-z_0-9]+Frame[A-Za-z_0-9]*:\s*[0-9a-f]*\]\s*(\S.*)?$/i;
// "OS Thread Id: 0x9628 (42)": the OS thread id and the debugger's thread number.
const THREAD_ID = /^\s*OS Thread Id:\s*0x([0-9a-f]+)(?:\s*\((\d+)\))?/i;
const HEADER = /^\s*(?:OS Thread Id:\s*0x[0-9a-f]+|Child SP\s+IP\s+Call Site)/i;
const EXCEPTION_TYPE = /^\s*Exception type:\s*(\S+)/i;

/** The namespace root of a managed method, standing in for its module. */
export function managedModule(method: string): string {
  // Namespace.Type.Method → Namespace (usually the assembly's name too).
  // Constructors are ".ctor"/".cctor": "Contoso.Settings..ctor" is type Settings, method .ctor.
  // A generic method's instantiation ("Start[[Acme.Worker+d__2, Acme]]") is no part of its name.
  const parts = method.replace(/\[\[.*\]\]$/, '').replace(/\.\.(c?ctor)$/, '.#$1').split('.');
  return parts.length > 2 ? parts.slice(0, -2).join('.') : (parts[0] ?? method);
}

/**
 * One component's namespaces on one stack (`Geta.NotFoundHandler.Core.Redirects`, `Geta.NotFoundHandler.Core`,
 * `Geta.NotFoundHandler.Infrastructure.Initialization`) stand for one assembly: their longest common prefix
 * of two parts or more (`Geta.NotFoundHandler`), as assemblies are usually named after their root namespace.
 */
export function mergeNamespaces(frames: StackFrame[]): void {
  const groups = new Map<string, string[][]>();
  for (const f of frames) {
    const parts = f.module?.split('.') ?? [];
    if (parts.length >= 2) {
      const key = `${parts[0]}.${parts[1]}`;
      groups.set(key, [...(groups.get(key) ?? []), parts]);
    }
  }
  for (const [key, list] of groups) {
    if (new Set(list.map((p) => p.join('.'))).size < 2) {
      continue;
    }
    let n = Math.min(...list.map((p) => p.length));
    while (n > 2 && !list.every((p) => p[n - 1] === (list[0] as string[])[n - 1])) {
      n--;
    }
    const prefix = (list[0] as string[]).slice(0, n).join('.');
    for (const f of frames) {
      if (f.module !== null && (f.module === key || f.module.startsWith(`${key}.`))) {
        f.module = prefix;
      }
    }
  }
}

export const clrstackAnalyzer: Analyzer<'clrstack'> = {
  id: 'clrstack',
  commands: ['!clrstack', '!sos.clrstack', '!pe', '!printexception', '!sos.pe'],
  startsAt(source, i) {
    const t = source.lines[i] as string;
    return HEADER.test(t) || EXCEPTION_TYPE.test(t) || FRAME.test(t);
  },
  analyze(start, ctx) {
    const frames: StackFrame[] = [];
    let exceptionType: { name: string; line: number } | undefined;
    let message: string | undefined;
    let thread: string | undefined;
    let end = start;
    for (let i = start; i < ctx.limit; i++) {
      const t = ctx.source.lines[i] as string;
      if (t.trim() === '') {
        continue;
      }
      if (i > start && ctx.startsOther(i) && !this.startsAt(ctx.source, i, false)) {
        break;
      }
      const tid = THREAD_ID.exec(t);
      if (tid) {
        if (frames.length > 0) {
          break; // the next thread's stack (~*e !clrstack)
        }
        thread = tid[1] as string;
      }
      // "[HelperMethodFrame_1OBJ: 293bd228] System.Threading.Monitor.ObjWait(…)": a runtime frame
      // that names the method it stands for.
      const rt = RUNTIME_FRAME.exec(t);
      let m = rt?.[1] !== undefined ? FRAME.exec(`0 0 ${rt[1]}`) : FRAME.exec(t);
      if (m) {
        const method = m[3] as string;
        const f: StackFrame = { site: `${method}(${m[4] ?? ''})`, module: managedModule(method), symbol: method, offset: null, line: i + 1 };
        frames.push(f);
        end = i + 1;
        continue;
      }
      if ((m = EXCEPTION_TYPE.exec(t))) {
        exceptionType = { name: m[1] as string, line: i + 1 };
        end = i + 1;
        continue;
      }
      const msg = /^\s*Message:\s*(.*)$/i.exec(t);
      if (msg && exceptionType) {
        message = (msg[1] as string).trim();
        end = i + 1;
        continue;
      }
      if (HEADER.test(t) || RUNTIME_FRAME.test(t) || /^\s*(?:InnerException|StackTrace \(generated\)|SP\s+IP\s+Function|HResult|StackTraceString):?/i.test(t)) {
        end = i + 1;
        continue;
      }
      break;
    }
    if (frames.length === 0 && !exceptionType) {
      return { ok: false, reason: 'no managed frames', end: Math.max(end, start + 1) };
    }
    mergeNamespaces(frames);
    const stack: Stack | null =
      frames.length > 0 ? { frames, format: 'bare', line: (frames[0] as StackFrame).line, endLine: end, source: `${ctx.segment.command || '!clrstack'} (managed)` } : null;
    if (stack && thread !== undefined) {
      stack.thread = thread;
    }
    const findings = exceptionType
      ? [
          {
            id: 'clr.exception',
            severity: 'critical' as const,
            title: `.NET exception ${exceptionType.name}${message ? `: ${message}` : ''}`,
            lines: [exceptionType.line],
          },
        ]
      : [];
    const data: ClrStackData = { stack };
    if (exceptionType) {
      data.exceptionType = exceptionType.name;
    }
    if (message !== undefined) {
      data.message = message;
    }
    return { ok: true, data, findings, end };
  },
};
