import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, raw } from '../../../bot/channels/console/html.js';

describe('html', () => {
  it('escapes every interpolated value so markup in data renders as text', () => {
    const out = html`<p title="${'"x"'}">${'<script>alert(1)</script>'}</p>`.value;
    expect(out).toBe('<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('inserts nested html fragments and arrays without escaping them twice', () => {
    const items = ['a&b', '<i>'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul>');
  });

  it('renders nothing for null, undefined and false but keeps zero', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('escapes single quotes and ampersands', () => {
    expect(escapeHtml(`'&'`)).toBe('&#39;&amp;&#39;');
  });

  it('passes raw markup through untouched', () => {
    expect(html`${raw('<b>x</b>')}`.value).toBe('<b>x</b>');
  });

  it('keeps JSON embedded in a script element from closing it', () => {
    const out = jsonForScript({ t: '</script><script>alert(1)</script>' }).value;
    expect(out).not.toContain('</script>');
    expect(JSON.parse(out)).toEqual({ t: '</script><script>alert(1)</script>' });
  });
});
