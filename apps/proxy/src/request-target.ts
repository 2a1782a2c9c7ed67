// Where a proxied request is going: absolute-form (`GET http://httpbin:8000/headers`, as curl sends
// through HTTP_PROXY) or origin-form with a Host header.
import type { IncomingMessage } from 'node:http';
import { splitAuthority } from './host-port.js';

export interface RequestTarget {
  authority: string;
  path: string;
  port: number;
}

export function requestTarget(req: IncomingMessage, defaultPort: number): RequestTarget {
  const url = req.url ?? '/';
  let authority: string;
  let path: string;
  if (url.charCodeAt(0) !== 47 /* '/' */ && /^http:\/\//i.test(url)) {
    const rest = url.slice(7);
    let end = rest.length;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35) {
        end = i;
        break;
      }
    }
    authority = rest.slice(0, end);
    path = rest.slice(end);
    if (path === '' || path.charCodeAt(0) !== 47) path = `/${path}`;
    const hash = path.indexOf('#');
    if (hash >= 0) path = path.slice(0, hash);
  } else {
    authority = req.headers.host ?? '';
    path = url;
  }
  const port = splitAuthority(authority).port ?? defaultPort;
  return { authority, path, port };
}
