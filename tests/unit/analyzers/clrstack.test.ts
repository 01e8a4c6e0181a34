import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { managedModule } from '../../../src/analyzers/commands/clrstack';
import { blocksOf, runText } from '../../../src/analyzers/run';

const CLR = [
  '0:000> !clrstack',
  'OS Thread Id: 0x1a2c (0)',
  '        Child SP               IP Call Site',
  '000000d6ebbff9d0 00007ffa1060ead2 Contoso.Billing.Invoice.Total(System.Decimal) [C:\\src\\Invoice.cs @ 42]',
  '000000d6ebbffa18 00007ffa1060dc00 [InlinedCallFrame: 000000d6ebbffa18]',
  '000000d6ebbffa40 00007ffa1060dc2e Contoso.Billing.Program.Main(System.String[]) [C:\\src\\Program.cs @ 12]',
  '000000d6ebbffa90 00007ffa10600000 System.Threading.ExecutionContext.RunInternal(System.Threading.ExecutionContext, System.Threading.ContextCallback, System.Object)',
];

describe('the clrstack analyzer', () => {
  it('reads managed frames with the namespace standing in for the module', () => {
    const [b] = blocksOf(runText(CLR.join('\n')), 'clrstack');
    expect(b?.data.stack?.frames.map((f) => f.module)).toEqual(['Contoso.Billing', 'Contoso.Billing', 'System.Threading']);
    expect(b?.data.stack?.frames[0]?.line).toBe(4);
  });

  it('reads the exception type and message of !pe', () => {
    const [b] = blocksOf(runText('0:000> !pe\nException object: 000001d2a4c0b2f8\nException type:   System.NullReferenceException\nMessage:          Object reference not set to an instance of an object.'), 'clrstack');
    expect(b?.data.exceptionType).toBe('System.NullReferenceException');
    expect(b?.data.message).toMatch(/^Object reference/);
  });

  it('maps methods to namespaces', () => {
    expect(managedModule('Contoso.Billing.Invoice.Total')).toBe('Contoso.Billing');
    expect(managedModule('App.Main')).toBe('App');
  });

  it('blames the application namespace, never the framework, for an unhandled .NET exception', () => {
    const r = analyze(['0:000> !pe', 'Exception type:   System.NullReferenceException', 'Message:          Object reference not set to an instance of an object.', ...CLR].join('\n'));
    expect(r.kind).toBe('user');
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('Contoso.Billing');
    expect(r.suspects.some((s) => s.module.startsWith('System'))).toBe(false);
  });

  it('reads a headerless managed stack in upper-case hex with a generic method, one component’s namespaces as one module', () => {
    const text = [
      '00007E69D57E67F0 00007e6c3bded5c3 Acme.Redirects.Core.Collections.RedirectCollection.CreateSegment(System.ReadOnlySpan`1, System.String)',
      '00007E69D57E6880 00007e6c3a47ea43 Acme.Redirects.Core.Collections.RedirectCollection.Find(System.Uri)',
      '00007E69D57E6990 00007e6c3bd326f7 Acme.Redirects.Core.RequestHandler.Handle(Microsoft.AspNetCore.Http.HttpContext)',
      '00007E69D57E6A40 00007e6c3bce9418 System.Runtime.CompilerServices.AsyncMethodBuilderCore.Start[[Acme.Redirects.Web.Middleware+d__2, Acme.Redirects]](d__2 ByRef)',
      '00007E69D57E6A90 00007e6c3bce9360 Acme.Redirects.Web.Middleware.InvokeAsync(Microsoft.AspNetCore.Http.HttpContext)',
    ].join('\n');
    const frames = blocksOf(runText(text), 'clrstack')[0]?.data.stack?.frames ?? [];
    expect(frames.map((f) => f.module)).toEqual(['Acme.Redirects', 'Acme.Redirects', 'Acme.Redirects', 'System.Runtime.CompilerServices', 'Acme.Redirects']);
    const r = analyze(`The site hit very high CPU and the only course of action was a restart.\n${text}`);
    expect(r.category).toBe('hang-deadlock');
    expect(r.suspects[0]?.module).toBe('Acme.Redirects');
    expect(r.headline).toMatch(/^A hang: a thread keeps the processor busy/);
  });

  it('recognises nothing in garbage, CRLF copies still parse', () => {
    expect(blocksOf(runText('foo bar\n1234 5678'), 'clrstack')).toEqual([]);
    expect(blocksOf(runText(CLR.join('\r\n')), 'clrstack')[0]?.data.stack?.frames).toHaveLength(3);
  });
});
