import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s11 (indented, blank lines between lines).
const S11 = `    3: kd> !devstack 0xffffe000011009b0

      !DevObj           !DrvObj            !DevExt          ObjectName

      ffffe00001143040  \\Driver\\volsnap    ffffe00001143190

    > ffffe000011009b0  \\Driver\\volmgr     ffffe00001100b00  HarddiskVolume4

    !DevNode ffffe00001148a50 :

      DeviceInst is "STORAGE\\Volume\\{19df1540-2f74-11e4-80bb-0050568127c8}#0000000000100000"

      ServiceName is "volsnap"


    The target File open is on HarddiskVolume4.`;

// From s11: a blog note after "<<<<" on a row without an object name.
const NOTE = `    3: kd> !devstack ffffe00002501df0

      !DevObj           !DrvObj            !DevExt          ObjectName

    > ffffe00002501df0  \\FileSystem\\FltMgr ffffe00002501f40

      ffffe00000244030  \\FileSystem\\Ntfs   ffffe00000244180  <<<< this volume is a NTFS volume.
`;

function stacks(text: string) {
  return blocksOf(runText(text), 'devstack');
}

describe('the devstack analyzer', () => {
  it('reads rows top first, marks the current device and reads the service name', () => {
    const [b] = stacks(S11);
    expect(b!.data).toEqual({
      entries: [
        { device: 'ffffe00001143040', driver: '\\Driver\\volsnap', extension: 'ffffe00001143190', current: false, line: 5 },
        { device: 'ffffe000011009b0', driver: '\\Driver\\volmgr', extension: 'ffffe00001100b00', name: 'HarddiskVolume4', current: true, line: 7 },
      ],
      serviceName: 'volsnap',
    });
    expect(b!.endLine).toBe(13);
  });

  it('drops a "<<<<" note instead of taking it for an object name', () => {
    const e = stacks(NOTE)[0]!.data.entries;
    expect(e.map((x) => [x.driver, x.current, x.name])).toEqual([
      ['\\FileSystem\\FltMgr', true, undefined],
      ['\\FileSystem\\Ntfs', false, undefined],
    ]);
  });

  it('reads rows pasted without prompt or header', () => {
    const e = stacks('Here is the stack:\n  ffffe00001143040  \\Driver\\volsnap    ffffe00001143190\n> ffffe000011009b0  \\Driver\\volmgr     ffffe00001100b00  HarddiskVolume4\nThat is all.')[0]!.data.entries;
    expect(e.map((x) => x.driver)).toEqual(['\\Driver\\volsnap', '\\Driver\\volmgr']);
  });

  it('gives the same result for a CRLF copy and with curly quotes around the service name', () => {
    expect(stacks(S11.replace(/\n/g, '\r\n'))[0]!.data).toEqual(stacks(S11)[0]!.data);
    const curly = stacks(S11.replace(/"([^"]*)"/g, '\u201c$1\u201d'))[0]!.data;
    expect(curly.serviceName).toBe('volsnap');
  });

  it('keeps the rows of a truncated paste', () => {
    const e = stacks(S11.split('\n').slice(0, 6).join('\n'))[0]!.data.entries;
    expect(e.map((x) => x.device)).toEqual(['ffffe00001143040']);
  });

  it('finds no device stack in garbage or a bare header', () => {
    expect(stacks('!DevObj !DrvObj are commands\njunk')).toHaveLength(0);
    expect(stacks('kd> !devstack 1234\n!DevObj           !DrvObj            !DevExt          ObjectName\nCould not read device object')).toHaveLength(0);
    expect(stacks('\u0001\u0002\u0003')).toHaveLength(0);
  });
});
