import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../webview/markdown';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
const render = createMarkdownRenderer(dom.window as unknown as Window);

/** Parses the rendered HTML and reports everything that could run script or load something. */
function dangers(html: string): string[] {
  const box = dom.window.document.createElement('div');
  box.innerHTML = html;
  const found: string[] = [];
  for (const node of box.querySelectorAll('*')) {
    const tag = node.tagName.toLowerCase();
    if (
      [
        'script',
        'style',
        'iframe',
        'object',
        'embed',
        'svg',
        'math',
        'img',
        'form',
        'link',
        'meta',
        'base',
        'video',
        'audio',
      ].includes(tag)
    )
      found.push(`<${tag}>`);
    for (const attr of node.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'src' || name === 'srcset' || name === 'formaction')
        found.push(`${tag}[${name}]`);
      if ((name === 'href' || name === 'xlink:href') && !/^(https?:|mailto:)/i.test(attr.value.trim()))
        found.push(`${tag}[href=${attr.value}]`);
    }
  }
  return found;
}

function textOf(html: string): string {
  const box = dom.window.document.createElement('div');
  box.innerHTML = html;
  return box.textContent ?? '';
}

const corpus: Array<{ name: string; md: string; reads: string }> = [
  { name: 'script tag', md: 'before <script>alert(1)</script> after', reads: 'before' },
  { name: 'img onerror', md: 'look <img src=x onerror="alert(1)"> here', reads: 'look' },
  { name: 'markdown image', md: '![cat](https://evil.example/track.png) pic', reads: 'cat' },
  { name: 'javascript: link', md: '[click me](javascript:alert(1))', reads: 'click me' },
  { name: 'encoded javascript: link', md: '[x](jav&#x61;script:alert(1)) y', reads: 'y' },
  { name: 'html javascript: link', md: '<a href="javascript:alert(1)">go</a>', reads: 'go' },
  { name: 'svg onload', md: '<svg onload="alert(1)"><circle r="5"/></svg> shape', reads: 'shape' },
  {
    name: 'style injection',
    md: '<style>body{display:none}</style> <p style="position:fixed">styled</p>',
    reads: 'styled',
  },
  { name: 'data: URL link', md: '[doc](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', reads: 'doc' },
  { name: 'vbscript link', md: '[v](vbscript:msgbox) z', reads: 'z' },
  { name: 'command: link', md: '[run](command:workbench.action.quit) now', reads: 'now' },
  { name: 'iframe', md: '<iframe src="https://evil.example"></iframe> framed', reads: 'framed' },
  { name: 'autolink', md: '<javascript:alert(1)> tail', reads: 'tail' },
  { name: 'reference link', md: '[r][1] ref\n\n[1]: javascript:alert(1)', reads: 'ref' },
  { name: 'details/ontoggle', md: '<details open ontoggle=alert(1)>d</details>', reads: 'd' },
];

for (const c of corpus) {
  test(`XSS corpus: ${c.name} — nothing dangerous survives and the text still reads`, () => {
    const html = render(c.md);
    assert.deepEqual(dangers(html), [], html);
    assert.ok(textOf(html).includes(c.reads), `expected "${c.reads}" in ${JSON.stringify(textOf(html))}`);
  });
}

test('raw HTML in a reply is shown as text, not interpreted', () => {
  const html = render('use <b>bold</b> tags');
  assert.equal(dom.window.document.createRange().createContextualFragment(html).querySelector('b'), null);
  assert.ok(textOf(html).includes('<b>bold</b>'));
});

test('ordinary markdown renders: emphasis, lists, code, tables, safe links with rel=noopener', () => {
  const html = render(
    '**Done!** Your *video*:\n\n- 30 s\n- 1080p\n\n`video.mp4`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Open](https://nemovideo.ai/x)',
  );
  const box = dom.window.document.createElement('div');
  box.innerHTML = html;
  assert.equal(box.querySelector('strong')?.textContent, 'Done!');
  assert.equal(box.querySelectorAll('li').length, 2);
  assert.equal(box.querySelector('code')?.textContent, 'video.mp4');
  assert.equal(box.querySelectorAll('td').length, 2);
  const a = box.querySelector('a');
  assert.equal(a?.getAttribute('href'), 'https://nemovideo.ai/x');
  assert.match(a?.getAttribute('rel') ?? '', /noopener/);
});

test('CJK and emoji text passes through intact', () => {
  assert.ok(textOf(render('视频已生成 🎬 完成')).includes('视频已生成 🎬 完成'));
});

test('task lists show as marks, not form controls', () => {
  const html = render('- [x] photos\n- [ ] music');
  assert.equal(dangers(html).length + (html.includes('<input') ? 1 : 0), 0);
  assert.ok(textOf(html).includes('☑ photos') && textOf(html).includes('☐ music'), textOf(html));
});
