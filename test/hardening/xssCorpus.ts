/**
 * The XSS corpus: payloads an agent reply or a file name might carry. Every payload that could
 * run script tries to call `__xss()` — the canary the browser test installs — so "executed"
 * is measured, not guessed. `reads` is a word that must still be visible after sanitising.
 */
export interface XssPayload {
  name: string;
  text: string;
  reads: string;
}

const C = '__xss()';

export const XSS_CORPUS: XssPayload[] = [
  // script tags
  { name: 'script tag', text: `hello <script>${C}</script> world`, reads: 'hello' },
  { name: 'script tag, upper case', text: `A <SCRIPT>${C}</SCRIPT> B`, reads: 'A' },
  { name: 'script src data:', text: `x <script src="data:text/javascript,${C}"></script> y`, reads: 'x' },
  { name: 'script split by null byte', text: `a <scr\u0000ipt>${C}</scr\u0000ipt> b`, reads: 'a' },
  { name: 'nested script', text: `<scr<script>ipt>${C}</scr</script>ipt> tail`, reads: 'tail' },
  { name: 'script in code fence', text: `\`\`\`html\n<script>${C}</script>\n\`\`\`\nafter`, reads: 'after' },
  // event handlers
  { name: 'img onerror', text: `look <img src=x onerror=${C}> here`, reads: 'look' },
  { name: 'img onerror, quoted', text: `<img src="x" onerror="${C}">pic`, reads: 'pic' },
  { name: 'body onload', text: `<body onload=${C}>b`, reads: 'b' },
  { name: 'svg onload', text: `<svg onload=${C}><circle r=5 /></svg> shape`, reads: 'shape' },
  { name: 'details ontoggle', text: `<details open ontoggle=${C}>d</details>`, reads: 'd' },
  { name: 'input autofocus onfocus', text: `<input autofocus onfocus=${C}> field`, reads: 'field' },
  { name: 'video source onerror', text: `<video><source onerror=${C}></video> vid`, reads: 'vid' },
  { name: 'audio onerror', text: `<audio src=x onerror=${C}></audio> snd`, reads: 'snd' },
  { name: 'marquee onstart', text: `<marquee onstart=${C}>m</marquee>`, reads: 'm' },
  { name: 'div onmouseover', text: `<div onmouseover=${C} style="position:fixed;inset:0">cover</div>`, reads: 'cover' },
  { name: 'a onclick', text: `<a href="#" onclick=${C}>click</a>`, reads: 'click' },
  { name: 'handler with entity-encoded call', text: `<img src=x onerror="&#95;&#95;xss()">enc`, reads: 'enc' },
  { name: 'handler after slash', text: `<img/src=x/onerror=${C}>slash`, reads: 'slash' },
  // javascript: and other schemes
  { name: 'markdown javascript: link', text: `[click me](javascript:${C})`, reads: 'click me' },
  { name: 'markdown JaVaScRiPt: link', text: `[mixed](JaVaScRiPt:${C})`, reads: 'mixed' },
  { name: 'javascript: with tab', text: `[tab](java\tscript:${C})`, reads: 'tab' },
  { name: 'entity-encoded javascript:', text: `[x](jav&#x61;script:${C}) y`, reads: 'y' },
  { name: 'html javascript: link', text: `<a href="javascript:${C}">go</a>`, reads: 'go' },
  { name: 'data: html link', text: `[doc](data:text/html,<script>${C}</script>)`, reads: 'doc' },
  { name: 'vbscript link', text: '[v](vbscript:msgbox(1)) z', reads: 'z' },
  { name: 'command: link (VS Code)', text: '[run](command:workbench.action.quit) now', reads: 'now' },
  { name: 'autolink javascript:', text: `<javascript:${C}> tail`, reads: 'tail' },
  { name: 'reference-style javascript:', text: `[r][1] ref\n\n[1]: javascript:${C}`, reads: 'ref' },
  { name: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.${C}</script>"></iframe> framed`, reads: 'framed' },
  { name: 'iframe javascript: src', text: `<iframe src="javascript:parent.${C}"></iframe> f2`, reads: 'f2' },
  { name: 'object data', text: `<object data="javascript:${C}"></object> obj`, reads: 'obj' },
  { name: 'embed src', text: `<embed src="javascript:${C}"> emb`, reads: 'emb' },
  { name: 'form action', text: `<form action="javascript:${C}"><button>send</button></form>`, reads: 'send' },
  { name: 'button formaction', text: `<button formaction="javascript:${C}">btn</button>`, reads: 'btn' },
  { name: 'meta refresh', text: `<meta http-equiv="refresh" content="0;url=javascript:${C}"> meta`, reads: 'meta' },
  { name: 'base href', text: '<base href="javascript:/"> based [l](x)', reads: 'based' },
  // SVG / MathML
  { name: 'svg script', text: `<svg><script>${C}</script></svg> s2`, reads: 's2' },
  {
    name: 'svg animate href',
    text: `<svg><a><animate attributeName=href values=javascript:${C} /><text y=20>svgtext</text></a></svg>`,
    reads: 'svgtext',
  },
  {
    name: 'svg foreignObject',
    text: `<svg><foreignObject><img src=x onerror=${C}></foreignObject></svg> fo`,
    reads: 'fo',
  },
  {
    name: 'math xlink',
    text: `<math><mtext><a xlink:href="javascript:${C}">mathlink</a></mtext></math>`,
    reads: 'mathlink',
  },
  {
    name: 'svg use data:',
    text: `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${C}'/></svg>#x"/></svg> use`,
    reads: 'use',
  },
  // CSS injection
  { name: 'style tag', text: '<style>body{display:none}</style> visible', reads: 'visible' },
  {
    name: 'style attribute',
    text: '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    reads: 'overlay',
  },
  { name: 'css expression', text: `<div style="width: expression(${C})">expr</div>`, reads: 'expr' },
  { name: 'css import url', text: '<style>@import url("https://evil.example/x.css");</style> imp', reads: 'imp' },
  {
    name: 'link stylesheet',
    text: '<link rel="stylesheet" href="https://evil.example/x.css"> linked',
    reads: 'linked',
  },
  // markdown link/image tricks
  { name: 'markdown image onerror title', text: `![alt" onerror="${C}](x) img`, reads: 'img' },
  { name: 'markdown image javascript:', text: `![pic](javascript:${C}) after`, reads: 'after' },
  { name: 'markdown image tracking pixel', text: '![cat](https://evil.example/track.png) pic', reads: 'cat' },
  { name: 'link title breakout', text: `[t](https://ok.example "a\\" onmouseover=\\"${C}") tt`, reads: 'tt' },
  { name: 'link with html in text', text: `[<img src=x onerror=${C}>](https://ok.example) lt`, reads: 'lt' },
  { name: 'html comment breakout', text: `<!-- --><img src=x onerror=${C}> --> cm`, reads: 'cm' },
  { name: 'cdata', text: `<![CDATA[><img src=x onerror=${C}>]]> cd`, reads: 'cd' },
  // unicode tricks
  { name: 'RTL override file name', text: 'invoice\u202egnp.exe', reads: 'invoice' },
  { name: 'fullwidth angle brackets', text: `\uff1cscript\uff1e${C}\uff1c/script\uff1e fw`, reads: 'fw' },
  { name: 'zero-width in javascript:', text: `[zw](java\u200bscript:${C})`, reads: 'zw' },
  { name: 'homoglyph scheme', text: `[hg](jаvascript:${C}) hg2`, reads: 'hg2' },
  { name: 'unicode escapes in handler', text: `<img src=x onerror="\\u005f\\u005fxss()">ue`, reads: 'ue' },
  { name: 'template literal noise', text: `\${${C}} {{constructor.constructor('${C}')()}} tpl`, reads: 'tpl' },
  { name: 'quotes and ampersands in a name', text: `it's "quoted" & <b>bold</b>.png`, reads: 'quoted' },
];

/** The chat shell's Content-Security-Policy (src/ui/chatHtml.ts) for a webview source and nonce. */
export const EXPECTED_CSP = (source: string, nonce: string): string =>
  `default-src 'none'; img-src ${source} data:; style-src ${source}; font-src ${source}; script-src 'nonce-${nonce}';`;
