import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s11: the instance the I/O was redirected to, with the blog's "<<<<" notes.
const INSTANCE = `    3: kd> !fltkd.instance 0xffffe000\`0165daa0


    FLT_INSTANCE: ffffe0000165daa0 "Fltdrv2 Instance" "366992" <<<< instance changes.

       FLT_OBJECT: ffffe0000165daa0  [01000000] Instance

          RundownRef               : 0x0000000000000000 (0)

       OperationRundownRef      : ffffe0000165f140

    Could not read field "Number" of fltmgr!_EX_RUNDOWN_REF_CACHE_AWARE from address: ffffe0000165f140

       Flags                    : [00000000]

       Volume                   : ffffe00002501010 "\\Device\\HarddiskVolume4" <<<< volume remains the same

       Filter                   : ffffe00000a9ac50 "DKTLFSMF" <<<< another filter.

       FilterLink               : [ffffe00000a9ad10-ffffe00002553cc0]


    We can notice that instance changes.`;

// From s11: a filter, its symbol error glued to a field, and its instances.
const FILTER = `    3: kd> !fltkd.filter ffffe000011f1010

    FLT_FILTER: ffffe000011f1010 "fltdrv1" "388920"
       FLT_OBJECT: ffffe000011f1010  [02000000] Filter
       Frame                    : ffffe00000ab5010 "Frame 0"
       FilterLink               : [ffffe00000a9ac60-ffffe00000ab50c0] *** ERROR: Module load completed but symbols could not be loaded for fltdrv1.sys
       PreVolumeMount           : fffff80000f1bd78  fltdrv1+0xbd78
       InstanceList             : (ffffe000011f1068) <<<< all filter instances this filter creates.
          FLT_INSTANCE: ffffe000011e6640 "FLTDRV1" "388920"
          FLT_INSTANCE: ffffe0000173d010 "FLTDRV1" "388920"`;

// From s11: all volumes, and one ReFS volume whose type has no name.
const VOLUMES = `    3: kd> !fltkd.volumes

    Volume List: ffffe00000ab5140 "Frame 0"
       FLT_VOLUME: ffffe000010e5010 "\\Device\\Mup"
          FLT_INSTANCE: ffffe000011e6640 "FLTDRV1" "388920"

       FLT_VOLUME: ffffe00002501010 "\\Device\\HarddiskVolume4"
          FLT_INSTANCE: ffffe0000165b010 "FLTDRV1" "388920"
          FLT_INSTANCE: ffffe0000165daa0 "Fltdrv2 Instance" "366992"
    3: kd> !fltkd.volume ffffe0000169e010

    FLT_VOLUME: ffffe0000169e010 "\\Device\\HarddiskVolume5"
       FileSystemType           : [0000001c]
       CDODriverName            : "\\FileSystem\\ReFS"
       InstanceList             : (ffffe0000169e0a0)
          FLT_INSTANCE: ffffe00001694190 "FLTDRV1" "388920"`;

function data(text: string) {
  return blocksOf(runText(text), 'fltkd').map((b) => b.data);
}

describe('the fltkd analyzer', () => {
  it('reads an instance with its volume and the filter it belongs to (DKTLFSMF)', () => {
    const [d] = data(INSTANCE);
    expect(d).toEqual({
      filters: [],
      instances: [{ name: 'Fltdrv2 Instance', altitude: '366992', address: 'ffffe0000165daa0', volume: '\\Device\\HarddiskVolume4', filter: 'DKTLFSMF', line: 4 }],
      volumes: [],
    });
    const [b] = blocksOf(runText(INSTANCE), 'fltkd');
    expect(b!.endLine).toBe(20);
  });

  it('reads a filter and gives its listed instances to it', () => {
    const [d] = data(FILTER);
    expect(d!.filters).toEqual([{ name: 'fltdrv1', altitude: '388920', address: 'ffffe000011f1010', line: 3 }]);
    expect(d!.instances.map((i) => [i.address, i.filter])).toEqual([
      ['ffffe000011e6640', 'fltdrv1'],
      ['ffffe0000173d010', 'fltdrv1'],
    ]);
  });

  it('reads volumes with their instances and file system (NTFS type or ReFS from CDODriverName)', () => {
    const [all, refs] = data(VOLUMES);
    expect(all!.volumes.map((v) => [v.name, v.instances])).toEqual([
      ['\\Device\\Mup', ['ffffe000011e6640']],
      ['\\Device\\HarddiskVolume4', ['ffffe0000165b010', 'ffffe0000165daa0']],
    ]);
    expect(all!.instances.find((i) => i.address === 'ffffe0000165daa0')).toMatchObject({ name: 'Fltdrv2 Instance', volume: '\\Device\\HarddiskVolume4' });
    expect(refs!.volumes).toEqual([{ address: 'ffffe0000169e010', name: '\\Device\\HarddiskVolume5', fileSystem: 'ReFS', instances: ['ffffe00001694190'], line: 12 }]);
    const ntfs = data('FLT_VOLUME: ffffe00002501010 "\\Device\\HarddiskVolume4"\n   FileSystemType           : [00000002] FLT_FSTYPE_NTFS')[0]!;
    expect(ntfs.volumes[0]!.fileSystem).toBe('NTFS');
  });

  it('reads the same from a CRLF copy, and from a copy with curly quotes', () => {
    expect(data(INSTANCE.replace(/\n/g, '\r\n'))).toEqual(data(INSTANCE));
    expect(data(INSTANCE.replace(/"([^"]*)"/g, '\u201c$1\u201d'))).toEqual(data(INSTANCE));
    const spaced = data(FILTER.split('\n').join('\n\n'))[0]!;
    expect(spaced.instances.map((i) => i.filter)).toEqual(['fltdrv1', 'fltdrv1']);
  });

  it('keeps what a truncated paste shows', () => {
    const [d] = data(INSTANCE.split('\n').slice(0, 14).join('\n'));
    expect(d!.instances[0]!.name).toBe('Fltdrv2 Instance');
    expect(d!.instances[0]!.volume).toBeUndefined();
    expect(d!.instances[0]!.filter).toBeUndefined();
  });

  it('recognises fltkd output pasted without its prompt', () => {
    const [d] = data('Here is the instance:\n' + INSTANCE.split('\n').slice(1).join('\n'));
    expect(d!.instances[0]).toMatchObject({ address: 'ffffe0000165daa0', filter: 'DKTLFSMF', line: 4 });
  });

  it('finds nothing in garbage or prose about filters', () => {
    expect(data('The FLT_INSTANCE structure is opaque.\nFilter : a word')).toEqual([]);
    expect(data('\u0001\u0002\u0003')).toEqual([]);
  });
});
