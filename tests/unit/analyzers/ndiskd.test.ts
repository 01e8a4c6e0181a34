import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s09 (indented, blank lines between lines).
const MINIPORTS = `    0: kd> !ndiskd.miniports

        MiniDriver         Miniport            Name

        ffffe8012a67eba0   ffffe8012ac921a0    Microsoft ISATAP Adapter #5

        ffffe0004f5b9ba0   ffffe0004f5f71a0    FooBar Network Adapter #2

        ffffe0004e98fba0   ffffe0004e95c1a0    WAN Miniport (IP)


    Lets start "bottom to top" through the network stack beginning with the Physical NIC  to check their health state.`;

const MINIPORT = `    0: kd> !ndiskd.miniport ffffe0004f5f71a0



         FooBar Network Adapter #2


        Ndis handle        ffffe0004f5f71a0

        Ndis API version   v6.40

        Miniport driver    ffffe0004f5b9ba0 - FooBarDriver v1.0

        Device object      ffffe0004f5f7050    More information

        Miniport           Running

        Device PnP         Started             Show state history

        NBL status         NDIS_STATUS_RESET_IN_PROGRESS

        Power              D0

        References         0n173               Show detail

                           RESET_IN_PROGRESS, RESTORING_FILTERS,

                           SUPPORTS_MEDIA_SENSE, DOES_NOT_DO_LOOPBACK,




    The above output indicates this Miniport is in status of resetting.  It also is currently processing an OID.`;

// From s09: the OID, then prose, then a handler listing whose command has no prompt,
// with a symbol error line in the middle, then a !stacks row.
const OID = `    0: kd> !ndiskd.oid ffffe8012c504090

        Request type:      OID_METHOD

        Completed:         Not completed

        Cloned from:       OID_RECEIVE_FILTER_SET_FILTER


    Setting a Filter via the OID above is a relatively common operation and should complete very quickly.

    FooDRV.sys is the driver serving this NIC

    !ndiskd.minidriver ffffe0004f5b9ba0 -handlers


        Miniport Handler                       Function pointer   Symbol (if available)

    *** ERROR: Module load completed but symbols could not be loaded for FooDRV.sys

        InitializeHandlerEx                    fffff80032712fc0   FooDRV+3cfc0

        SetOptionsHandler                      fffff8003274bb10   FooDRV+75b10


    Run !stacks 2 FooDRV to search for all threads in the dump that currently have this driver on the stack.`;

function data(text: string) {
  return blocksOf(runText(text), 'ndiskd').map((b) => b.data);
}

describe('the ndiskd analyzer', () => {
  it('reads the !ndiskd.miniports table: minidriver, miniport handle and name', () => {
    const [d] = data(MINIPORTS);
    expect(d!.miniports).toEqual([
      { name: 'Microsoft ISATAP Adapter #5', handle: 'ffffe8012ac921a0', driver: 'ffffe8012a67eba0', flags: [], line: 5 },
      { name: 'FooBar Network Adapter #2', handle: 'ffffe0004f5f71a0', driver: 'ffffe0004f5b9ba0', flags: [], line: 7 },
      { name: 'WAN Miniport (IP)', handle: 'ffffe0004e95c1a0', driver: 'ffffe0004e98fba0', flags: [], line: 9 },
    ]);
    expect(blocksOf(runText(MINIPORTS), 'ndiskd')[0]!.endLine).toBe(9);
  });

  it('reads one miniport: name, handle, driver, state, NBL status and flags', () => {
    const [d] = data(MINIPORT);
    expect(d!.miniports).toEqual([
      {
        name: 'FooBar Network Adapter #2',
        handle: 'ffffe0004f5f71a0',
        driver: 'ffffe0004f5b9ba0',
        driverName: 'FooBarDriver v1.0',
        state: 'Running',
        nblStatus: 'NDIS_STATUS_RESET_IN_PROGRESS',
        flags: ['RESET_IN_PROGRESS', 'RESTORING_FILTERS', 'SUPPORTS_MEDIA_SENSE', 'DOES_NOT_DO_LOOPBACK'],
        line: 5,
      },
    ]);
    expect(blocksOf(runText(MINIPORT), 'ndiskd')[0]!.endLine).toBe(28);
  });

  it('reports the miniport in reset as a critical ndis.miniport.reset finding', () => {
    const f = runText(MINIPORT).findings.filter((x) => x.id === 'ndis.miniport.reset');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'critical', title: 'Network adapter "FooBar Network Adapter #2" is stuck in a reset', lines: [5] });
  });

  it('reads the OID request as not completed and reports it', () => {
    const m = runText(OID);
    const oids = blocksOf(m, 'ndiskd').flatMap((b) => b.data.oids);
    expect(oids).toEqual([{ name: 'OID_RECEIVE_FILTER_SET_FILTER', completed: false, clonedFrom: 'OID_RECEIVE_FILTER_SET_FILTER', line: 3 }]);
    expect(m.findings.filter((x) => x.id === 'ndis.oid.pending').map((x) => x.lines)).toEqual([[3]]);
  });

  it('reads handlers with their module and the minidriver named by the prompt-less command, around a symbol error', () => {
    const m = runText(OID);
    const handlers = blocksOf(m, 'ndiskd').flatMap((b) => b.data.handlers);
    expect(handlers).toEqual([
      { name: 'InitializeHandlerEx', address: 'fffff80032712fc0', module: 'FooDRV', minidriver: 'ffffe0004f5b9ba0', line: 21 },
      { name: 'SetOptionsHandler', address: 'fffff8003274bb10', module: 'FooDRV', minidriver: 'ffffe0004f5b9ba0', line: 23 },
    ]);
    // The symbol error line is left to its own analyzer.
    for (const b of blocksOf(m, 'ndiskd')) {
      expect(b.line > 19 || b.endLine < 19).toBe(true);
    }
  });

  it('takes the minidriver from a typed command', () => {
    const d = data('kd> !ndiskd.minidriver ffffe0004f5b9ba0 -handlers\n    Miniport Handler                       Function pointer   Symbol (if available)\n    InitializeHandlerEx                    fffff80032712fc0   FooDRV!MpInitialize')[0]!;
    expect(d.handlers[0]).toMatchObject({ module: 'FooDRV', minidriver: 'ffffe0004f5b9ba0' });
  });

  it('reads the same from a CRLF copy and from a copy with curly quotes', () => {
    expect(data(MINIPORT.replace(/\n/g, '\r\n'))).toEqual(data(MINIPORT));
    expect(data(MINIPORTS.replace(/"([^"]*)"/g, '\u201c$1\u201d'))).toEqual(data(MINIPORTS));
  });

  it('keeps what a truncated paste shows', () => {
    const [d] = data(MINIPORT.split('\n').slice(0, 11).join('\n'));
    expect(d!.miniports[0]).toMatchObject({ name: 'FooBar Network Adapter #2', handle: 'ffffe0004f5f71a0', flags: [] });
    expect(d!.miniports[0]!.driver).toBeUndefined();
  });

  it('finds nothing in garbage, or in prose that mentions ndiskd', () => {
    expect(data('Type: !ndiskd.help to get the available help.\nMiniport driver is a word')).toEqual([]);
    expect(data('\u0001\u0002\u0003')).toEqual([]);
  });
});
