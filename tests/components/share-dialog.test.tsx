// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fflate from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { ShareServiceContext } from '../../src/components/share/share-client';
import { ShareDialog } from '../../src/components/share/ShareDialog';
import { readTextFile } from '../../src/lib/read-file';
import { decodePayload, decodeShareFile } from '../../src/permalink';
import * as redaction from '../../src/permalink/redact';
import { createShareClient, type ShareService } from '../../src/worker/share-client';
import { prepareShare, type ShareRequest } from '../../src/worker/share-prepare';
import { renderWithApp } from '../render';

// Spies on redaction and compression, to tell on which thread they run.
vi.mock('../../src/permalink/redact', async (importOriginal) => {
  const actual = await importOriginal<typeof redaction>();
  return { ...actual, redact: vi.fn(actual.redact), previewRedaction: vi.fn(actual.previewRedaction), redactDetailed: vi.fn(actual.redactDetailed) };
});
vi.mock('fflate', async (importOriginal) => {
  const actual = await importOriginal<typeof fflate>();
  return { ...actual, zlibSync: vi.fn(actual.zlibSync) };
});

const S04 = readFileSync(join(__dirname, '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
/** A session with a user name in a path, a computer name and an IP address. */
const PERSONAL = `${S04}
Loading Dump File [C:\\Users\\alice\\Desktop\\MEMORY.DMP]
COMPUTERNAME=ALICE-PC
Gateway 192.168.1.20
`;

function incompressible(chars: number): string {
  let seed = 7;
  let out = '';
  while (out.length < chars) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += seed.toString(36);
    if (out.length % 64 < 8) {
      out += '\n';
    }
  }
  return out;
}

let blobs: Blob[];
beforeEach(() => {
  blobs = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:test/${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom does not navigate: keep the download anchor's click quiet.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The dialog with a share service that prepares on this thread (jsdom has no workers) and records the requests. */
function renderDialog(text: string, service?: ShareService) {
  const onClose = vi.fn();
  const requests: ShareRequest[] = [];
  const client =
    service ??
    createShareClient({
      createWorker: () => null,
      prepareOnMain: (request) => {
        requests.push(request);
        return prepareShare(request);
      },
    });
  const result = renderWithApp(
    <ShareServiceContext.Provider value={client}>
      <ShareDialog onClose={onClose} />
    </ShareServiceContext.Provider>,
    { text, report: analyze(text) },
  );
  return { ...result, onClose, requests };
}

async function linkOf(): Promise<string> {
  const input = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Share link' }, { timeout: 5000 });
  return input.value;
}

describe('ShareDialog', () => {
  it('shares the full text, redacted, in a link that decodes to the same text with placeholders', async () => {
    renderDialog(PERSONAL);
    expect(screen.getByRole('dialog', { name: 'Share' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Debugger text and analysis/ })).toBeChecked();
    const link = await linkOf();
    const decoded = decodePayload(link);
    expect(decoded.ok).toBe(true);
    if (decoded.ok && decoded.payload.kind === 'text') {
      expect(decoded.payload.redacted).toBe(true);
      expect(decoded.payload.text).toContain('C:\\Users\\<USER1>\\Desktop');
      expect(decoded.payload.text).not.toContain('alice');
      expect(decoded.payload.text).toContain('COMPUTERNAME=<HOST1>');
      expect(decoded.payload.title).toBe('DRIVER_POWER_STATE_FAILURE · ZTEusbnet');
    } else {
      throw new Error('expected a text payload');
    }
  });

  it('previews each replacement as the original struck through and its placeholder', async () => {
    renderDialog(PERSONAL);
    const list = await screen.findByRole('list', { name: 'Replacements by line' });
    const user = within(list).getByText('alice');
    expect(user.tagName).toBe('DEL');
    expect(user.nextElementSibling).toHaveTextContent('<USER1>');
    expect(within(list).getByText('<HOST1>')).toBeInTheDocument();
    expect(within(list).getByText('<IP1>')).toBeInTheDocument();
    expect(screen.getByText('3 replacements on 3 lines')).toBeInTheDocument();
    await linkOf();
  });

  it('a redaction toggle changes the preview and the link', async () => {
    const { user } = renderDialog(PERSONAL);
    await linkOf();
    await user.click(screen.getByRole('checkbox', { name: /IP addresses/ }));
    expect(await screen.findByText('2 replacements on 2 lines')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Replacements by line' });
    expect(within(list).queryByText('<IP1>')).toBeNull();
    const decoded = decodePayload(await linkOf());
    expect(decoded.ok && decoded.payload.kind === 'text' && decoded.payload.text).toContain('Gateway 192.168.1.20');

    await user.click(screen.getByRole('checkbox', { name: /Replace personal identifiers before sharing/ }));
    expect(screen.queryByRole('list', { name: 'Replacements by line' })).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent(/Nothing is replaced/);
    const plain = decodePayload(await linkOf());
    expect(plain.ok && plain.payload.kind === 'text' && plain.payload.redacted).toBe(false);
    expect(plain.ok && plain.payload.kind === 'text' && plain.payload.text).toBe(PERSONAL);
  });

  it('shares only the report of the redacted text, analyzed again by the share service', async () => {
    const { user, requests } = renderDialog(PERSONAL);
    await user.click(screen.getByRole('radio', { name: /Analysis only/ }));
    const decoded = decodePayload(await linkOf());
    expect(decoded.ok && decoded.payload.kind).toBe('report');
    expect(requests.at(-1)).toMatchObject({ mode: 'report', redactOn: true, report: null });
    expect(JSON.stringify(decoded)).not.toContain('alice');
    if (decoded.ok && decoded.payload.kind === 'report') {
      expect(decoded.payload.report.bugcheck?.name).toBe('DRIVER_POWER_STATE_FAILURE');
      expect(decoded.payload.report.suspects[0]?.module).toBe('ZTEusbnet');
    }
  });

  it('says whether the link fits anywhere and copies it', async () => {
    const { user } = renderDialog('kd> k\n # Child-SP RetAddr Call Site\n00 fffff880`0 fffff800`0 acmenet+0x10\n');
    const link = await linkOf();
    const advice = screen.getByText(/characters\./, { selector: 'strong' }).closest('p')!;
    expect(advice).toHaveAttribute('data-advice', 'ok');
    expect(advice).toHaveTextContent(/Fits anywhere/);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(screen.getByText('Link copied.')).toBeInTheDocument();
  });

  it('warns that a long link may be cut by forums', async () => {
    renderDialog(`${S04}\n${incompressible(4000)}`);
    await linkOf();
    const advice = screen.getByText(/characters\./, { selector: 'strong' }).closest('p')!;
    expect(advice).toHaveAttribute('data-advice', 'long');
    expect(advice).toHaveTextContent(/forums, chat and mail often cut links/);
  });

  it('offers a share file instead of a link that is too long, and the file decodes', async () => {
    const { user } = renderDialog(`${S04}\n${incompressible(60_000)}`);
    const advice = await screen.findByText(/Too long for a link/, undefined, { timeout: 5000 });
    expect(advice.closest('p')).toHaveAttribute('data-advice', 'too-long');
    expect(screen.queryByRole('textbox', { name: 'Share link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeDisabled();
    const download = screen.getByRole('button', { name: 'Download share file' });
    expect(download).toHaveClass('button-primary');
    await user.click(download);
    expect(blobs).toHaveLength(1);
    const decoded = decodeShareFile(new TextEncoder().encode((await readTextFile(blobs[0]!)).text));
    expect(decoded.ok && decoded.payload.kind === 'text' && decoded.payload.text.startsWith(S04.slice(0, 200))).toBe(true);
    const anchor = vi.mocked(HTMLAnchorElement.prototype.click).mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('DRIVER_POWER_STATE_FAILURE · ZTEusbnet.dumplens');
  });

  it('closes with Escape', async () => {
    const { user, onClose } = renderDialog(S04);
    await linkOf();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('offers analysis only once the analysis has finished', async () => {
    const { store } = renderDialog(S04);
    await linkOf();
    expect(screen.getByRole('radio', { name: /Analysis only/ })).toBeEnabled();
    store.setState({ status: 'running' });
    await waitFor(() => expect(screen.getByRole('radio', { name: /Analysis only/ })).toBeDisabled());
  });

  it('prepares the preview, the counts and the link off the page’s thread: no redaction or compression here', async () => {
    // Answers prepared beforehand stand for the share worker's.
    const keyOf = (r: ShareRequest) => `${r.text}|${r.mode}|${r.redactOn}|${redaction.REDACT_KINDS.map((k) => (r.kinds[k] ? k : '')).join(',')}`;
    const answers = new Map<string, ReturnType<typeof prepareShare>>();
    const service: ShareService = {
      prepare: (request) => {
        const prepared = answers.get(keyOf(request));
        return Promise.resolve(prepared ? { kind: 'prepared', prepared, via: 'worker' } : { kind: 'error', message: `no answer for ${keyOf(request)}` });
      },
      dispose() {},
    };
    const base = { text: PERSONAL, report: null, mode: 'text' as const, redactOn: true, title: 'DRIVER_POWER_STATE_FAILURE · ZTEusbnet', baseUrl: `${window.location.origin}/` };
    const allKinds = { ...redaction.DEFAULT_REDACT_OPTIONS };
    for (const kinds of [allKinds, { ...allKinds, ip: false }]) {
      answers.set(keyOf({ ...base, kinds }), prepareShare({ ...base, kinds }));
    }
    vi.mocked(redaction.redact).mockClear();
    vi.mocked(redaction.previewRedaction).mockClear();
    vi.mocked(redaction.redactDetailed).mockClear();
    vi.mocked(fflate.zlibSync).mockClear();

    const { user } = renderDialog(PERSONAL, service);
    await linkOf();
    expect(await screen.findByText('3 replacements on 3 lines')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /IP addresses/ }));
    expect(await screen.findByText('2 replacements on 2 lines')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download share file' }));
    expect(blobs).toHaveLength(1);
    expect(vi.mocked(redaction.redact)).not.toHaveBeenCalled();
    expect(vi.mocked(redaction.previewRedaction)).not.toHaveBeenCalled();
    expect(vi.mocked(redaction.redactDetailed)).not.toHaveBeenCalled();
    expect(vi.mocked(fflate.zlibSync)).not.toHaveBeenCalled();
  });
});
