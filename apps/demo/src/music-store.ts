import { type DemoServerOptions, resolveDemoOptions } from './demo-options.js';
import { type RunningDemoServer, startDemoServer } from './demo-server.js';

/** One song of the Music app's catalogue. */
export interface Song {
  id: number;
  title: string;
  artist: string;
  album: string;
  durationS: number;
}

/** What the Music app's `store` keeps: a fixed catalogue, so every version answers alike. */
export const MUSIC_CATALOGUE: readonly Readonly<Song>[] = Object.freeze([
  { id: 1, title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue', durationS: 562 },
  { id: 2, title: 'Take Five', artist: 'The Dave Brubeck Quartet', album: 'Time Out', durationS: 324 },
  { id: 3, title: 'Blue in Green', artist: 'Miles Davis', album: 'Kind of Blue', durationS: 337 },
  { id: 4, title: 'Naima', artist: 'John Coltrane', album: 'Giant Steps', durationS: 261 },
  { id: 5, title: 'Waltz for Debby', artist: 'Bill Evans Trio', album: 'Waltz for Debby', durationS: 416 },
  { id: 6, title: 'Moanin', artist: 'Art Blakey', album: 'Moanin', durationS: 575 },
]);

/** Options of the Music app's `store` (it calls nothing). */
export type MusicStoreOptions = DemoServerOptions;

/** Starts the Music app's `store`: `GET /songs` (the catalogue) and `GET /songs/{id}`; others 404 JSON. */
export function startMusicStore(options: MusicStoreOptions): Promise<RunningDemoServer> {
  const resolved = resolveDemoOptions(options);
  return startDemoServer(
    {
      handler: ({ method, path }) => {
        if (method !== 'GET' && method !== 'HEAD') {
          return {
            status: 405,
            headers: { allow: 'GET, HEAD' },
            json: { error: 'method not allowed', path },
          };
        }
        if (path === '/songs') return { status: 200, json: { songs: MUSIC_CATALOGUE } };
        const song = songAt(path);
        if (song) return { status: 200, json: { song } };
        return { status: 404, json: { error: 'not found', path } };
      },
    },
    resolved,
  );
}

/** The song `/songs/{id}` names, or undefined. */
export function songAt(path: string): Readonly<Song> | undefined {
  const match = /^\/songs\/(\d{1,6})$/.exec(path);
  return match ? MUSIC_CATALOGUE.find((s) => s.id === Number(match[1])) : undefined;
}
