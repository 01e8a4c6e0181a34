// @vitest-environment jsdom
/**
 * Opening files: a crash dump (told by its first bytes) goes to the worker and
 * its derived text replaces the editor's; an empty file, a binary file that is
 * not a dump, or a dump the reader refuses leaves the text alone and says why.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { createAppStore } from '../../src/store/app-store';
import type { DumpOutcome } from '../../src/worker/client';
import { fakeClient, makeReport, renderWithApp } from '../render';

const TEXT = '0: kd> !analyze -v\nBugCheck 9F, {4, 258, 0, 0}';

function setup(dump: (file: Blob, name: string) => DumpOutcome) {
  const seen: string[] = [];
  const store = createAppStore({
    client: fakeClient(
      () => makeReport(),
      (file, name) => {
        seen.push(name);
        return dump(file, name);
      },
    ),
    debounceMs: 0,
  });
  store.setState({ text: TEXT, sourceName: 'mine.log' });
  const r = renderWithApp(<App />, { store });
  const input = screen.getByRole('banner').querySelector<HTMLInputElement>('input[type="file"]')!;
  return { ...r, input, seen };
}

const DERIVED: DumpOutcome = { kind: 'dump', text: '* dumplens derived this text from crash.dmp\nkd> .bugcheck\nBugcheck code 1000007E', report: makeReport({ headline: 'from the dump' }), ms: 12, readMs: 4, analyzeMs: 8, via: 'worker' };

describe('opening files', () => {
  it('reads a file that starts like a dump in the worker and shows its derived text, named as derived', async () => {
    const { store, user, input, seen } = setup(() => DERIVED);
    await user.upload(input, new File([new TextEncoder().encode('PAGEDU64'), new Uint8Array(64)], 'crash.dmp'));
    await waitFor(() => expect(store.getState().text).toBe(DERIVED.kind === 'dump' ? DERIVED.text : ''));
    expect(seen).toEqual(['crash.dmp']);
    expect(await screen.findByText('crash.dmp (derived text)')).toBeInTheDocument();
    await waitFor(() => expect(store.getState().report?.headline).toBe('from the dump'));
  });

  it('keeps the text when the file is empty', async () => {
    const { store, user, input, seen } = setup(() => DERIVED);
    await user.upload(input, new File([], 'empty.dmp'));
    expect(await screen.findByText(/empty\.dmp is empty \(0 bytes\)/)).toBeInTheDocument();
    expect(store.getState()).toMatchObject({ text: TEXT, sourceName: 'mine.log' });
    expect(seen).toEqual([]);
  });

  it('keeps the text when a binary file is not a dump', async () => {
    const { store, user, input, seen } = setup(() => DERIVED);
    const noise = new Uint8Array(4096).map((_, k) => (k * 7919 + 13) % 251);
    await user.upload(input, new File([noise], 'random.dmp'));
    expect(await screen.findByText(/random\.dmp is binary data but not a Windows crash dump/)).toBeInTheDocument();
    expect(screen.getByText('Not a crash dump')).toBeInTheDocument();
    expect(store.getState()).toMatchObject({ text: TEXT, sourceName: 'mine.log' });
    expect(seen).toEqual([]);
  });

  it('keeps the text when the reader refuses the dump (another operating system)', async () => {
    const { store, user, input } = setup((_file, name) => ({ kind: 'refused', problem: 'not-windows', reason: `${name} is a minidump written by Crashpad of a program on macOS, not on Windows.` }));
    await user.upload(input, new File([new TextEncoder().encode('MDMP\x93\xa7\0\0'), new Uint8Array(64)], 'mac.dmp'));
    expect(await screen.findByText('Not a Windows crash dump')).toBeInTheDocument();
    expect(screen.getByText(/mac\.dmp is a minidump written by Crashpad of a program on macOS, not on Windows\. The editor keeps its text\./)).toBeInTheDocument();
    expect(store.getState()).toMatchObject({ text: TEXT, sourceName: 'mine.log' });
  });
});
