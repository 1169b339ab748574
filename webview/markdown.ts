/**
 * Markdown → safe HTML for the chat bubbles. Replies come from a remote agent, so they are
 * untrusted: raw HTML in the markdown is shown as text (not interpreted), images become links
 * (no remote loads from the panel), and DOMPurify strips whatever else could run script or
 * navigate somewhere odd. Only http(s) and mailto links survive; they get rel="noopener".
 *
 * Takes the window explicitly so the same code runs in the webview and under jsdom in tests.
 */
import { Marked, type Tokens } from 'marked';
import createDOMPurify from 'dompurify';

export type RenderMarkdown = (markdown: string) => string;

const SAFE_URL = /^(?:https?:|mailto:)/i;

const ALLOWED_TAGS = [
  'a',
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'b',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
];
const ALLOWED_ATTR = ['href', 'title', 'align', 'start'];

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function createMarkdownRenderer(win: Window): RenderMarkdown {
  const marked = new Marked({ gfm: true, breaks: true, async: false });
  marked.use({
    // After an opening <script>/<style>/<pre> tag marked treats the following inline text as
    // raw (already escaped). Since our html renderer shows tags as text, that text must be
    // escaped too — otherwise "<scr<script>ipt>…</scr</script>ipt> tail" swallows "tail" into a
    // bogus end tag.
    walkTokens(token) {
      if (token.type === 'text' && (token as Tokens.Text).escaped) (token as Tokens.Text).escaped = false;
    },
    renderer: {
      // Raw HTML in a reply reads as what it is: text.
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      // No remote images in the panel: show the alt text as a link the user may open.
      image(token: Tokens.Image): string {
        const label = escapeHtml(token.text || token.title || token.href);
        return SAFE_URL.test(token.href) ? `<a href="${escapeHtml(token.href)}">${label}</a>` : label;
      },
      // GFM task lists: a display-only mark instead of a form control.
      checkbox(token: Tokens.Checkbox): string {
        return token.checked ? '☑' : '☐';
      },
    },
  });

  const purify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });

  return (markdown: string): string => {
    const html = marked.parse(markdown, { async: false });
    return purify.sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP: SAFE_URL,
      ALLOW_DATA_ATTR: false,
      ALLOW_UNKNOWN_PROTOCOLS: false,
    });
  };
}
