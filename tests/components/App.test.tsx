// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { makeReport, renderWithApp } from '../render';

const REPORT = makeReport({
  category: 'driver',
  headline: 'acmenet is the likely culprit.',
  suspects: [{ module: 'acmenet', confidence: 0.7, origin: 'unknown', reasons: [{ text: 'on the faulting stack', line: 3, rule: 'faulting-stack' }] }],
});

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

describe('App', () => {
  it('analyzes typed text after a pause and shows the verdict', async () => {
    const { user } = renderWithApp(<App />, { text: '' });
    expect(screen.getByRole('heading', { name: 'Paste a debugger session' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Debugger output' }), 'kd> k');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Verdict' })).toBeInTheDocument());
  });

  it('reveals a reason line in the plain editor by selecting that line', async () => {
    const text = 'line one\nline two\n  ZTEusbnet+0x35dd\nline four';
    const { user } = renderWithApp(<App />, { report: REPORT, text });
    await user.click(screen.getByRole('button', { name: /on the faulting stack/ }));
    const editor = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Debugger output' });
    expect(editor).toHaveFocus();
    expect(text.slice(editor.selectionStart, editor.selectionEnd)).toBe('  ZTEusbnet+0x35dd');
  });

  it('opens a UTF-16 file through the header button and names its source', async () => {
    const { store, user } = renderWithApp(<App />, { text: '' });
    const header = screen.getByRole('banner');
    const input = header.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File([utf16le('0: kd> !analyze -v\r\nBugCheck 9F, {4, 258, 0, 0}') as BlobPart], 'crash.log', { type: 'text/plain' });
    await user.upload(input, file);
    await waitFor(() => expect(store.getState().text).toBe('0: kd> !analyze -v\r\nBugCheck 9F, {4, 258, 0, 0}'));
    expect(store.getState().sourceName).toBe('crash.log');
    expect(await screen.findByText('crash.log')).toBeInTheDocument();
  });

  it('stops naming the sample once the whole text is replaced by a paste, not after a small edit', async () => {
    const { store, user } = renderWithApp(<App />, { text: '' });
    store.getState().loadText('0: kd> !analyze -v\nBugCheck 9F, {4, 258, 0, 0}', 'Network driver at DISPATCH_LEVEL (0xD1)');
    const editor = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Debugger output' });
    await waitFor(() => expect(editor.value).toContain('BugCheck 9F'));
    expect(screen.getByText('Network driver at DISPATCH_LEVEL (0xD1)')).toBeInTheDocument();
    // A small edit keeps the name.
    await user.type(editor, ' ');
    expect(store.getState().sourceName).toBe('Network driver at DISPATCH_LEVEL (0xD1)');
    // Select all, then paste one's own session over it.
    editor.focus();
    editor.setSelectionRange(0, editor.value.length);
    fireEvent.select(editor);
    await user.paste('1: kd> !analyze -v\nBugCheck D1, {0, 2, 0, fffff88004a1ea55}');
    expect(store.getState().text).toBe('1: kd> !analyze -v\nBugCheck D1, {0, 2, 0, fffff88004a1ea55}');
    expect(store.getState().sourceName).toBeNull();
    expect(screen.getByText('Pasted text')).toBeInTheDocument();
  });

  it('runs a header menu from the keyboard: first item focused, arrows wrap, Escape returns to the button', async () => {
    const { user } = renderWithApp(<App />, { text: '' });
    const button = screen.getByRole('button', { name: 'Samples' });
    await user.click(button);
    const items = within(screen.getByRole('menu', { name: 'Sample sessions' })).getAllByRole('menuitem');
    expect(items.length).toBeGreaterThan(1);
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(items[items.length - 1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
    // A press outside closes it too.
    await user.click(button);
    await user.click(screen.getByRole('banner'));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('loads the built-in sample from the Samples menu', async () => {
    const { store, user } = renderWithApp(<App />, { text: '' });
    await user.click(screen.getByRole('button', { name: 'Samples' }));
    const menu = screen.getByRole('menu', { name: 'Sample sessions' });
    await user.click(within(menu).getAllByRole('menuitem')[0]!);
    expect(store.getState().text).toContain('!analyze -v');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('routes /about to the About page, which says nothing leaves the browser', async () => {
    renderWithApp(<App />, { route: '/about' });
    expect(await screen.findByRole('heading', { level: 1, name: 'About dumplens' })).toBeInTheDocument();
    expect(screen.getByText(/Nothing you paste or open is uploaded/)).toBeInTheDocument();
  });

  it('routes unknown paths to the not-found page', () => {
    renderWithApp(<App />, { route: '/nowhere' });
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/nowhere')).toBeInTheDocument();
  });
});
