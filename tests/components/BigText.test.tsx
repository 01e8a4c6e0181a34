// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EditorPane } from '../../src/components/editor/EditorPane';
import { PLAIN_PREVIEW_CHARS, PlainEditor } from '../../src/components/editor/PlainEditor';
import { renderWithApp } from '../render';

describe('big texts in the editing area', () => {
  it('the plain editor shows the beginning of a big text, read-only, with a note, never the whole text', () => {
    const text = 'a\n'.repeat(1_000_000);
    renderWithApp(<PlainEditor label="Debugger output" />, { text });
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Debugger output' });
    expect(box.value.length).toBeLessThanOrEqual(PLAIN_PREVIEW_CHARS);
    expect(text.startsWith(box.value)).toBe(true);
    expect(box).toHaveAttribute('readonly');
    expect(screen.getByRole('status')).toHaveTextContent(/Showing the beginning of the text \(2\.0 million characters\)/);
  });

  it('a small text stays whole and editable', () => {
    renderWithApp(<PlainEditor label="Debugger output" />, { text: 'kd> k\n' });
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Debugger output' });
    expect(box.value).toBe('kd> k\n');
    expect(box).not.toHaveAttribute('readonly');
  });

  it('a text of more lines than the editor takes is shown by the read-only view, its lines found a slice at a time', async () => {
    const text = 'kd> k\n'.repeat(400_000);
    renderWithApp(<EditorPane />, { text });
    const view = screen.getByRole('textbox', { name: 'Debugger output' });
    expect(view).toHaveAttribute('aria-readonly', 'true');
    expect(document.querySelector('textarea')).toBeNull();
    await expect.poll(() => view.getAttribute('data-lines'), { timeout: 20_000 }).toBe('400001');
    expect(screen.getByRole('status')).toHaveTextContent(/Read-only: 400,001 lines \(2\.4 MB\)/);
  });
});
