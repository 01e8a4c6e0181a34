/**
 * Built-in sample sessions, shown on the first visit, in the Samples menu and
 * in the empty state's gallery. Each is our own text written in the debugger's
 * real output format (nothing copied from the fixtures or the web); the module
 * names (acmenet, fabrikamdb, fbnetflt, acmeaudio…) are made up.
 * tests/unit/samples.test.ts checks that each one produces its intended verdict.
 */
import d1AcmenetIrql from './d1-acmenet-irql.txt?raw';
import hangContosoSync from './hang-contososync-cs-deadlock.txt?raw';
import hw124Whea from './hw-124-whea-icache.txt?raw';
import poolFbnetflt from './pool-fbnetflt-nonpaged-leak.txt?raw';

/** What kind of problem a sample shows (drives the gallery's label). */
export type SampleKind = 'crash' | 'hang' | 'leak' | 'hardware';

export interface Sample {
  id: string;
  title: string;
  description: string;
  kind: SampleKind;
  /** Debugger commands the session shows, for the gallery card. */
  commands: readonly string[];
  text: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'd1-acmenet-irql',
    title: 'Network driver at DISPATCH_LEVEL (0xD1)',
    description:
      'A kernel minidump: !analyze -v of DRIVER_IRQL_NOT_LESS_OR_EQUAL during a receive indication by the third-party network driver acmenet.sys, then lm vm of that driver.',
    kind: 'crash',
    commands: ['!analyze -v', 'lm vm'],
    text: d1AcmenetIrql,
  },
  {
    id: 'hang-contososync-cs-deadlock',
    title: 'Service hang: critical-section deadlock',
    description:
      'A user-mode dump of a hung service: !locks shows two critical sections of fabrikamdb.dll held by threads that wait for each other, and ~*kcn shows eight workers queued behind them.',
    kind: 'hang',
    commands: ['!locks', '~', '~*kcn', 'lm t n'],
    text: hangContosoSync,
  },
  {
    id: 'pool-fbnetflt-nonpaged-leak',
    title: 'Non-paged pool leak by a network filter',
    description:
      'A complete kernel dump of a server that ran out of non-paged pool: !vm at 99.8% of its maximum, !poolused 2 with one tag holding most of it, and lm of the filter driver that owns the tag.',
    kind: 'leak',
    commands: ['!vm', '!poolused 2', '!pool', 'lm t n', 'lmvm'],
    text: poolFbnetflt,
  },
  {
    id: 'hw-124-whea-icache',
    title: 'Machine check on an overclocked CPU (0x124)',
    description:
      'WHEA_UNCORRECTABLE_ERROR with !errrec: an instruction-cache error on processor 6, and !sysinfo showing the CPU running 27% above its rated speed. A driver on the stack is not to blame.',
    kind: 'hardware',
    commands: ['!analyze -v', '!errrec', '!sysinfo cpuinfo', '!sysinfo machineid'],
    text: hw124Whea,
  },
];

/** The sample shown on the first visit. */
export const DEFAULT_SAMPLE: Sample = SAMPLES[0]!;
