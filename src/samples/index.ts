/**
 * Built-in sample sessions, shown on the first visit and in the Samples menu.
 * Each is our own text written in the debugger's real output format.
 */
import d1AcmenetIrql from './d1-acmenet-irql.txt?raw';

export interface Sample {
  id: string;
  title: string;
  description: string;
  text: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'd1-acmenet-irql',
    title: 'Network driver at DISPATCH_LEVEL (0xD1)',
    description:
      'A kernel minidump: !analyze -v of DRIVER_IRQL_NOT_LESS_OR_EQUAL during a receive indication by the third-party network driver acmenet.sys, then lm vm of that driver.',
    text: d1AcmenetIrql,
  },
];

/** The sample shown on the first visit. */
export const DEFAULT_SAMPLE: Sample = SAMPLES[0]!;
