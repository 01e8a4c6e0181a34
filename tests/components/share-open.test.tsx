// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { App } from '../../src/App';
import { applyShared, looksLikeShareFile } from '../../src/components/share/open-shared';
import { createMemoryBackend } from '../../src/history/backend';
import { StorageProvider } from '../../src/history/context';
import { createLocalStore } from '../../src/history/local-store';
import { startPersistence } from '../../src/history/persistence';
import { UpdatePrompt } from '../../src/pwa/UpdatePrompt';
import { decodePayload, encodePayload, encodeShareFile } from '../../src/permalink';
import { createAppStore } from '../../src/store/app-store';
import { fakeClient, renderWithApp } from '../render';

const S04 = readFileSync(join(__dirname, '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S13 = readFileSync(join(__dirname, '../fixtures/seeds/s13-109-driver-object-hook.txt'), 'utf8');

function renderApp(text: string) {
  const local = createLocalStore(createMemoryBackend());
  const store = createAppStore({ client: fakeClient((t) => analyze(t)), debounceMs: 0 });
  store.setState({ text });
  const persistence = startPersistence(store, local, { draftDelayMs: 0, historyDelayMs: 0 });
  const result = renderWithApp(
    <StorageProvider services={{ local, persistence }}>
      <App />
    </StorageProvider>,
    { store },
  );
  return { ...result, local, persistence };
}

function shareFile(name: string, bytes: Uint8Array | string): File {
  return new File([bytes as BlobPart], name, { type: 'application/json' });
}

function fileInput(): HTMLInputElement {
  return screen.getByRole('banner').querySelector<HTMLInputElement>('input[type="file"]')!;
}

afterEach(() => {
  window.location.hash = '';
});

describe('opening a share file', () => {
  it('through Open file restores the shared text and its verdict', async () => {
    const { store, user, persistence } = renderApp('kd> k\nmy own draft');
    const file = shareFile('DRIVER_POWER_STATE_FAILURE · ZTEusbnet.dumplens', encodeShareFile({ kind: 'text', text: S04, title: 'From a forum', redacted: true }));
    await user.upload(fileInput(), file);
    await waitFor(() => expect(store.getState().text).toBe(S04));
    expect(store.getState().sourceName).toBe('From a forum');
    const notice = (await screen.findByText('Opened a shared file')).closest('[role="status"]');
    expect(notice).toHaveTextContent(/placeholders such as <USER1>/);
    expect(notice).toHaveTextContent(/Your previous text is kept in History/);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Verdict' })).toHaveTextContent('ZTEusbnet'));
    persistence.stop();
  });

  it('of an analysis only opens the shared report page', async () => {
    const { store, user, persistence, local } = renderApp('kd> k');
    const report = analyze(S13);
    const file = shareFile('hook.dumplens', encodeShareFile({ kind: 'report', report, redacted: false }));
    await user.upload(fileInput(), file);
    expect(await screen.findByRole('heading', { level: 1, name: /Shared analysis/ })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Verdict' })).toHaveTextContent('vicm');
    expect(store.getState().text).toBe('kd> k');
    // Kept in History, to reopen later.
    await waitFor(async () => expect((await local.listHistory()).map((m) => [m.kind, m.title])).toEqual([['report', 'CRITICAL_STRUCTURE_CORRUPTION · vicm']]));
    persistence.stop();
  });

  it('that is damaged explains why and leaves the draft alone', async () => {
    const { store, user, persistence } = renderApp('kd> k\nmy own draft');
    const file = shareFile('broken.dumplens', '{"dumplens":1,"payload":"v1.eNqrVkrLz1eyUkpKLFKqBQA"}');
    await user.upload(fileInput(), file);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This share file cannot be opened');
    expect(alert).toHaveTextContent('Your own text was not changed.');
    expect(store.getState().text).toBe('kd> k\nmy own draft');
    await user.click(screen.getByRole('button', { name: /^Dismiss/ }));
    expect(screen.queryByRole('alert')).toBeNull();
    persistence.stop();
  });
});

describe('a link pasted into the address bar of the open tab', () => {
  it('opens its text and leaves the address bar clean', async () => {
    const { store, persistence } = renderApp('');
    act(() => {
      window.location.hash = `#${encodePayload({ kind: 'text', text: S13, redacted: false })}`;
    });
    await waitFor(() => expect(store.getState().text).toBe(S13));
    expect(window.location.hash).toBe('');
    expect(store.getState().sourceName).toBe('Shared link');
    persistence.stop();
  });

  it('that is cut off shows a message and changes nothing', async () => {
    const { store, persistence } = renderApp('kd> k');
    const fragment = encodePayload({ kind: 'text', text: S13, redacted: false });
    act(() => {
      window.location.hash = `#${fragment.slice(0, fragment.length - 7)}`;
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This share link cannot be opened');
    expect(alert).toHaveTextContent(/incomplete|damaged/);
    expect(store.getState().text).toBe('kd> k');
    persistence.stop();
  });
});

describe('applyShared', () => {
  it('keeps the draft a shared text replaces in History', async () => {
    const local = createLocalStore(createMemoryBackend());
    const store = createAppStore({ client: fakeClient((t) => analyze(t)), debounceMs: 0 });
    store.setState({ text: S04, sourceName: 's04.txt', status: 'done', report: analyze(S04) });
    const persistence = startPersistence(store, local);
    const route = await applyShared(store, persistence, decodePayload(encodePayload({ kind: 'text', text: S13, redacted: false })), 'link');
    expect(route).toBe('/');
    expect(store.getState().text).toBe(S13);
    await waitFor(async () => expect((await local.listHistory()).map((m) => m.title)).toEqual(['DRIVER_POWER_STATE_FAILURE · ZTEusbnet']));
    persistence.stop();
  });

  it('refuses an unknown version with a message asking to update', async () => {
    const store = createAppStore({ client: fakeClient() });
    expect(await applyShared(store, null, decodePayload('v7.AAAA'), 'link')).toBeNull();
    expect(store.getState().notices[0]?.message).toMatch(/newer dumplens/);
  });
});

describe('looksLikeShareFile', () => {
  it('recognises share files by name or content, and debugger text as not one', () => {
    const link = `https://dumplens.example/#${encodePayload({ kind: 'text', text: 'kd> k', redacted: false })}`;
    expect(looksLikeShareFile('x.DUMPLENS', '')).toBe(true);
    expect(looksLikeShareFile('saved.json', '{ "dumplens": 1, "payload": "v1.x" }')).toBe(true);
    expect(looksLikeShareFile('link.txt', `${link}\n`)).toBe(true);
    expect(looksLikeShareFile('crash.log', S04)).toBe(false);
    expect(looksLikeShareFile('notes.txt', 'see v1.2 of the driver')).toBe(false);
  });
});

describe('UpdatePrompt', () => {
  it('offers the new version only while no analysis is running', async () => {
    const apply = vi.fn();
    const { store, user } = renderWithApp(<UpdatePrompt />);
    expect(screen.queryByText(/new version/)).toBeNull();
    act(() => store.setState({ applyUpdate: apply, status: 'running' }));
    expect(screen.queryByText(/new version/)).toBeNull();
    act(() => store.setState({ status: 'done' }));
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(apply).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByText(/new version/)).toBeNull();
  });
});
