import { expect } from 'vitest';
import { ndisReset } from '../../../../src/analyzers/verdict/rules/ndis-reset';
import { ruleTester } from '../rule-tester';

// !ndiskd.miniport of an adapter stuck in a reset (as in s09); its minidriver is ffffe0004f5b9ba0.
const STUCK = `0: kd> !ndiskd.miniport ffffe0004f5f71a0

     Acme Network Adapter #2

    Ndis handle        ffffe0004f5f71a0
    Ndis API version   v6.40
    Miniport driver    ffffe0004f5b9ba0 - AcmeNet Driver v1.0
    Device object      ffffe0004f5f7050    More information
    Miniport           Running
    Device PnP         Started             Show state history
    NBL status         NDIS_STATUS_RESET_IN_PROGRESS
    Power              D0
    References         0n173               Show detail
                       RESET_IN_PROGRESS, RESTORING_FILTERS,
                       SUPPORTS_MEDIA_SENSE, DOES_NOT_DO_LOOPBACK,`;
const RUNNING = STUCK.replace('NDIS_STATUS_RESET_IN_PROGRESS', 'NDIS_STATUS_SUCCESS').replace('RESET_IN_PROGRESS, ', '');

const PENDING_OID = `0: kd> !ndiskd.oid ffffe8012c504090

    Request type:      OID_METHOD
    Completed:         Not completed
    Cloned from:       OID_RECEIVE_FILTER_SET_FILTER`;

const handlers = (minidriver: string, module: string): string => `0: kd> !ndiskd.minidriver ${minidriver} -handlers

    Miniport Handler                       Function pointer   Symbol (if available)
    InitializeHandlerEx                    fffff80032712fc0   ${module}+3cfc0
    SetOptionsHandler                      fffff8003274bb10   ${module}+75b10`;

ruleTester(ndisReset, {
  invalid: [
    {
      name: "blames the driver whose handlers serve a miniport stuck in reset with an OID pending",
      text: [STUCK, PENDING_OID, handlers('ffffe0004f5b9ba0', 'acmenet')].join('\n'),
      blames: 'acmenet',
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.evidence).toEqual([
          {
            module: 'acmenet',
            weight: 0.5,
            line: 24,
            text: "miniport 'Acme Network Adapter #2' is stuck in RESET_IN_PROGRESS with OID_RECEIVE_FILTER_SET_FILTER not completed, and its miniport driver's handlers are in acmenet",
          },
        ]);
        expect(out.findings).toEqual([{ id: 'signal.hang-deadlock', lines: [3], title: "Evidence of a hang: miniport 'Acme Network Adapter #2' is stuck in reset" }]);
      },
    },
    {
      name: 'blames the driver of a miniport stuck in reset even when no OID is shown',
      text: [STUCK, handlers('ffffe0004f5b9ba0', 'acmenet')].join('\n'),
      blames: 'acmenet',
      check: (out) => expect(out.evidence[0]?.text).toBe("miniport 'Acme Network Adapter #2' is stuck in RESET_IN_PROGRESS, and its miniport driver's handlers are in acmenet"),
    },
    {
      name: 'calls a miniport stuck in reset a hang when its driver is not shown',
      text: STUCK,
      signal: 'hang-deadlock',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'does not blame the handlers of another minidriver',
      text: [STUCK, handlers('ffffe0009999aba0', 'acmeother')].join('\n'),
      signal: 'hang-deadlock',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'does not blame NDIS itself when the handlers are its own',
      text: [STUCK, handlers('ffffe0004f5b9ba0', 'ndis')].join('\n'),
      signal: 'hang-deadlock',
      check: (out) => expect(out.evidence).toEqual([]),
    },
  ],
  valid: [
    { name: 'a running miniport with an OID pending and its handlers', text: [RUNNING, PENDING_OID, handlers('ffffe0004f5b9ba0', 'acmenet')].join('\n') },
    { name: 'the handlers of a minidriver alone', text: handlers('ffffe0004f5b9ba0', 'acmenet') },
  ],
});
