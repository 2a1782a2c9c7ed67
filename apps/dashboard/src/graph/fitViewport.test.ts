import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT, fitViewport } from './fitViewport';

const screen = { width: 1000, height: 500 };

describe('fitViewport', () => {
  it('centres the drawing and zooms so it fits the tighter dimension', () => {
    const view = fitViewport(
      [
        { x: 0, y: 0 },
        { x: 4000, y: 1000 },
      ],
      screen,
    );
    // (4000 + 2·70) wide in 960 px, (1000 + 2·70) high in 460 px: the height decides.
    const zoom = Math.min(960 / 4140, 460 / 1140);
    expect(view?.zoom).toBeCloseTo(zoom);
    expect(view?.pan.x).toBeCloseTo(500 - 2000 * zoom);
    expect(view?.pan.y).toBeCloseTo(250 - 500 * zoom);
  });

  it('does not blow a small graph up past the maximum zoom', () => {
    const view = fitViewport([{ x: 10, y: 20 }], screen);
    expect(view?.zoom).toBe(DEFAULT_FIT.maxZoom);
    expect(view?.pan).toEqual({ x: 500 - 10 * 1.2, y: 250 - 20 * 1.2 });
  });

  it('has nothing to fit without nodes or without a screen', () => {
    expect(fitViewport([], screen)).toBeNull();
    expect(fitViewport([{ x: 0, y: 0 }], { width: 0, height: 0 })).toBeNull();
  });
});
