// Fixed documents httpbin answers: `/json`'s slideshow, the bodies of some `/status/{code}` answers,
// and a small index page.

/** httpbin's `/json` document. */
export function slideshow(): Record<string, unknown> {
  return {
    slideshow: {
      title: 'Sample Slide Show',
      date: 'date of publication',
      author: 'Yours Truly',
      slides: [
        { type: 'all', title: 'Wake up to WonderWidgets!' },
        {
          type: 'all',
          title: 'Overview',
          items: ['Why <em>WonderWidgets</em> are great', 'Who <em>buys</em> WonderWidgets'],
        },
      ],
    },
  };
}

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`;

const REDIRECT = { location: '/redirect/1' };
const FAKE_REALM = 'Basic realm="Fake Realm"';

interface StatusExtra {
  headers?: Record<string, string>;
  body?: string;
}

/** Extra headers and body httpbin's `status_code()` gives some codes; others answer empty. */
export const STATUS_EXTRAS: ReadonlyMap<number, StatusExtra> = new Map<number, StatusExtra>([
  [301, { headers: REDIRECT }],
  [302, { headers: REDIRECT }],
  [303, { headers: REDIRECT }],
  [305, { headers: REDIRECT }],
  [307, { headers: REDIRECT }],
  [401, { headers: { 'www-authenticate': FAKE_REALM } }],
  [402, { headers: { 'x-more-info': 'http://vimeo.com/22053820' }, body: 'Fuck you, pay me!' }],
  [
    406,
    {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: 'Client did not request a supported media type.',
        accept: ['image/webp', 'image/svg+xml', 'image/jpeg', 'image/png', 'image/*'],
      }),
    },
  ],
  [407, { headers: { 'proxy-authenticate': FAKE_REALM } }],
  [418, { headers: { 'x-more-info': 'http://tools.ietf.org/html/rfc2324' }, body: TEAPOT }],
]);

const ENDPOINTS: ReadonlyArray<readonly [string, string]> = [
  ['/headers', "the request's headers"],
  ['/get', "the request's query arguments, headers, origin and URL"],
  ['/post, /put, /patch, /delete', 'the same plus form, data, files and json'],
  ['/anything[/…]', 'any method: everything above plus the method'],
  ['/status/{code}', 'answers that status; /status/200,500 (or 200:3,500:1) picks one'],
  ['/delay/{s}', 'answers after s seconds (at most 10)'],
  ['/uuid', 'a random UUID4'],
  ['/ip', "the caller's address"],
  ['/json', 'a fixed JSON document'],
  ['/__log', "this workload's access log (JSON)"],
];

/** A small HTML index listing the endpoints. */
export function indexPage(version: string): string {
  const rows = ENDPOINTS.map(([path, what]) => `<li><code>${path}</code> — ${what}</li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>httpbin ${version} (Shadowmesh demo)</title></head>
<body>
<h1>httpbin ${version}</h1>
<p>An httpbin-compatible demo workload of Shadowmesh.</p>
<ul>
${rows}
</ul>
</body>
</html>
`;
}
